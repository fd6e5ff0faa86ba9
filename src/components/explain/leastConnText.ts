import type { Lang } from '../../i18n/index.ts';
import { ownText } from '../../i18n/ownSection.ts';
import { whyNginx } from '../../i18n/sections/whyNginx.ts';
import type { Ineligible } from '../../sim/algorithms/peers.ts';
import type { Decision } from '../../sim/algorithms/pick.ts';
import { ratio } from './format.ts';

export interface LeastConnRow {
  name: string;
  conns: number;
  weight: number;
  /** "conns/weight = value" */
  ratio: string;
  /** "conns/weight" and its value, for a table cell each. */
  fraction: string;
  value: number;
  lowest: boolean;
  skipped: Ineligible | null;
}

/**
 * least_conn's table: every server's open connections and weight before the pick. "Lowest" is
 * found the way nginx compares, by cross multiplication, among the eligible servers only.
 */
export function leastConnRows(d: Decision): LeastConnRow[] {
  const skipped = new Map(d.skipped.map((s) => [s.name, s.reason]));
  const eligible = d.before.filter((p) => !skipped.has(p.name));
  let best = eligible[0];
  for (const p of eligible) if (best && p.conns * best.weight < best.conns * p.weight) best = p;
  return d.before.map((p) => ({
    name: p.name,
    conns: p.conns,
    weight: p.weight,
    ratio: ratio(p.conns, p.weight),
    fraction: `${p.conns}/${p.weight}`,
    value: Number((p.weight ? p.conns / p.weight : 0).toFixed(2)),
    lowest: !!best && !skipped.has(p.name) && p.conns * best.weight === best.conns * p.weight,
    skipped: skipped.get(p.name) ?? null,
  }));
}

/** The line under the table: one lowest server, or a tie that smooth WRR breaks. */
export function leastConnSummary(d: Decision, lang: Lang): string | null {
  const rows = leastConnRows(d);
  const lowest = rows.filter((r) => r.lowest);
  const first = lowest[0];
  if (!first) return null;
  if (d.tied && d.tied.length > 1) {
    return ownText(whyNginx, lang, 'why.lc.tied', { servers: d.tied.join(', '), ratio: first.ratio });
  }
  return ownText(whyNginx, lang, 'why.lc.alone', { server: first.name, ratio: first.ratio });
}
