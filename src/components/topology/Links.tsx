import { useMemo } from 'react';
import { translate, type Lang } from '../../i18n/index.ts';
import type { BalancerName } from '../../sim/nodes.ts';
import type { Topology } from '../../sim/topology.ts';
import { useLab } from '../../store/context.tsx';
import { useFailoverView } from '../failures/useFailover.ts';
import { balancerPoint, type Layout, type Point } from './layout.ts';
import type { DirectRoutes } from './directWay.ts';
import { DirectAnswers } from './DirectAnswers.tsx';
import { healthMarks, markedDown, passiveMarks, type DownMark } from './why/markedDown.ts';
import './why/canvasWhy.css';

type Kind = 'public' | 'private' | 'standby' | 'dns' | 'vrrp';

function Link({ a, b, kind }: { a: Point; b: Point; kind: Kind }) {
  return <line className={`link link-${kind}`} x1={a.x} y1={a.y} x2={b.x} y2={b.y} />;
}

/**
 * A link from a balancer to a server it has marked down: greyed, dashed, a ✕ at its middle,
 * and named for screen readers (the other links are decoration).
 */
function MarkedLink({ a, b, mark, lang }: { a: Point; b: Point; mark: DownMark; lang: Lang }) {
  const mx = (a.x + b.x) / 2,
    my = (a.y + b.y) / 2;
  const name = translate(lang, mark.by === 'health' ? 'cw.down.health' : 'cw.down.passive', {
    lb: mark.balancer,
    server: mark.server,
  });
  return (
    <g className="link-down" role="img" aria-label={name} data-balancer={mark.balancer} data-server={mark.server} data-by={mark.by}>
      <line className="link link-marked" x1={a.x} y1={a.y} x2={b.x} y2={b.y} />
      <g className="link-cross" transform={`translate(${mx},${my})`}>
        <circle r={11} />
        <path d="M-5,-5L5,5M5,-5L-5,5" />
      </g>
    </g>
  );
}

interface Props {
  topo: Topology;
  layout: Layout;
  /** Where clients' packets for the VIP go. */
  vipAt: Point;
  /** The balancer in charge (talks to the servers) and the other one. */
  front: BalancerName;
  back: BalancerName;
  /** The servers' direct answers to the clients (direct routing, IP tunnelling), or null when answers go back through the balancer. */
  direct: DirectRoutes | null;
}

/**
 * The wires: clients to the VIP and to DNS, each balancer to each server, the VRRP link, and,
 * where servers answer clients themselves, a path from each server to each client. A
 * server a balancer has marked down (its health checks, or nginx's max_fails) keeps a crossed
 * link from that balancer; a failed server nobody has noticed yet keeps a normal one.
 */
export function Links({ topo, layout, vipAt, front, back, direct }: Props) {
  const lang = useLab((s) => s.lang);
  const trace = useLab((s) => s.trace);
  const scenario = useLab((s) => s.scenario);
  const time = useLab((s) => s.time);
  const failover = useFailoverView();
  const marks = useMemo(() => {
    const alive = new Set(failover.vrrp.balancers.filter((b) => b.alive).map((b) => b.name));
    const all = markedDown(healthMarks(failover.health), passiveMarks(trace, scenario, time, alive));
    return new Map(all.map((m) => [`${m.balancer} ${m.server}`, m]));
  }, [failover, trace, scenario, time]);

  return (
    <g className="links">
      <g aria-hidden="true">
        {topo.clients.map((c) => {
          const p = layout.clients.get(c.address)!;
          return (
            <g key={c.id}>
              <Link a={p} b={vipAt} kind="public" />
              <Link a={p} b={layout.dns} kind="dns" />
            </g>
          );
        })}
        <Link a={layout.balancers[0]} b={layout.balancers[1]} kind="vrrp" />
      </g>
      {topo.servers.map((s) => {
        const p = layout.servers.get(s.id)!;
        return (
          <g key={s.id}>
            {(
              [
                [back, 'standby'],
                [front, 'private'],
              ] as const
            ).map(([lb, kind]) => {
              const mark = marks.get(`${lb} ${s.id}`);
              const a = balancerPoint(layout, lb);
              return mark ? (
                <MarkedLink key={kind} a={a} b={p} mark={mark} lang={lang} />
              ) : (
                <g key={kind} aria-hidden="true">
                  <Link a={a} b={p} kind={kind} />
                </g>
              );
            })}
          </g>
        );
      })}
      {direct && <DirectAnswers direct={direct} layout={layout} />}
    </g>
  );
}
