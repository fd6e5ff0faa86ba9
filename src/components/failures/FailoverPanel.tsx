import { failoverPanel } from '../../i18n/sections/failoverPanel.ts';
import { useLab, useOwnT, useT } from '../../store/context.tsx';
import { HealthChecks } from './HealthChecks.tsx';
import { usePending } from '../controls/usePending.ts';
import './failures.css';

/**
 * The balancer pair's settings (connection sync, preemption, the VRRP version) and the active
 * health checks. Failing a balancer and the VRRP state are beside the stage, in FailoverNow.
 */
export function FailoverPanel() {
  const t = useT();
  const own = useOwnT(failoverPanel);
  const configure = useLab((s) => s.configure);
  const base = useLab((s) => s.base);
  const balancers = useLab((s) => s.scenario.balancers);
  const mode = useLab((s) => s.scenario.mode);
  const [shown, show] = usePending(balancers);
  const setBalancers = (patch: { sync?: boolean; preempt?: boolean; version?: 2 | 3 }) =>
    show({ ...shown, ...patch }, () => configure({ balancers: { ...base.balancers, ...patch } }));

  return (
    <section className="panel failover" aria-label={t('layout.failoverSettings')}>
      <h2>{t('layout.failoverSettings')}</h2>
      <div className="failover-options">
        <label className="check">
          <input
            type="checkbox"
            checked={shown.sync}
            aria-describedby="failover-sync-hint"
            onChange={(e) => setBalancers({ sync: e.target.checked })}
          />
          <span>{own('failover.sync')}</span>
        </label>
        <p className={mode === 'L7' ? 'hint hint-warn' : 'hint'} id="failover-sync-hint">
          {own(mode === 'L7' ? 'failover.syncL7' : 'failover.syncHint')}
        </p>
        <label className="check">
          <input type="checkbox" checked={shown.preempt} onChange={(e) => setBalancers({ preempt: e.target.checked })} />
          <span>{own('failover.preempt')}</span>
        </label>
        <p className="hint">{own('failover.preemptHint')}</p>
        <label className="failover-version">
          <span>{own('failover.version')}</span>
          <select value={shown.version} onChange={(e) => setBalancers({ version: e.target.value === '3' ? 3 : 2 })}>
            <option value="2">{own('failover.version2')}</option>
            <option value="3">{own('failover.version3')}</option>
          </select>
        </label>
      </div>
      <HealthChecks />
      <p className="hint">{own('failover.wholeRun')}</p>
    </section>
  );
}
