import { useState } from 'react';
import { compareScaling, DEFAULT_SCALING_LOAD, type ScalingFigures } from '../../experiments/scaling.ts';
import { useT } from '../../store/context.tsx';

const n = (x: number, digits = 1) => x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** Runs the four headless comparisons on demand and shows their figures side by side. */
export function ScalingPanel() {
  const t = useT();
  const [rows, setRows] = useState<ScalingFigures[] | null>(null);
  const load = DEFAULT_SCALING_LOAD;
  return (
    <details className="panel scaling" data-lesson-target="scaling">
      <summary>
        <h2>{t('scaling.label')}</h2>
      </summary>
      <p>{t('scaling.intro', { rate: load.ratePerSec, seconds: load.durationMs / 1000 })}</p>
      <button type="button" onClick={() => setRows(compareScaling())}>
        {t('scaling.run')}
      </button>
      {rows && (
        <>
          <table className="scaling-table">
            <caption className="visually-hidden">{t('scaling.label')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('scaling.design')}</th>
                <th scope="col">{t('scaling.answered')}</th>
                <th scope="col">{t('scaling.throughput')}</th>
                <th scope="col">{t('scaling.mean')}</th>
                <th scope="col">{t('scaling.p95')}</th>
                <th scope="col">{t('scaling.cost')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.design}-${r.failing}`} className={r.failing ? 'failing' : ''}>
                  <th scope="row">
                    {t(`scaling.${r.design}`)} · {t(r.failing ? 'scaling.failing' : 'scaling.healthy')}
                  </th>
                  <td>
                    {r.ok} / {r.requests} ({n((100 * r.ok) / r.requests, 0)}%)
                  </td>
                  <td>{n(r.throughput)}</td>
                  <td>{n(r.latencyMeanMs)}</td>
                  <td>{n(r.latencyP95Ms)}</td>
                  <td>{r.costPerHour}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="lesson">{t('scaling.lesson')}</p>
        </>
      )}
    </details>
  );
}
