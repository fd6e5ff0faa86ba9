import type { Ineligible } from '../../sim/algorithms/peers.ts';
import type { Decision } from '../../sim/algorithms/pick.ts';

/*
 * The smooth WRR table without words: the stage's bars (topology/why/glyphs.ts) read it with the
 * page, the Why's sentences (wrrText.ts, with nginx's words) load on first use.
 */

/** One server's line in the smooth WRR table. */
export interface WrrRow {
  name: string;
  weight: number;
  effective: number;
  before: number;
  /** current + effective; null when the server took no part in this step. */
  sum: number | null;
  after: number;
  winner: boolean;
  skipped: Ineligible | null;
}

/**
 * The servers that took part in the smooth WRR step: every eligible one, or, for least_conn's
 * tie-break, only the tied ones.
 */
function participants(d: Decision): Set<string> {
  if (d.algorithm === 'least-connections' && d.path === 'algorithm') return new Set(d.tied ?? []);
  const out = new Set(d.skipped.map((s) => s.name));
  return new Set(d.before.filter((p) => !out.has(p.name)).map((p) => p.name));
}

/** The table of one smooth WRR step, rebuilt from the engine's before/after snapshots. */
export function wrrRows(d: Decision): WrrRow[] {
  const inStep = participants(d);
  return d.before.map((p, i) => {
    const took = inStep.has(p.name);
    return {
      name: p.name,
      weight: p.weight,
      effective: p.effectiveWeight,
      before: p.currentWeight,
      sum: took ? p.currentWeight + p.effectiveWeight : null,
      after: d.after[i]?.currentWeight ?? p.currentWeight,
      winner: took && p.name === d.chosen,
      skipped: d.skipped.find((s) => s.name === p.name)?.reason ?? null,
    };
  });
}
