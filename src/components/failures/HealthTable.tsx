import { BALANCERS } from '../../sim/nodes.ts';
import { useConfigAt } from '../../store/hooks.ts';
import { failoverPanel } from '../../i18n/sections/failoverPanel.ts';
import { useLab, useOwnT } from '../../store/context.tsx';
import { checksToFlip, type HealthView } from '../../trace/config.ts';
import { useFailoverView } from './useFailover.ts';

/**
 * Each server as it really is and as each balancer sees it. The gap between the two columns
 * is the lesson: until the checks notice, a balancer still sends requests to a dead server.
 */
export function HealthTable() {
  const t = useOwnT(failoverPanel);
  const config = useConfigAt();
  const hc = useLab((s) => s.scenario.healthCheck);
  const { vrrp, health, inCharge } = useFailoverView();
  const servers = config.servers.filter((s) => s.member);

  const seen = (lb: string, server: string): { text: string; down: boolean } => {
    if (!vrrp.balancers.find((b) => b.name === lb)?.alive) return { text: t('failover.hc.notRunning'), down: false };
    if (!hc) return { text: t('failover.hc.unchecked'), down: false };
    const v: HealthView = health.get(lb)?.get(server) ?? { state: 'up', health: hc.rise };
    const n = checksToFlip(v, hc);
    if (v.state === 'up')
      return {
        text: n >= hc.fall ? t('failover.hc.up') : n === 1 ? t('failover.hc.upLast') : t('failover.hc.upFailing', { n }),
        down: false,
      };
    return { text: v.health > 0 ? t('failover.hc.downRising', { n: v.health, rise: hc.rise }) : t('failover.hc.down'), down: true };
  };
  const blind =
    hc && inCharge
      ? servers.find((s) => config.failed.has(s.name) && (health.get(inCharge)?.get(s.name)?.state ?? 'up') === 'up')
      : undefined;

  return (
    <>
      <div className="health-table-wrap">
        <table className="health-table">
          <caption>{t('failover.hc.table')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('failover.hc.server')}</th>
              <th scope="col">{t('failover.hc.really')}</th>
              {BALANCERS.map((lb) => (
                <th key={lb} scope="col">
                  {lb}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {servers.map((s) => {
              const failed = config.failed.has(s.name);
              return (
                <tr key={s.name}>
                  <th scope="row">{s.name}</th>
                  <td className={failed ? 'is-failed' : ''}>{t(failed ? 'failover.hc.failed' : 'failover.hc.working')}</td>
                  {BALANCERS.map((lb) => {
                    const v = seen(lb, s.name);
                    return (
                      <td key={lb} className={v.down ? 'is-down' : ''}>
                        {v.text}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {blind && inCharge && hc && (
        <p className="hc-window">
          {t(hc.keepalived ? 'failover.hc.windowKeepalived' : 'failover.hc.window', {
            server: blind.name,
            lb: inCharge,
            n: checksToFlip(health.get(inCharge)?.get(blind.name) ?? { state: 'up', health: hc.rise }, hc),
          })}
        </p>
      )}
    </>
  );
}
