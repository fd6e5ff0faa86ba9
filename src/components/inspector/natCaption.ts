import { macOf } from '../../sim/forwarding.ts';
import { balancerIndex, isBalancer } from '../../sim/nodes.ts';
import type { Scenario } from '../../sim/scenario.ts';
import { allServers } from '../../sim/topology.ts';
import type { RequestRecord } from '../../sim/types.ts';
import { headerChange } from './headerDiff.ts';
import { roleOf, type Role } from './natFocus.ts';

export interface Rewrite {
  field: 'src' | 'dst';
  from: Role;
  to: Role;
  /** The new address, "ip:port". */
  toAddr: string;
}

export type NatStory =
  | { kind: 'rewrite'; rewrites: Rewrite[] }
  /** Direct routing: the IP header left alone, the Ethernet destination rewritten from the balancer's MAC to the server's. */
  | { kind: 'mac'; from: { name: string; mac: string }; to: { name: string; mac: string } }
  /** IP tunnelling: the IP header left alone, wrapped in an outer one (balancer → server) the server takes off. */
  | { kind: 'outer'; src: string; dst: string; server: string }
  | { kind: 'same' }
  /** The balancer had no server to send to: nginx answers 502 itself; an L4 balancer resets the connection. */
  | { kind: 'noServer' }
  /** It arrived and went no further (a reset or a timeout, say). */
  | { kind: 'dropped' }
  /** L7: the balancer ends the client's connection and reads the request, to send it on itself. */
  | { kind: 'read' }
  /** The balancer sent the request anew: a retry, or an L7 balancer's own connection. */
  | { kind: 'resent' }
  /** L7: the response was read and written into the client's connection, not rewritten. */
  | { kind: 'proxied' };

/**
 * What the balancer did to the packet at hop i, in the order the notes tell it: a request's
 * destination first (that is the balancing), a response's source first (that is the disguise).
 */
export function natStory(r: RequestRecord, i: number, s: Scenario): NatStory {
  const hop = r.hops[i];
  if (!hop) return { kind: 'same' };
  if (!hop.in && hop.out && hop.dir === 'request') return { kind: 'resent' };
  if (s.mode === 'L7' && hop.dir === 'request' && hop.in && !hop.out && !hop.drop && i < r.hops.length - 1) return { kind: 'read' };
  if (!hop.in || !hop.out) return r.outcome === 'unavailable' ? { kind: 'noServer' } : { kind: 'dropped' };
  if (s.mode === 'L7') return { kind: 'proxied' };
  // The modes that carry the server outside the IP header (forwarding.ts's `carries`).
  const server = (ip: string) => allServers(s).find((x) => x.ip === ip || macOf(x.ip) === ip)?.name ?? ip;
  const { mac, outer } = hop.out;
  if (mac && isBalancer(hop.node)) {
    const own = s.network.balancerIps[balancerIndex(hop.node)];
    return { kind: 'mac', from: { name: hop.node, mac: own ? macOf(own) : mac.src }, to: { name: server(mac.dst), mac: mac.dst } };
  }
  if (outer) return { kind: 'outer', src: outer.src, dst: outer.dst, server: server(outer.dst) };
  const change = headerChange(hop.in, hop.out);
  const order: ('src' | 'dst')[] = hop.dir === 'request' ? ['dst', 'src'] : ['src', 'dst'];
  const rewrites = order
    .filter((f) => change[f])
    .map((field): Rewrite => ({
      field,
      from: roleOf(hop.in![field], r, s),
      to: roleOf(hop.out![field], r, s),
      toAddr: hop.out![field],
    }));
  return rewrites.length ? { kind: 'rewrite', rewrites } : { kind: 'same' };
}
