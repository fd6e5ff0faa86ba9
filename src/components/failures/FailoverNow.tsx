import type { BalancerName } from '../../sim/nodes.ts';
import { useConfigAt } from '../../store/hooks.ts';
import { useLab, useT } from '../../store/context.tsx';
import { VrrpStatus } from './VrrpStatus.tsx';
import './failures.css';

/**
 * Breaking the balancer pair on purpose and watching VRRP answer, beside the stage: fail or
 * restore either balancer at the current moment, and read who holds the VIP and when the
 * backup would take over. The pair's settings (sync, preemption, version) are in
 * FailoverPanel, with the details.
 */
export function FailoverNow() {
  const t = useT();
  const failed = useConfigAt().failed;
  const act = useLab((s) => s.act);
  const toggle = (lb: BalancerName) => act({ action: failed.has(lb) ? 'restore' : 'fail', target: lb });

  return (
    <section className="panel failover failover-now" aria-label={t('failover.title')} data-lesson-target="failover">
      <h2>{t('failover.title')}</h2>
      <div className="control-row failover-buttons">
        <button type="button" className={failed.has('lb1') ? 'restore-button' : 'fail-button'} onClick={() => toggle('lb1')}>
          {t(failed.has('lb1') ? 'failover.restorePrimary' : 'failover.failPrimary')}
        </button>
        <button type="button" className={failed.has('lb2') ? 'restore-button' : 'fail-button'} onClick={() => toggle('lb2')}>
          {t(failed.has('lb2') ? 'failover.restoreStandby' : 'failover.failStandby')}
        </button>
      </div>
      <p className="hint">{t('failover.actNote')}</p>
      <VrrpStatus />
    </section>
  );
}
