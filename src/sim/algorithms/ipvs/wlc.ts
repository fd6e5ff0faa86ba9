import { connOverhead, type IpvsDest, type IpvsSchedulerError } from './dest.ts';
import { overheadRow, type OverheadRow } from './lc.ts';

/**
 * IPVS weighted least connection, net/netfilter/ipvs/ip_vs_wlc.c, ip_vs_wlc_schedule (Linux
 * v6.17-rc3): the least overhead/weight, compared without division as
 * `loh * weight(dest) > doh * weight(least)` (strict, so a tie stays with the earlier dest).
 * The start is the first dest not overloaded with weight > 0; after it, only overloaded
 * dests are skipped by a test: a weight-0 dest is compared too, but `loh * 0` is never
 * greater, so it never wins. With every server idle all overheads are 0: the first dest with
 * weight > 0 takes the connection, whatever the weights. wlc keeps no state.
 */
export interface WlcDecision {
  readonly scheduler: 'wlc';
  readonly index: number | null;
  readonly chosen: string | null;
  /** Each dest in list order, with its overhead (its weight is in the row). */
  readonly rows: readonly OverheadRow[];
  readonly error: IpvsSchedulerError | null;
}

/**
 * `(__s64)a * b > (__s64)c * d`: the kernel widens to 64 bits because int × int can overflow.
 * Doubles are exact up to 2^53; the lab's products stay far below it (overhead < 2^31 times a
 * weight <= 100), and any larger product is compared in BigInt, so the answer is always exact.
 */
export function s64ProductGreater(a: number, b: number, c: number, d: number): boolean {
  const left = a * b;
  const right = c * d;
  if (Number.isSafeInteger(left) && Number.isSafeInteger(right)) return left > right;
  return BigInt(a) * BigInt(b) > BigInt(c) * BigInt(d);
}

export function wlcSchedule(dests: readonly IpvsDest[]): WlcDecision {
  const rows: OverheadRow[] = [];
  let least = -1;
  let loh = 0;
  for (let i = 0; i < dests.length; i++) {
    const d = dests[i]!;
    if (least < 0) {
      // The first loop: find the start.
      const usable = !d.overloaded && d.weight > 0;
      rows.push(overheadRow(d, usable ? null : d.overloaded ? 'overloaded' : 'weight-0'));
      if (!usable) continue;
      least = i;
      loh = connOverhead(d);
      continue;
    }
    // nextstage: only the overload flag is a test.
    rows.push(overheadRow(d, d.overloaded ? 'overloaded' : null));
    if (d.overloaded) continue;
    const doh = connOverhead(d);
    if (s64ProductGreater(loh, d.weight, doh, dests[least]!.weight)) {
      least = i;
      loh = doh;
    }
  }
  if (least < 0) return { scheduler: 'wlc', index: null, chosen: null, rows, error: 'no destination available' };
  return { scheduler: 'wlc', index: least, chosen: dests[least]!.id, rows, error: null };
}
