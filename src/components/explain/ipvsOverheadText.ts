import type { Lang } from '../../i18n/index.ts';
import type { LcDecision } from '../../sim/algorithms/ipvs/lc.ts';
import type { WlcDecision } from '../../sim/algorithms/ipvs/wlc.ts';
import { overheadRows } from './ipvsRows.ts';
import { say } from './ipvsText.ts';
import type { SummaryLine } from './wrrText.ts';

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
        text: say(lang, many ? 'lc.tie' : 'lc.alone', { server: winner.name, servers, overhead: winner.overhead }),
      });
    } else {
      lines.push({
        kind: 'key',
        text: say(lang, many ? 'wlc.tie' : 'wlc.alone', {
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
      text: say(lang, 'overhead', { server: r.name, active: r.active, inactive: r.inactive, overhead: r.overhead }),
    });
  }
  return lines;
}
