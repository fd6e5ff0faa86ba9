import type { Scenario } from '../../sim/scenario.ts';
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
