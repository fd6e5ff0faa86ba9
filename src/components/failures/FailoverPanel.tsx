import { useConfigAt } from '../../store/hooks.ts';
import { useLab, useT } from '../../store/context.tsx';
import { HealthChecks } from './HealthChecks.tsx';
import { usePending } from '../controls/usePending.ts';
import { VrrpStatus } from './VrrpStatus.tsx';
import './failures.css';

/**
 * Breaking the balancer pair on purpose and watching VRRP answer: fail or restore either
 * balancer at the current moment, switch connection sync and preemption, and read who holds
 * the VIP and when the backup would take over. Health checks sit here too.
 */
export function FailoverPanel() {
  const t = useT();
  const failed = useConfigAt().failed;
  const act = useLab((s) => s.act);
  const configure = useLab((s) => s.configure);
  const base = useLab((s) => s.base);
  const balancers = useLab((s) => s.scenario.balancers);
  const mode = useLab((s) => s.scenario.mode);
  const [shown, show] = usePending(balancers);
  const setBalancers = (patch: { sync?: boolean; preempt?: boolean; version?: 2 | 3 }) =>
    show({ ...shown, ...patch }, () => configure({ balancers: { ...base.balancers, ...patch } }));
  const toggle = (lb: 'lb1' | 'lb2') => act({ action: failed.has(lb) ? 'restore' : 'fail', target: lb });

  return (
    <section className="panel failover" aria-label={t('fo.title')}>
      <h2>{t('fo.title')}</h2>
      <div className="control-row failover-buttons">
        <button type="button" className={failed.has('lb1') ? 'restore-button' : 'fail-button'} onClick={() => toggle('lb1')}>
          {t(failed.has('lb1') ? 'fo.restorePrimary' : 'fo.failPrimary')}
        </button>
        <button type="button" className={failed.has('lb2') ? 'restore-button' : 'fail-button'} onClick={() => toggle('lb2')}>
          {t(failed.has('lb2') ? 'fo.restoreStandby' : 'fo.failStandby')}
        </button>
      </div>
      <p className="hint">{t('fo.actNote')}</p>
      <VrrpStatus />
      <div className="failover-options">
        <label className="check">
          <input type="checkbox" checked={shown.sync} aria-describedby="fo-sync-hint" onChange={(e) => setBalancers({ sync: e.target.checked })} />
          <span>{t('fo.sync')}</span>
        </label>
        <p className={mode === 'L7' ? 'hint hint-warn' : 'hint'} id="fo-sync-hint">{t(mode === 'L7' ? 'fo.syncL7' : 'fo.syncHint')}</p>
        <label className="check">
          <input type="checkbox" checked={shown.preempt} onChange={(e) => setBalancers({ preempt: e.target.checked })} />
          <span>{t('fo.preempt')}</span>
        </label>
        <p className="hint">{t('fo.preemptHint')}</p>
        <label className="failover-version">
          <span>{t('fo.version')}</span>
          <select value={shown.version} onChange={(e) => setBalancers({ version: e.target.value === '3' ? 3 : 2 })}>
            <option value="2">{t('fo.version2')}</option>
            <option value="3">{t('fo.version3')}</option>
          </select>
        </label>
      </div>
      <HealthChecks />
      <p className="hint">{t('fo.wholeRun')}</p>
    </section>
  );
}
