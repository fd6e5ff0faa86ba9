import type { ReactNode } from 'react';
import { useT } from '../../store/context.tsx';
import type { Decision } from '../../sim/algorithms/pick.ts';
import { leastConnRows, type LeastConnRow } from './leastConnText.ts';

/**
 * least_conn's comparison, a column per server: open connections over weight, with the lowest
 * marked in words and the chosen server starred (never colour alone).
 */
export function LeastConnTable({ decision }: { decision: Decision }) {
  const t = useT();
  const rows = leastConnRows(decision);
  const cls = (r: LeastConnRow) => (r.name === decision.chosen ? 'winner' : r.skipped ? 'out' : undefined);
  const line = (label: string, cell: (r: LeastConnRow) => ReactNode, className?: string) => (
    <tr className={className}>
      <th scope="row">{label}</th>
      {rows.map((r) => <td key={r.name} className={cls(r)}>{cell(r)}</td>)}
    </tr>
  );
  return (
    <div className="why-table-wrap">
      <table className="why-table">
        <caption className="explain-sr">{t('why.lc.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('why.col.server')}</th>
            {rows.map((r) => (
              <th scope="col" key={r.name} className={cls(r)}>
                {r.name === decision.chosen && <span aria-hidden="true">★ </span>}
                {r.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {line(t('why.col.conns'), (r) => r.conns)}
          {line(t('why.col.weight'), (r) => r.weight)}
          {line(t('why.col.ratio'), (r) => (r.skipped ? '—' : r.fraction))}
          {line('=', (r) => (r.skipped ? '—' : r.value), 'why-sum')}
          {line(t('why.lc.lowestRow'), (r) => (r.lowest ? '✓' : ''))}
        </tbody>
      </table>
    </div>
  );
}
