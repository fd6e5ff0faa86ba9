import { translate, type Lang } from '../../i18n/index.ts';
import type { Ineligible } from '../../sim/algorithms/peers.ts';
import type { Decision } from '../../sim/algorithms/pick.ts';
import { num } from './format.ts';

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

/** A line under a table: the key sentence, a formula with the numbers, or a side note. */
export interface SummaryLine {
  text: string;
  kind: 'key' | 'formula' | 'note';
}

/** The lines under the table: a tie, the winner, the total and the pay-back. */
export function wrrSummary(d: Decision, lang: Lang): SummaryLine[] {
  const rows = wrrRows(d).filter((r) => r.sum !== null);
  const winner = rows.find((r) => r.winner);
  if (!winner || winner.sum === null) return [];
  const best = winner.sum;
  const lines: SummaryLine[] = [];
  lines.push({ kind: 'key', text: translate(lang, 'why.wrr.winner', { server: winner.name, value: num(best) }) });
  const tied = rows.filter((r) => r.sum === best);
  if (tied.length > 1) {
    lines.push({
      kind: 'note',
      text: translate(lang, 'why.wrr.tie', { servers: tied.map((r) => r.name).join(', '), value: num(best) }),
    });
  }
  lines.push({
    kind: 'formula',
    text: translate(lang, 'why.wrr.total', { sum: rows.map((r) => num(r.effective)).join(' + '), total: num(d.total) }),
  });
  lines.push({
    kind: 'formula',
    text: translate(lang, 'why.wrr.payback', {
      server: winner.name,
      value: num(best),
      total: num(d.total),
      after: num(winner.after),
    }),
  });
  if (rows.some((r) => r.effective < r.weight)) lines.push({ kind: 'note', text: translate(lang, 'why.wrr.recover') });
  return lines;
}
