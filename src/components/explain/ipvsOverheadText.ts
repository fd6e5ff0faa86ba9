import { translate, type Lang } from '../../i18n/index.ts';
import type { IpvsSkip } from '../../sim/algorithms/ipvs/dest.ts';
import type { LcDecision } from '../../sim/algorithms/ipvs/lc.ts';
import type { WlcDecision } from '../../sim/algorithms/ipvs/wlc.ts';
import { ratio } from './format.ts';
import type { SummaryLine } from './wrrText.ts';

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

/** The line under the table: who has the least, or the tie and who keeps it; then each overhead worked out. */
export function overheadSummary(d: LcDecision | WlcDecision, lang: Lang): SummaryLine[] {
  const rows = overheadRows(d);
  const lines: SummaryLine[] = [];
  const winner = rows.find((r) => r.winner);
  const tied = rows.filter((r) => r.least);
  if (winner && winner.overhead !== null) {
    const many = tied.length > 1;
    const servers = tied.map((r) => r.name).join(', ');
    if (d.scheduler === 'lc') {
      lines.push({
        kind: 'key',
        text: translate(lang, many ? 'why.ipvs.lc.tie' : 'why.ipvs.lc.alone', { server: winner.name, servers, overhead: winner.overhead }),
      });
    } else {
      lines.push({
        kind: 'key',
        text: translate(lang, many ? 'why.ipvs.wlc.tie' : 'why.ipvs.wlc.alone', {
          server: winner.name,
          servers,
          ratio: winner.perWeight ?? '',
        }),
      });
    }
  }
  for (const r of rows) {
    if (r.overhead === null) continue;
    lines.push({
      kind: 'formula',
      text: translate(lang, 'why.ipvs.overhead', { server: r.name, active: r.active, inactive: r.inactive, overhead: r.overhead }),
    });
  }
  return lines;
}
