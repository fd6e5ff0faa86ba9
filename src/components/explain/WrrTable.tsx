import type { ReactNode } from 'react';
import { useT } from '../../store/context.tsx';
import type { Decision } from '../../sim/algorithms/pick.ts';
import { num } from './format.ts';
import { wrrRows, type WrrRow } from './wrrText.ts';

/**
 * One smooth WRR step as a table with a column per server (as the servers stand in the
 * drawing) and a row per quantity, so it stays narrow in the side column: weights, current
 * weight before, what it adds, the sum compared, and where it ends. `only` limits the servers
 * (least_conn's tie-break runs on the tied few).
 */
export function WrrTable({ decision, only }: { decision: Decision; only?: readonly string[] }) {
  const t = useT();
  const rows = wrrRows(decision).filter((r) => !only || only.includes(r.name));
  const cls = (r: WrrRow) => (r.winner ? 'winner' : r.sum === null ? 'out' : undefined);
  const line = (label: string, cell: (r: WrrRow) => ReactNode, className?: string) => (
    <tr className={className}>
      <th scope="row">{label}</th>
      {rows.map((r) => <td key={r.name} className={cls(r)}>{cell(r)}</td>)}
    </tr>
  );
  return (
    <div className="why-table-wrap">
      <table className="why-table why-table-cols">
        <caption className="explain-sr">{t('why.wrr.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('why.col.server')}</th>
            {rows.map((r) => (
              <th scope="col" key={r.name} className={cls(r)}>
                {r.winner && <span aria-hidden="true">★ </span>}
                {r.name}
                {r.winner && <span className="explain-sr"> ({t('why.wrr.wins')})</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {line(t('why.col.weight'), (r) => r.weight)}
          {line(t('why.col.effective'), (r) => r.effective)}
          {line(t('why.col.before'), (r) => num(r.before))}
          {line(t('why.col.add'), (r) => (r.sum === null ? <span title={t('why.wrr.out')}>—</span> : `+${num(r.effective)}`))}
          {line(t('why.col.sum'), (r) => (r.sum === null ? '—' : num(r.sum)), 'why-sum')}
          {line(t('why.col.after'), (r) => num(r.after))}
        </tbody>
      </table>
    </div>
  );
}
