import type { IpvsSkip } from '../../sim/algorithms/ipvs/dest.ts';
import type { LcDecision } from '../../sim/algorithms/ipvs/lc.ts';
import type { WlcDecision } from '../../sim/algorithms/ipvs/wlc.ts';
import type { WrrDecision } from '../../sim/algorithms/ipvs/wrr.ts';
import { ratio } from './format.ts';

/**
 * What an L4 pick's Why and its marks on the stage both read from IPVS's decision, without
 * words: the stage's marks load when the page is in L4 (why/useIpvsMarks.ts), the Why's words
 * (IpvsView) on first use.
 */

export { IPVS_ALGORITHM_OF } from './ipvsAlgorithmOf.ts';

/** One server in the wrr table: its weight against the cw it was picked at. */
export interface WrrIpvsRow {
  name: string;
  weight: number;
  /** weight ≥ cw: this walk would take it (unless overloaded). */
  reaches: boolean;
  winner: boolean;
  /** Not in IPVS's list at the pick (keepalived took it out after a failed check). */
  out: boolean;
}

/**
 * The wrr table's columns, from the servers in the service at the pick (the decision carries
 * cw, not the list): each weight against the cw of the walk that picked.
 */
export function wrrIpvsRows(d: WrrDecision, servers: readonly { name: string; weight: number; out: boolean }[]): WrrIpvsRow[] {
  return servers.map((s) => ({
    name: s.name,
    weight: s.weight,
    reaches: !s.out && s.weight > 0 && s.weight >= d.cwAfter,
    winner: s.name === d.chosen,
    out: s.out,
  }));
}

/**
 * lc's and wlc's table: each dest's connection counts as the scheduler read them, and the
 * overhead ip_vs_dest_conn_overhead makes of them (include/net/ip_vs.h: active × 256 +
 * inactive). ip_vs_lc.c takes the least overhead; ip_vs_wlc.c the least overhead ÷ weight,
 * compared as products. Ties: the earlier dest in the list keeps it (both compare strictly).
 */
export interface OverheadTableRow {
  name: string;
  active: number;
  inactive: number;
  weight: number;
  /** null when the dest was passed over before its overhead was read. */
  overhead: number | null;
  /** wlc: "overhead/weight = value" (the summary's words) and the value alone (the table's cell); null for lc, a skipped dest or weight 0. */
  perWeight: string | null;
  perWeightValue: number | null;
  /** Shares the least value among the dests that could take it. */
  least: boolean;
  winner: boolean;
  skipped: IpvsSkip | null;
  out: boolean;
}

/** Could this row have won: read, and (wlc) with a weight above 0, which `loh × 0` never beats. */
function candidate(d: LcDecision | WlcDecision, overhead: number | null, weight: number): overhead is number {
  return overhead !== null && (d.scheduler === 'lc' || weight > 0);
}

export function overheadRows(d: LcDecision | WlcDecision): OverheadTableRow[] {
  // The least by the scheduler's own comparison: overhead (lc) or overhead × the other's weight (wlc).
  let best: { overhead: number; weight: number } | null = null;
  for (const r of d.rows) {
    if (!candidate(d, r.overhead, r.weight)) continue;
    const lower =
      d.scheduler === 'lc' ? r.overhead < (best?.overhead ?? Infinity) : !best || r.overhead * best.weight < best.overhead * r.weight;
    if (lower) best = { overhead: r.overhead, weight: r.weight };
  }
  return d.rows.map((r) => {
    const can = candidate(d, r.overhead, r.weight);
    const least =
      can && best !== null && (d.scheduler === 'lc' ? r.overhead === best.overhead : r.overhead * best.weight === best.overhead * r.weight);
    return {
      name: r.id,
      active: r.active,
      inactive: r.inactive,
      weight: r.weight,
      overhead: r.overhead,
      perWeight: d.scheduler === 'wlc' && can ? ratio(r.overhead!, r.weight) : null,
      perWeightValue: d.scheduler === 'wlc' && can ? Number((r.overhead! / r.weight).toFixed(2)) : null,
      least,
      winner: r.id === d.chosen,
      skipped: r.skipped,
      out: r.skipped !== null,
    };
  });
}
