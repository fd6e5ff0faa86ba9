import { useState } from 'react';
import { ALGORITHMS, type Algorithm } from '../../sim/algorithms/pick.ts';
import { compareSides, type Comparison, type SideFigures } from '../../experiments/sideBySide.ts';
import { useLab, useLabStore, useT } from '../../store/context.tsx';
import { sideRows, winner } from './sideRows.ts';
import { SideReading } from './SideReading.tsx';

const fmt = (x: number, digits: number) => x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** Two algorithms, or L4 and L7, on the user's scenario and identical traffic: figures side by side. */
export function SideBySidePanel() {
  const t = useT();
  const store = useLabStore();
  const reportProblem = useLab((s) => s.reportProblem);
  const [kind, setKind] = useState<Comparison['kind']>('algorithms');
  const [a, setA] = useState<Algorithm>('round-robin');
  const [b, setB] = useState<Algorithm>('ip-hash');
  const [result, setResult] = useState<[SideFigures, SideFigures] | null>(null);
  const name = (f: SideFigures) => (kind === 'algorithms' ? t(`algorithm.${f.label as Algorithm}`) : f.label);

  const run = () => {
    const { base, userEvents } = store.getState();
    const r = compareSides(base, userEvents, kind === 'algorithms' ? { kind, a, b } : { kind });
    if (!Array.isArray(r)) {
      reportProblem(r);
      setResult(null);
    } else setResult(r);
  };
  const pick = (value: Algorithm, set: (x: Algorithm) => void, label: string) => (
    <label>
      {label}
      <select value={value} onChange={(e) => set(e.target.value as Algorithm)}>
        {ALGORITHMS.map((x) => (
          <option key={x} value={x}>
            {t(`algorithm.${x}`)}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <details className="panel scaling side-by-side" data-lesson-target="compare">
      <summary>
        <h2>{t('side.label')}</h2>
      </summary>
      <p>{t('side.intro')}</p>
      <div className="control-row">
        <label>
          {t('side.what')}
          <select
            value={kind}
            onChange={(e) => {
              setKind(e.target.value as Comparison['kind']);
              setResult(null);
            }}
          >
            <option value="algorithms">{t('side.algorithms')}</option>
            <option value="layers">{t('side.layers')}</option>
          </select>
        </label>
        {kind === 'algorithms' && pick(a, setA, t('side.a'))}
        {kind === 'algorithms' && pick(b, setB, t('side.b'))}
        <button type="button" onClick={run}>
          {t('side.run')}
        </button>
      </div>
      {result && (
        <>
          <table className="scaling-table side-table">
            <caption className="visually-hidden">{t('side.label')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('side.figure')}</th>
                <th scope="col">{name(result[0])}</th>
                <th scope="col">{name(result[1])}</th>
              </tr>
            </thead>
            <tbody>
              {sideRows(result[0], result[1]).map((r) => {
                const w = winner(r);
                const cell = (v: number, side: 'a' | 'b') => (
                  <td className={w === side ? 'side-better' : undefined}>
                    {fmt(v, r.digits)}
                    {w === side && <span className="side-mark"> ✓ {t('side.better')}</span>}
                  </td>
                );
                return (
                  <tr key={r.key} data-row={r.key}>
                    <th scope="row">{t(r.label, r.params)}</th>
                    {cell(r.a, 'a')}
                    {cell(r.b, 'b')}
                  </tr>
                );
              })}
            </tbody>
          </table>
          <SideReading a={result[0]} b={result[1]} name={name} layers={kind === 'layers'} />
        </>
      )}
    </details>
  );
}
