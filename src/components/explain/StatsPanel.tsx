import { useMemo } from 'react';
import { useLab, useT } from '../../store/context.tsx';
import { useConfigAt, useSnapshot } from '../../store/hooks.ts';
import { OUTCOMES } from '../../sim/types.ts';
import { ms } from './format.ts';
import { serverStats } from './statsRows.ts';
import './explain.css';

/**
 * Live figures at the committed time: requests per server as bars labelled with their counts
 * (the tick marks the share the weights give), open connections, outcomes and latency.
 */
export function StatsPanel() {
  const t = useT();
  const lang = useLab((s) => s.lang);
  const snap = useSnapshot();
  const config = useConfigAt();
  const rows = useMemo(() => serverStats(snap, config), [snap, config]);
  const placed = rows.reduce((a, r) => a + r.count, 0);
  const hasTick = rows.some((r) => r.expected !== null);
  const mode = useLab((s) => s.scenario.mode);
  const network = useLab((s) => s.scenario.network);
  // What the engine charges per pass through the balancer, for the request and for the response.
  const work = 2 * (mode === 'L7' ? network.proxyMs : network.balancerMs);
  const latency = (v: number | null) => (v === null ? t('stats.none') : `${ms(v, lang)} ms`);
  // OK and "no server" always show; the rarer outcomes only once they happen. A 401 (a login
  // session on another server) is an answer, but not an OK one: it has a line of its own.
  const outcomes = OUTCOMES.filter((o) => o === 'ok' || o === 'unavailable' || snap.outcomes[o] > 0);
  const count = (o: (typeof OUTCOMES)[number]) => (o === 'ok' ? snap.outcomes.ok - snap.sessionLost : snap.outcomes[o]);
  const label = (o: (typeof OUTCOMES)[number]) =>
    t(o === 'unavailable' && mode === 'L4' ? 'stats.outcome.unavailableL4' : `stats.outcome.${o}`);

  return (
    <section className="panel explain-panel stats-panel" aria-label={t('stats.title')} data-lesson-target="stats">
      <h2>{t('stats.title')}</h2>
      <table className="stats-table">
        <caption>{t('stats.requests')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('why.col.server')}</th>
            <th scope="col">{t('stats.col.requests')}</th>
            <th scope="col">{t('stats.open')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.name} data-server={r.name}>
              <th scope="row">{r.name}</th>
              <td>
                <div className="stats-bar-cell">
                  <div className="stats-bar-track" aria-hidden="true">
                    <div className="stats-bar" style={{ width: `${r.share}%` }} />
                    {r.expected !== null && <div className="stats-tick" style={{ left: `${r.expected}%` }} />}
                  </div>
                  <span className="stats-count mono">{t('stats.bar', { count: r.count, pct: r.share })}</span>
                  {r.expected !== null && <span className="visually-hidden">{t('stats.expected', { pct: r.expected })}</span>}
                </div>
              </td>
              <td className="mono stats-open">{r.open}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {placed === 0 ? <p className="why-empty">{t('stats.noRequests')}</p> : hasTick && <p className="stats-note">{t('stats.tickNote')}</p>}
      <dl className="stats-figures">
        <div>
          <dt>{t('stats.finished')}</dt>
          <dd className="mono">{snap.finished}</dd>
        </div>
        {outcomes.map((o) => (
          <div key={o}>
            <dt>{label(o)}</dt>
            <dd className="mono">{count(o)}</dd>
          </div>
        ))}
        {snap.sessionLost > 0 && (
          <div>
            <dt>{t('stats.outcome.sessionLost')}</dt>
            <dd className="mono">{snap.sessionLost}</dd>
          </div>
        )}
        <div>
          <dt>{t('stats.latencyMean')}</dt>
          <dd className="mono">{latency(snap.latencyMeanMs)}</dd>
        </div>
        <div>
          <dt>{t('stats.latencyP95')}</dt>
          <dd className="mono">{latency(snap.latencyP95Ms)}</dd>
        </div>
        <div>
          <dt>{t(`stats.balancerWork.${mode}`)}</dt>
          <dd className="mono">{ms(work, lang)} ms</dd>
        </div>
      </dl>
    </section>
  );
}
