import { connOverhead, skipOf, type IpvsDest, type IpvsSchedulerError, type IpvsSkip } from './dest.ts';

/**
 * IPVS least connection, net/netfilter/ipvs/ip_vs_lc.c, ip_vs_lc_schedule (Linux v6.17-rc3).
 * The dest with the least overhead `(activeconns << 8) + inactconns` (ip_vs_dest_conn_overhead),
 * tested with a strict `<`, so a tie goes to the first in the list. Weights do not count,
 * except that weight 0 (quiesced) and overloaded dests are passed over. Unlike nginx's
 * least_conn, which divides by the weight and breaks ties by smooth WRR. lc keeps no state.
 */
export interface OverheadRow {
  readonly id: string;
  readonly active: number;
  readonly inactive: number;
  /** null when the dest was passed over before its overhead was read. */
  readonly overhead: number | null;
  readonly weight: number;
  readonly skipped: IpvsSkip | null;
}

export interface LcDecision {
  readonly scheduler: 'lc';
  readonly index: number | null;
  readonly chosen: string | null;
  /** Each dest in list order, with its overhead. */
  readonly rows: readonly OverheadRow[];
  readonly error: IpvsSchedulerError | null;
}

export function overheadRow(d: IpvsDest, skipped: IpvsSkip | null): OverheadRow {
  return {
    id: d.id,
    active: d.activeConns,
    inactive: d.inactConns,
    overhead: skipped === null ? connOverhead(d) : null,
    weight: d.weight,
    skipped,
  };
}

export function lcSchedule(dests: readonly IpvsDest[]): LcDecision {
  let least = -1;
  let loh = 0;
  const rows: OverheadRow[] = [];
  dests.forEach((d, i) => {
    const skipped = skipOf(d);
    rows.push(overheadRow(d, skipped));
    if (skipped !== null) return;
    const doh = connOverhead(d);
    if (least < 0 || doh < loh) {
      least = i;
      loh = doh;
    }
  });
  if (least < 0) return { scheduler: 'lc', index: null, chosen: null, rows, error: 'no destination available' };
  return { scheduler: 'lc', index: least, chosen: dests[least]!.id, rows, error: null };
}
