import type { VrrpAt } from '../../../trace/config.ts';

/** A backup's master-down timer running out: from the last advert it heard to its takeover. */
export interface Countdown {
  balancer: string;
  start: number;
  end: number;
  reason: 'silence' | 'preempt';
}

/**
 * The countdown worth drawing at t: a backup whose master stopped advertising (dead, or an
 * advert overdue), or a restored higher-priority balancer waiting out its own timer to preempt.
 * While adverts keep coming the timer restarts every second, and nothing is drawn.
 */
export function countdownAt(v: VrrpAt, advertIntervalMs: number, t: number): Countdown | null {
  const k = v.takeover;
  if (!k || t >= k.at) return null;
  const start = k.at - k.masterDownMs;
  const other = v.balancers.find((b) => b.name !== k.balancer);
  const silent = !other || !other.alive || other.role !== 'master' || t - start > advertIntervalMs;
  if (k.reason === 'silence' && !silent) return null;
  return { balancer: k.balancer, start, end: k.at, reason: k.reason };
}

/** The share of the interval still left at t (1 at the last advert, 0 at the takeover). */
export function fractionLeft(c: Countdown, t: number): number {
  const span = c.end - c.start;
  if (span <= 0) return 0;
  return Math.min(1, Math.max(0, (c.end - t) / span));
}

/** Seconds left at t, to a tenth, never below zero: "2.1". */
export function secondsLeft(c: Countdown, t: number, lang: 'en' | 'ko'): string {
  const s = Math.max(0, c.end - t) / 1000;
  // Rounded up, so "0.0" shows only at the takeover itself.
  const tenths = Math.max(0, Math.ceil(s * 10 - 1e-9)) / 10;
  return tenths.toLocaleString(lang === 'ko' ? 'ko-KR' : 'en-US', {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
}
