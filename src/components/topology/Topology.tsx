import { useMemo } from 'react';
import { topologyOf } from '../../sim/topology.ts';
import { useConfigAt, useSnapshot } from '../../store/hooks.ts';
import { useLab, useT } from '../../store/context.tsx';
import { NatCard } from '../inspector/NatCard.tsx';
import { layoutOf, VIEW_H, VIEW_W, type Point } from './layout.ts';
import { NodeBox } from './NodeBox.tsx';
import { PacketLayer } from './PacketLayer.tsx';
import { usePrefersReducedMotion } from './useReducedMotion.ts';

function Link({ a, b, kind }: { a: Point; b: Point; kind: 'public' | 'private' | 'standby' | 'dns' | 'vrrp' }) {
  return <line className={`link link-${kind}`} x1={a.x} y1={a.y} x2={b.x} y2={b.y} />;
}

/** The network as a left-to-right drawing: clients, DNS, the VIP on the balancers, servers. */
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
  const layout = useMemo(() => layoutOf(topo), [topo]);
  const [lb1, lb2] = [layout.balancers[0]!, layout.balancers[1]!];
  const points = useMemo(() => {
    const m = new Map<string, Point>([['dns', layout.dns], ['lb1', lb1], ['lb2', lb2]]);
    for (const [ip, p] of layout.clients) m.set(`client:${ip}`, p);
    for (const [name, p] of layout.servers) m.set(name, p);
    return m;
  }, [layout, lb1, lb2]);
  const colorOf = useMemo(() => new Map(topo.clients.map((c, i) => [c.address, i])), [topo]);

  return (
    <div className="drawing">
      <svg className="topology" viewBox={`0 0 ${VIEW_W} ${VIEW_H}`} role="group" aria-label={t("topology.label")}>
        <g aria-hidden="true">
          {topo.clients.map((c) => {
            const p = layout.clients.get(c.address)!;
            return (
              <g key={c.id}>
                <Link a={p} b={lb1} kind="public" />
                <Link a={p} b={layout.dns} kind="dns" />
              </g>
            );
          })}
          {topo.servers.map((s) => {
            const p = layout.servers.get(s.id)!;
            return (
              <g key={s.id}>
                <Link a={lb2} b={p} kind="standby" />
                <Link a={lb1} b={p} kind="private" />
              </g>
            );
          })}
          <Link a={lb1} b={lb2} kind="vrrp" />
        </g>
        <text className="column-title" x={150} y={60} textAnchor="middle">{t('node.clients')}</text>
        <text className="column-title" x={1420} y={60} textAnchor="middle">{t('node.servers')}</text>
        {topo.clients.map((c, i) => (
          <NodeBox key={c.id} id={c.id} kind="client" flow={i % 6} at={layout.clients.get(c.address)!}
            title={c.address} label={t('node.client', { ip: c.address })} />
        ))}
        <NodeBox id="dns" kind="dns" at={layout.dns} title={t('node.dns')}
          subtitle={t('node.dnsAnswer', { name: topo.serviceName, vip: topo.vip.split(':')[0]! })}
          label={`${t('node.dns')}: ${t('node.dnsAnswer', { name: topo.serviceName, vip: topo.vip })}`} wide />
        <g className="vip-badge">
          <rect x={lb1.x - 150} y={lb1.y - 150} width={300} height={50} rx={25} />
          <text x={lb1.x} y={lb1.y - 116} textAnchor="middle">{t('node.vip', { vip: topo.vip })}</text>
        </g>
        <NodeBox id="lb1" kind="balancer" at={lb1} title={`lb1 · ${t('node.active')}`}
          subtitle={topo.balancers[0]!.address} label={t('node.primary', { name: 'lb1' })} />
        <NodeBox id="lb2" kind="balancer" standby at={lb2} title={`lb2 · ${t('node.standbyShort')}`}
          subtitle={topo.balancers[1]!.address} label={t('node.standby', { name: 'lb2' })} />
        {topo.servers.map((s) => {
          const c = config.servers.find((x) => x.name === s.id);
          const note = c && !c.member ? t('node.removed')
            : `${t('node.weight', { weight: c?.weight ?? 1 })} · ${t('node.conns', { count: snapshot.conns[s.id] ?? 0 })}`;
          return (
            <NodeBox key={s.id} id={s.id} kind="server" at={layout.servers.get(s.id)!} standby={c ? !c.member : false}
              title={s.id} subtitle={s.address} note={note}
              label={`${s.id} ${s.address}: ${note}`} />
          );
        })}
        <PacketLayer trace={trace} clock={clock} points={points} colorOf={colorOf}
          selected={selected} onSelect={select} reducedMotion={reducedMotion} />
      </svg>
      <div className="nat-card-slot">
        <NatCard />
      </div>
    </div>
  );
}
