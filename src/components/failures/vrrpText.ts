import { translate, type Lang } from '../../i18n/index.ts';
import type { Scenario } from '../../sim/scenario.ts';
import type { VrrpAt } from '../../trace/config.ts';
import { ms } from '../explain/format.ts';
import { roleText } from './nodeStatus.ts';

/** The VRRP pair at time t in words, for the failover panel: each entry is a term and its text. */
export interface VrrpLines {
  master: string;
  roles: string;
  lastAdvert: string;
  takeover: string;
  /** How the master-down interval is worked out, when a backup is counting down. */
  interval: string | null;
}

const whole = (n: number, lang: Lang) => n.toLocaleString(lang === 'ko' ? 'ko-KR' : 'en-US', { maximumFractionDigits: 3 });

export function vrrpLines(v: VrrpAt, s: Scenario, t: number, lang: Lang): VrrpLines {
  const vip = s.network.vip;
  const holder = v.balancers.find((b) => b.name === v.vip);
  const master =
    holder && v.vipAnswered
      ? translate(lang, 'failover.vrrp.masterIs', { lb: holder.name, priority: holder.priority, vip })
      : translate(lang, 'failover.vrrp.noMaster', { lb: v.vip ?? 'lb1', vip });
  const roles = v.balancers.map((b) => `${b.name}: ${roleText(b, lang)}`).join(' · ');

  // The advert heard last, whoever sent it.
  const sender = [...v.balancers].filter((b) => b.lastAdvert !== null).sort((a, b) => b.lastAdvert! - a.lastAdvert!)[0];
  const lastAdvert = sender
    ? translate(lang, 'failover.vrrp.advertAgo', {
        lb: sender.name,
        ago: ms(t - sender.lastAdvert!, lang),
        at: ms(sender.lastAdvert!, lang),
      })
    : translate(lang, 'failover.vrrp.noAdvert');

  const k = v.takeover;
  if (!k) return { master, roles, lastAdvert, takeover: translate(lang, 'failover.vrrp.noTakeover'), interval: null };
  const b = v.balancers.find((x) => x.name === k.balancer)!;
  const other = v.balancers.find((x) => x.name !== k.balancer)!;
  // keepalived's master-down interval: VRRPv2's skew is in seconds, VRRPv3's scales with the advert.
  const interval = translate(lang, s.balancers.version === 3 ? 'failover.vrrp.interval3' : 'failover.vrrp.interval', {
    advert: whole(s.balancers.advertIntervalMs, lang),
    priority: b.priority,
    wait: ms(k.masterDownMs, lang),
  });
  if (k.reason === 'preempt') {
    return {
      master,
      roles,
      lastAdvert,
      interval,
      takeover: translate(lang, 'failover.vrrp.preempt', {
        lb: b.name,
        priority: b.priority,
        other: other.priority,
        master: other.name,
        at: ms(k.at, lang),
      }),
    };
  }
  return {
    master,
    roles,
    lastAdvert,
    interval,
    takeover: translate(lang, 'failover.vrrp.takeover', { lb: b.name, at: ms(k.at, lang) }),
  };
}
