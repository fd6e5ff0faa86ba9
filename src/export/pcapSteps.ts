/**
 * A record's packets in the order they happened, and which of them are resets. The engine
 * records a reset as a hop like any other (a refusing server's answer, a balancer's NAT passing
 * it back to the client, a balancer answering a packet it has no state for): what marks it is
 * the drop where it ends, so this looks ahead along the packet's way.
 */
import type { Header, Hop, RequestRecord, TcpSegment } from '../sim/types.ts';

/** One step of a record's story: a hop, or a handshake segment. */
export type Step = { hop: Hop; segment: null } | { hop: null; segment: TcpSegment };

/** Hops and segments merged by `after` (how many hops came before a segment). */
export function stepsOf(r: RequestRecord): Step[] {
  const steps: Step[] = [];
  const segments = r.tcp ?? [];
  let s = 0;
  for (let h = 0; h <= r.hops.length; h++) {
    while (s < segments.length && segments[s]!.after <= h) steps.push({ hop: null, segment: segments[s++]! });
    const hop = r.hops[h];
    if (hop) steps.push({ hop, segment: null });
  }
  for (; s < segments.length; s++) steps.push({ hop: null, segment: segments[s]! });
  return steps;
}

const same = (a: Header, b: Header) => a.src === b.src && a.dst === b.dst;

/**
 * For each hop, whether the packet it sends is a TCP reset: the hop itself resets (drop 'reset'
 * with an `out`: a balancer without the flow's state), a server answers the request it just
 * refused, or the packet's way back ends where it is taken for a reset (a hop on the response's
 * way with drop 'refused', or 'reset' and no `out`), perhaps after a NAT passed it on (L4).
 */
export function resetHops(hops: readonly Hop[]): boolean[] {
  const reset = new Array<boolean>(hops.length).fill(false);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!;
    const out = hop.out;
    if (!out) continue;
    const prev = hops[i - 1];
    if (hop.drop === 'reset' || (prev?.drop === 'refused' && prev.node === hop.node && hop.dir === 'response')) {
      reset[i] = true;
      continue;
    }
    for (let j = i + 1; j < hops.length; j++) {
      const next = hops[j]!;
      if (!next.in || !same(next.in, out)) continue;
      if (next.dir === 'response') {
        const endsReset = next.drop === 'refused' || (next.drop === 'reset' && !next.out);
        reset[i] = endsReset || (next.out !== null && !next.drop && reset[j]!);
      }
      break;
    }
  }
  return reset;
}
