import type { Lang } from '../../i18n/index.ts';
import { ownText } from '../../i18n/ownSection.ts';
import { whyNginx } from '../../i18n/sections/whyNginx.ts';
import type { Decision } from '../../sim/algorithms/pick.ts';
import { num } from './format.ts';
import { wrrRows } from './wrrRows.ts';

export { wrrRows, type WrrRow } from './wrrRows.ts';

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
  lines.push({ kind: 'key', text: ownText(whyNginx, lang, 'why.wrr.winner', { server: winner.name, value: num(best) }) });
  const tied = rows.filter((r) => r.sum === best);
  if (tied.length > 1) {
    lines.push({
      kind: 'note',
      text: ownText(whyNginx, lang, 'why.wrr.tie', { servers: tied.map((r) => r.name).join(', '), value: num(best) }),
    });
  }
  lines.push({
    kind: 'formula',
    text: ownText(whyNginx, lang, 'why.wrr.total', { sum: rows.map((r) => num(r.effective)).join(' + '), total: num(d.total) }),
  });
  lines.push({
    kind: 'formula',
    text: ownText(whyNginx, lang, 'why.wrr.payback', {
      server: winner.name,
      value: num(best),
      total: num(d.total),
      after: num(winner.after),
    }),
  });
  if (rows.some((r) => r.effective < r.weight)) lines.push({ kind: 'note', text: ownText(whyNginx, lang, 'why.wrr.recover') });
  return lines;
}
