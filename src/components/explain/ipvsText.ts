import { translate, type Lang, type Param } from '../../i18n/index.ts';
import { ownText } from '../../i18n/ownSection.ts';
import { whyIpvs, type WhyIpvsKey } from '../../i18n/sections/whyIpvs.ts';
import type { IpvsSchedulerName, IpvsSkip } from '../../sim/algorithms/ipvs/dest.ts';
import { IPVS_SCHEDULERS, type IpvsAlgorithm, type IpvsDecision } from '../../sim/algorithms/ipvs/registry.ts';
import type { RrDecision } from '../../sim/algorithms/ipvs/rr.ts';
import type { WrrDecision } from '../../sim/algorithms/ipvs/wrr.ts';
import type { RequestRecord } from '../../sim/types.ts';
import { num } from './format.ts';
import type { SummaryLine } from './wrrText.ts';

/**
 * The Why of an L4 pick: IPVS's scheduler (net/netfilter/ipvs/ip_vs_<name>.c) told with its own
 * numbers. The facts are the kernel's, as src/sim/algorithms/ipvs/ follows them; here they are
 * only put into words.
 */

/** A line of the L4 Why, in its own section (it loads with IpvsView, not with the page). */
export function say(lang: Lang, key: WhyIpvsKey, params?: Record<string, Param>): string {
  return ownText(whyIpvs, lang, key, params);
}

/** The lab's name for a kernel scheduler, and where it lives in Linux (registry.ts). */
export function ipvsScheduler(kernel: IpvsSchedulerName): { algorithm: IpvsAlgorithm; source: string; fn: string } {
  const found = (Object.entries(IPVS_SCHEDULERS) as [IpvsAlgorithm, (typeof IPVS_SCHEDULERS)[IpvsAlgorithm]][]).find(
    ([, e]) => e.kernel === kernel,
  )!;
  // Every scheduler's pick is its module's ip_vs_<name>_schedule (the ops' .schedule).
  return { algorithm: found[0], source: found[1].source, fn: `ip_vs_${kernel}_schedule` };
}

/** "IPVS (the Linux kernel) picks with wrr (weighted round robin)". */
export function ipvsByLine(d: IpvsDecision, lang: Lang): string {
  const { algorithm } = ipvsScheduler(d.scheduler);
  return say(lang, 'by', { kernel: d.scheduler, algorithm: translate(lang, `algorithm.${algorithm}`) });
}

/** "Read from Linux: net/netfilter/ipvs/ip_vs_wrr.c, ip_vs_wrr_schedule". */
export function ipvsSourceLine(d: IpvsDecision, lang: Lang): string {
  const { source, fn } = ipvsScheduler(d.scheduler);
  return say(lang, 'source', { source, fn });
}

/** The key line: the chosen server, or IPVS's "no destination available" and the ICMP answer. */
export function ipvsHeadline(d: IpvsDecision, balancer: string, lang: Lang): string {
  return d.chosen !== null ? translate(lang, 'why.chosen', { server: d.chosen }) : say(lang, 'none', { balancer });
}

/**
 * With no destination: what the kernel logs (ip_vs_scheduler_err, ip_vs_sched.c) and what the
 * client gets (ip_vs_leave, ip_vs_core.c: ICMP port unreachable, for TCP too). The VIP is the
 * one the SYN was sent to, as the balancer received it.
 */
export function ipvsErrorLine(d: IpvsDecision, r: RequestRecord, balancer: string, lang: Lang): string | null {
  if (d.error === null) return null;
  const vip = r.hops.find((h) => h.node === balancer && h.dir === 'request' && h.in)?.in?.dst ?? r.nat?.vip ?? '—';
  return say(lang, 'kernelLog', { kernel: d.scheduler, vip, error: d.error });
}

export function skipText(reason: IpvsSkip, lang: Lang): string {
  return say(lang, `skip.${reason}`);
}

/** rr's walk, as one line: from the last pick (or the head), each dest passed over, the pick. */
export function rrWalk(d: RrDecision, lang: Lang): string {
  const parts = [d.after ?? say(lang, 'rr.head'), ...d.skipped.map((s) => `${s.id} ✕`)];
  if (d.chosen !== null) parts.push(`${d.chosen} ✓`);
  return parts.join(' → ');
}

/** ip_vs_rr_schedule: the walk from the last pick, in words. */
export function rrLines(d: RrDecision, lang: Lang): SummaryLine[] {
  const lines: SummaryLine[] = [];
  if (d.chosen !== null) {
    const key = d.after === null ? 'rr.first' : d.after === d.chosen ? 'rr.again' : 'rr.next';
    lines.push({ kind: 'key', text: say(lang, key, { server: d.chosen, after: d.after ?? '' }) });
  }
  lines.push({ kind: 'note', text: say(lang, 'rr.walk', { walk: rrWalk(d, lang) }) });
  for (const s of d.skipped) lines.push({ kind: 'note', text: say(lang, 'passed', { server: s.id, reason: skipText(s.reason, lang) }) });
  return lines;
}

/** Up to this many walks are told one by one; a longer chase keeps its first two and its last. */
const WALKS_TOLD = 4;

/**
 * ip_vs_wrr_schedule's numbers in words: each walk that ended at the list's end (cw down by the
 * gcd, or back to mw below 1), the pick, and cw before and after, the gcd step and mw.
 */
export function wrrIpvsLines(d: WrrDecision, lang: Lang): SummaryLine[] {
  const lines: SummaryLine[] = [];
  const walks: SummaryLine[] = [];
  let cw = d.cwBefore;
  for (const next of d.steps) {
    const below = cw - d.di;
    walks.push({
      kind: 'note',
      text:
        below <= 0
          ? say(lang, 'wrr.wrap', { from: cw, di: d.di, below: num(below), mw: d.mw })
          : say(lang, 'wrr.step', { from: cw, di: d.di, to: next }),
    });
    cw = next;
  }
  if (walks.length > WALKS_TOLD) {
    const hidden = walks.length - 3;
    lines.push(walks[0]!, walks[1]!, { kind: 'note', text: say(lang, 'wrr.more', { count: hidden, di: d.di }) }, walks.at(-1)!);
  } else for (const w of walks) lines.push(w);
  if (d.steps.length === 0 && d.chosen !== null) lines.push({ kind: 'note', text: say(lang, 'wrr.same', { cw: d.cwAfter }) });
  if (d.chosen !== null) lines.push({ kind: 'key', text: say(lang, 'wrr.pick', { server: d.chosen, cw: d.cwAfter }) });
  lines.push({ kind: 'formula', text: say(lang, 'wrr.numbers', { before: d.cwBefore, after: d.cwAfter, di: d.di }) });
  // mw = max − (di − 1) (ip_vs_wrr_init_svc), so the largest weight is mw + di − 1.
  if (d.mw > 0) lines.push({ kind: 'formula', text: say(lang, 'wrr.mw', { max: d.mw + d.di - 1, di: d.di, mw: d.mw }) });
  return lines;
}

/**
 * A pick by a persistence template (ip_vs_sched_persist, ip_vs_core.c): the client's template,
 * made by an earlier connection within keepalived's persistence_timeout, names its server and
 * no scheduler runs.
 */
export function persistLine(r: RequestRecord, timeoutMs: number, lang: Lang): string {
  return say(lang, 'persist.line', { client: r.client, seconds: timeoutMs / 1000, server: r.server ?? '—' });
}
