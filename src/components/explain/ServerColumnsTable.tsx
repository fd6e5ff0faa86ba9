import type { ReactNode } from 'react';
import { useT } from '../../store/context.tsx';

/** A server as a column: starred when it wins, dimmed when it was out of the running. */
export interface ServerColumn {
  name: string;
  winner: boolean;
  out: boolean;
}

export type ColumnLine<R> = [label: string, cell: (r: R) => ReactNode, className?: string];

/**
 * The decision tables' shape: a column per server (as the servers stand in the drawing), a
 * row per quantity, so they stay narrow in the side column. The winner is starred, never
 * marked by colour alone.
 */
export function ServerColumnsTable<R extends ServerColumn>({
  caption,
  rows,
  lines,
  className,
  winnerNote,
}: {
  caption: string;
  rows: readonly R[];
  lines: readonly ColumnLine<R>[];
  className?: string;
  /** Words for screen readers after the winner's name. */
  winnerNote?: string;
}) {
  const t = useT();
  const cls = (r: R) => (r.winner ? 'winner' : r.out ? 'out' : undefined);
  return (
    <div className="why-table-wrap">
      <table className={className ? `why-table ${className}` : 'why-table'}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('why.col.server')}</th>
            {rows.map((r) => (
              <th scope="col" key={r.name} className={cls(r)}>
                {r.winner && <span aria-hidden="true">★ </span>}
                {r.name}
                {r.winner && winnerNote && <span className="visually-hidden"> ({winnerNote})</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {lines.map(([label, cell, lineClass]) => (
            <tr key={label} className={lineClass}>
              <th scope="row">{label}</th>
              {rows.map((r) => (
                <td key={r.name} className={cls(r)}>
                  {cell(r)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
