import type { MouseEvent } from 'react';
import { useLab, useT } from '../../store/context.tsx';
import type { Direction, RequestRecord } from '../../sim/types.ts';
import { hopChange } from './headerDiff.ts';
import { HeaderLines, ms, nodeLabel } from './HeaderParts.tsx';

/**
 * Every hop of a request and its response: where, when, the header as it arrived and as it
 * left, the rewritten fields marked. Selecting a row moves playback to that moment. Two
 * columns, grouped by direction, the headers stacked, so it stays readable in a narrow panel.
 */
export function HopTable({ record: r, current }: { record: RequestRecord; current: number }) {
  const t = useT();
  const seek = useLab((s) => s.seek);
  // The whole row is a target for the mouse; its button is the one for the keyboard.
  const onRow = (at: number) => (e: MouseEvent) => {
    if (e.target instanceof Element && e.target.closest('button')) return;
    seek(at);
  };
  const groups: Direction[] = ['request', 'response'];

  return (
    <div className="insp-scroll">
      <table className="insp-table insp-hops">
        <caption>
          {t('inspector.hops')}
          <span className="insp-caption-hint">{t('inspector.hopsHint')}</span>
        </caption>
        <thead>
          <tr>
            <th scope="col">
              {t('inspector.col.time')}
              <span className="insp-node">{t('inspector.col.node')}</span>
            </th>
            <th scope="col">{t('inspector.col.headers')}</th>
          </tr>
        </thead>
        {groups.map((g) => (
          <tbody key={g}>
            <tr className="insp-group">
              <th scope="rowgroup" colSpan={2}>
                {t(`inspector.group.${g}`)}
              </th>
            </tr>
            {r.hops.map((h, i) => {
              if (h.dir !== g) return null;
              const node = nodeLabel(t, h.node);
              const isNow = i === current;
              return (
                <tr
                  key={i}
                  className={isNow ? 'insp-hop insp-now-row' : 'insp-hop'}
                  aria-current={isNow ? 'step' : undefined}
                  onClick={onRow(h.at)}
                >
                  <td>
                    <button
                      type="button"
                      className="insp-time"
                      onClick={() => seek(h.at)}
                      aria-label={t('inspector.jump', { at: ms(h.at), node, dir: t(`inspector.dir.${h.dir}`) })}
                    >
                      {isNow && (
                        <span className="insp-marker" aria-hidden="true">
                          ▶{' '}
                        </span>
                      )}
                      {ms(h.at)}
                    </button>
                    <span className="insp-node">
                      {node}
                      {isNow && <span className="insp-now-tag"> · {t('inspector.current')}</span>}
                    </span>
                  </td>
                  <td>
                    <div className="insp-pair">
                      <span className="insp-pair-label">{t('inspector.in')}</span>
                      <HeaderLines header={h.in} empty={t('inspector.startsHere')} />
                      <span className="insp-pair-label">{t('inspector.out')}</span>
                      <HeaderLines header={h.out} change={hopChange(h)} empty={t('inspector.endsHere')} />
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        ))}
      </table>
    </div>
  );
}
