import { useMemo } from 'react';
import { useLab, useT } from '../../store/context.tsx';
import { useFailoverView } from './useFailover.ts';
import { vrrpLines } from './vrrpText.ts';

/** Who is master, the last advert heard, and when (and why) the backup would take the VIP. */
export function VrrpStatus() {
  const t = useT();
  const lang = useLab((s) => s.lang);
  const scenario = useLab((s) => s.scenario);
  const time = useLab((s) => s.time);
  const { vrrp } = useFailoverView();
  const lines = useMemo(() => vrrpLines(vrrp, scenario, time, lang), [vrrp, scenario, time, lang]);

  return (
    <div className="vrrp-status">
      <h3>{t('failover.vrrp.heading')}</h3>
      <dl>
        <div className={vrrp.vipAnswered ? '' : 'vrrp-alarm'}>
          <dt>{t('failover.vrrp.master')}</dt>
          <dd data-testid="vrrp-master">
            {vrrp.vipAnswered ? '' : '⚠ '}
            {lines.master}
          </dd>
        </div>
        <div>
          <dt>{t('failover.vrrp.roles')}</dt>
          <dd data-testid="vrrp-roles">{lines.roles}</dd>
        </div>
        <div>
          <dt>{t('failover.vrrp.lastAdvert')}</dt>
          <dd className="mono">{lines.lastAdvert}</dd>
        </div>
        <div>
          <dt>{t('failover.vrrp.next')}</dt>
          <dd data-testid="vrrp-takeover">
            {lines.takeover}
            {lines.interval && <span className="vrrp-formula mono">{lines.interval}</span>}
          </dd>
        </div>
      </dl>
    </div>
  );
}
