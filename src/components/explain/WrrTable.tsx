import { whyNginx } from '../../i18n/sections/whyNginx.ts';
import { useOwnT, useT } from '../../store/context.tsx';
import type { Decision } from '../../sim/algorithms/pick.ts';
import { num } from './format.ts';
import { wrrRows } from './wrrText.ts';
import { ServerColumnsTable } from './ServerColumnsTable.tsx';

/**
 * One smooth WRR step as a table with a column per server (as the servers stand in the
 * drawing) and a row per quantity, so it stays narrow in the side column: weights, current
 * weight before, what it adds, the sum compared, and where it ends. `only` limits the servers
 * (least_conn's tie-break runs on the tied few).
 */
export function WrrTable({ decision, only }: { decision: Decision; only?: readonly string[] }) {
  const t = useT();
  const own = useOwnT(whyNginx);
  const rows = wrrRows(decision)
    .filter((r) => !only || only.includes(r.name))
    .map((r) => ({ ...r, out: r.sum === null }));
  return (
    <ServerColumnsTable
      caption={own('why.wrr.caption')}
      className="why-table-cols"
      winnerNote={t('why.wrr.wins')}
      rows={rows}
      lines={[
        [t('why.col.weight'), (r) => r.weight],
        [own('why.col.effective'), (r) => r.effective],
        [own('why.col.before'), (r) => num(r.before)],
        [own('why.col.add'), (r) => (r.sum === null ? <span title={own('why.wrr.out')}>—</span> : `+${num(r.effective)}`)],
        [own('why.col.sum'), (r) => (r.sum === null ? '—' : num(r.sum)), 'why-sum'],
        [own('why.col.after'), (r) => num(r.after)],
      ]}
    />
  );
}
