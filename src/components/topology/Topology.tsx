import { useMemo, useRef, type CSSProperties } from 'react';
import { translate, type MessageKey } from '../../i18n/index.ts';
import { topologyOf } from '../../sim/topology.ts';
import { useConfigAt, useSnapshot } from '../../store/hooks.ts';
import { useLab, useT } from '../../store/context.tsx';
import { BALANCERS, isBalancer, otherBalancer } from '../../sim/nodes.ts';
import { balancerPoint, layoutOf, pointsOf, typeScale } from './layout.ts';
import { Links } from './Links.tsx';
import { useDirectRoutes } from './useDirectRoutes.ts';
import { drawingOf } from './forwardingDrawing.ts';
import { Legend } from './Legend.tsx';
import { WhyOverlay } from './WhyOverlay.tsx';
import type { Rect } from './why/place.ts';
import { useStageSize } from './useStageSize.ts';
import { NodeBox } from './NodeBox.tsx';
import { NodeMenu } from './NodeMenu.tsx';
import { boxSize, USUAL } from './nodeBoxes.ts';
import { PacketLayer } from './PacketLayer.tsx';
import { SignalLayer } from './SignalLayer.tsx';
import { GarpLayer } from './GarpLayer.tsx';
import { VipBadge } from '../failures/VipBadge.tsx';
import { useFailoverView } from '../failures/useFailover.ts';
import { roleText, serverStatus } from '../failures/nodeStatus.ts';
import { usePrefersReducedMotion } from './useReducedMotion.ts';

/**
 * The network as a drawing: clients, DNS, the VIP on the balancers, servers; left to right on
 * a wide stage, top to bottom on a phone.
 */
