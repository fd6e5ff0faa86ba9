import type { Topology } from '../../sim/topology.ts';
import type { Layout, Point } from './layout.ts';

type Kind = 'public' | 'private' | 'standby' | 'dns' | 'vrrp';

function Link({ a, b, kind }: { a: Point; b: Point; kind: Kind }) {
  return <line className={`link link-${kind}`} x1={a.x} y1={a.y} x2={b.x} y2={b.y} />;
}

interface Props {
  topo: Topology;
  layout: Layout;
  /** Where clients' packets for the VIP go. */
  vipAt: Point;
  /** The balancer in charge (talks to the servers) and the other one. */
  front: Point;
  back: Point;
}

/** The wires: clients to the VIP and to DNS, each balancer to each server, the VRRP link. */
export function Links({ topo, layout, vipAt, front, back }: Props) {
  return (
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
      {topo.servers.map((s) => {
        const p = layout.servers.get(s.id)!;
        return (
          <g key={s.id}>
            <Link a={back} b={p} kind="standby" />
            <Link a={front} b={p} kind="private" />
          </g>
        );
      })}
      <Link a={layout.balancers[0]} b={layout.balancers[1]} kind="vrrp" />
    </g>
  );
}
