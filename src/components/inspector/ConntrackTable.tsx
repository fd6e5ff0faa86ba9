import { useMemo, type MouseEvent } from 'react';
import { useLab, useT } from '../../store/context.tsx';
import { useSnapshot } from '../../store/hooks.ts';
import { visibleRows } from './conntrackRows.ts';
import { ms } from './HeaderParts.tsx';
import './inspector.css';

/** The balancer's connection-tracking table at the committed time (the "NAT table"). */
export function ConntrackTable() {
  const t = useT();
  const snapshot = useSnapshot();
  const selected = useLab((s) => s.selected);
  const select = useLab((s) => s.select);
  const rows = useMemo(() => visibleRows(snapshot.nat, selected), [snapshot.nat, selected]);
  const onRow = (id: number) => (e: MouseEvent) => {
    if (e.target instanceof Element && e.target.closest('button')) return;
    select(id);
  };

  return (
    <section className="insp-panel insp-conntrack" aria-label={t('conntrack.label')} data-lesson-target="conntrack">
      <h2 className="insp-title">{t('conntrack.title')}</h2>
      <p className="insp-muted insp-explain">{t('conntrack.explain')}</p>
      {snapshot.nat.length === 0 ? (
        <p className="insp-empty-line">{t('conntrack.empty')}</p>
      ) : (
        <div className="insp-scroll">
          <table className="insp-table insp-nat">
            <caption>{t('conntrack.caption', { t: ms(snapshot.t), count: snapshot.nat.length })}</caption>
            <thead>
              <tr>
                <th scope="col">
                  {t('conntrack.col.id')}
                  <span className="insp-node">{t('conntrack.col.opened')}</span>
                </th>
                <th scope="col">
                  {t('conntrack.col.client')}
                  <span className="insp-node">→ {t('conntrack.col.vip')}</span>
                </th>
                <th scope="col">
                  {t('conntrack.col.local')}
                  <span className="insp-node">→ {t('conntrack.col.server')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ id, balancer, server, entry }) => {
                const isSel = id === selected;
                return (
                  <tr
                    key={id}
                    className={isSel ? 'insp-selected-row' : undefined}
                    aria-current={isSel ? 'true' : undefined}
                    onClick={onRow(id)}
                  >
                    <td className="insp-nowrap">
                      <button type="button" className="insp-time" onClick={() => select(id)} aria-label={t('conntrack.select', { id })}>
                        {isSel && (
                          <span className="insp-marker" aria-hidden="true">
                            ▶{' '}
                          </span>
                        )}
                        #{id}
                      </button>
                      {isSel && <span className="visually-hidden"> {t('conntrack.selected')}</span>}
                      <span className="insp-node">{ms(entry.openedAt)}</span>
                    </td>
                    <td>
                      <span className="insp-lines">
                        <code>{entry.client}</code>
                        <code>{entry.vip}</code>
                      </span>
                    </td>
                    <td>
                      <span className="insp-lines">
                        <span>
                          <code>{entry.local}</code>
                          {balancer !== 'lb1' && <span className="insp-muted"> ({balancer})</span>}
                        </span>
                        <span className="insp-nowrap">
                          <code>{entry.server}</code> <strong>({server})</strong>
                        </span>
                      </span>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {snapshot.nat.length > rows.length && (
            <p className="insp-muted">{t('conntrack.more', { count: snapshot.nat.length - rows.length })}</p>
          )}
        </div>
      )}
    </section>
  );
}