export function Topology() {
  const t = useT();
  const scenario = useLab((s) => s.scenario);
  const trace = useLab((s) => s.trace);
  const clock = useLab((s) => s.clock);
  const selected = useLab((s) => s.selected);
  const select = useLab((s) => s.select);
  const config = useConfigAt();
  const snapshot = useSnapshot();
  const reducedMotion = usePrefersReducedMotion();
  const topo = useMemo(() => topologyOf(scenario), [scenario]);
  const classroom = useLab((s) => s.classroom);
  const canvas = useRef<HTMLDivElement>(null);
  const key = useRef<HTMLDivElement>(null);
  // The why marks' places (WhyOverlay), which the packets' header tag keeps off.
  const marks = useRef<Rect[]>([]);
  const { orientation, size, reserve } = useStageSize(canvas, key);
  const layout = useMemo(
    () => layoutOf(topo, orientation, size, typeScale(size.width, classroom), reserve),
    [topo, orientation, size, classroom, reserve],
  );
  const k = layout.type;
  const points = useMemo(() => pointsOf(layout), [layout]);
  // Where servers answer clients themselves (direct routing, IP tunnelling): the paths those answers take.
  const directAnswer = drawingOf(scenario).directAnswer;
  const direct = useDirectRoutes(directAnswer, layout);
  const colorOf = useMemo(() => new Map(topo.clients.map((c, i) => [c.address, i])), [topo]);
  const lang = useLab((s) => s.lang);
  const failover = useFailoverView();
  // Clients reach whichever balancer holds the VIP; the one in charge talks to the servers.
  const vipOn = failover.vrrp.vip ?? BALANCERS[0];
  const vipAt = balancerPoint(layout, vipOn);
  const front = failover.inCharge ?? BALANCERS[0];
  const showStatus = !!scenario.healthCheck || scenario.events.some((e) => e.action === 'fail' && !isBalancer(e.target));
  const hc = topo.servers.length <= 4 ? scenario.healthCheck : null;
  const signalLabels = useMemo(() => {
    const w = (key: MessageKey) => translate(lang, key);
    return {
      drop: {
        lost: w('fail.drop.lost'),
        refused: w('fail.drop.refused'),
        timeout: w('fail.drop.timeout'),
        reset: w('fail.drop.reset'),
        overflow: w('fail.drop.overflow'),
        'no-port': w('fail.drop.no-port'),
      },
      advert: w('fail.advert'),
    };
  }, [lang]);

  return (
    <div className={`drawing drawing-${orientation}`} data-lesson-target="topology">
      <div className="drawing-canvas" ref={canvas}>
        {/* One unit is one screen pixel: the viewBox is the size the SVG is drawn at (layout.ts). */}
        <svg
          className="topology"
          viewBox={`0 0 ${layout.width} ${layout.height}`}
          style={{ '--stage-type': k, height: `${layout.height}px` } as CSSProperties}
          role="group"
          aria-label={t('topology.label')}
        >
          <Links topo={topo} layout={layout} vipAt={vipAt} front={front} back={otherBalancer(front)} direct={direct} />
          <text className="column-title" x={layout.titles.clients.x} y={layout.titles.clients.y} textAnchor="middle">
            {t('node.clients')}
          </text>
          <text className="column-title" x={layout.titles.servers.x} y={layout.titles.servers.y} textAnchor="middle">
            {t('node.servers')}
          </text>
          {topo.clients.map((c, i) => (
            <NodeBox
              key={c.id}
              id={c.id}
              kind="client"
              lessonTarget="clients"
              flow={i % 6}
              at={layout.clients.get(c.address)!}
              title={c.address}
              label={t('node.client', { ip: c.address })}
              k={k}
            />
          ))}
          {/* The name it answers for; the answer (the VIP) on hover and in its name. */}
          <NodeBox
            id="dns"
            kind="dns"
            lessonTarget="dns"
            at={layout.dns}
            title={t('node.dns')}
            subtitle={topo.serviceName}
            label={`${t('node.dns')}: ${t('node.dnsAnswer', { name: topo.serviceName, vip: topo.vip })}`}
            k={k}
          />
          <VipBadge
            at={vipAt}
            lift={boxSize('balancer', USUAL.balancer, k).h / 2}
            k={k}
            vip={topo.vip}
            holder={vipOn}
            answered={failover.vrrp.vipAnswered}
          />
          {failover.vrrp.balancers.map((b, i) => {
            const role = roleText(b, lang);
            const holds = b.alive && failover.vrrp.vip === b.name;
            return (
              <NodeBox
                key={b.name}
                id={b.name}
                kind="balancer"
                lessonTarget={b.name}
                at={balancerPoint(layout, b.name)}
                title={`${b.name} · ${role}`}
                subtitle={topo.balancers[i]!.address}
                standby={!(b.alive && b.role === 'master')}
                state={b.alive ? undefined : 'failed'}
                label={`${t(i === 0 ? 'node.primary' : 'node.standby', { name: b.name })}: ${role}${holds ? `, ${t('fail.lb.holdsVip')}` : ''}`}
                k={k}
              />
            );
          })}
          {topo.servers.map((s) => {
            const c = config.servers.find((x) => x.name === s.id);
            // On the box: its weight (or that it was removed); its open connections in its name and on hover.
            const shown = c && !c.member ? t('node.removed') : t('node.weight', { weight: c?.weight ?? 1 });
            const note = c && !c.member ? shown : `${shown} · ${t('node.conns', { count: snapshot.conns[s.id] ?? 0 })}`;
            const st = serverStatus(
              {
                failed: config.failed.has(s.id),
                onFailure: c?.onFailure ?? 'refuse',
                inCharge: failover.inCharge,
                view: failover.inCharge ? failover.health.get(failover.inCharge)?.get(s.id) : undefined,
                healthCheck: hc,
              },
              lang,
            );
            const status = showStatus || st.failed ? st.lines : [];
            return (
              <NodeBox
                key={s.id}
                id={s.id}
                kind="server"
                lessonTarget="servers"
                at={layout.servers.get(s.id)!}
                standby={c ? !c.member : false}
                title={s.id}
                subtitle={s.address}
                note={shown}
                status={status}
                state={st.failed ? 'failed' : st.down ? 'down' : undefined}
                label={`${s.id} ${s.address}: ${note}${status.length ? `, ${status.join(', ')}` : ''}`}
                k={k}
              />
            );
          })}
          <WhyOverlay layout={layout} marks={marks} />
          <SignalLayer
            trace={trace}
            clock={clock}
            points={points}
            legMs={scenario.network.serverLatencyMs}
            reducedMotion={reducedMotion}
            labels={signalLabels}
            layout={layout}
          />
          <GarpLayer trace={trace} clock={clock} points={points} layout={layout} vip={topo.vip} reducedMotion={reducedMotion} />
          <PacketLayer
            trace={trace}
            clock={clock}
            points={points}
            layout={layout}
            colorOf={colorOf}
            selected={selected}
            onSelect={select}
            reducedMotion={reducedMotion}
            marks={marks}
            direct={direct}
            vipOn={vipOn}
          />
        </svg>
        {/* The key: laid over the picture's bottom edge on a large stage (the nodes keep out of it), under it otherwise. */}
        <div className="drawing-key" ref={key}>
          <Legend />
        </div>
        <NodeMenu />
      </div>
    </div>
  );
}
