import type { MessageKey } from '../../i18n/index.ts';
import type { Algorithm } from '../../sim/algorithms/pick.ts';
import { isBalancer } from '../../sim/nodes.ts';
import type { Scenario } from '../../sim/scenario.ts';
import { firstGarp } from '../../trace/garp.ts';
import type { Trace } from '../../trace/trace.ts';
import { answerOf, segmentRetryOf } from './packetLabels.ts';
import { drawingOf, type ForwardingMark } from './forwardingDrawing.ts';
import { firstFullAt } from './queueFull.ts';

export type LegendItem =
  | 'request'
  | 'response'
  | 'pill'
  | 'dns'
  | 'tcp'
  | 'held'
  | 'tag'
  | 'direct'
  | 'mac'
  | 'outer'
  | 'probe'
  | 'advert'
  | 'drop'
  | 'queueFull'
  | 'retry'
  | 'cache'
  | 'blocked'
  | 'error'
  | 'sessionLost'
  | 'garp'
  | 'whyBars'
  | 'whyDots'
  | 'whyRing'
  | 'whyHash'
  | 'whyWalk';

/** What the why overlay can draw at the moment: its marks follow the algorithm in force and a running countdown. */
export interface WhyMarks {
  algorithm: Algorithm;
  /** A decision is being told (the bars and the hash need one; L7's connection dots do not). */
  decided: boolean;
  countdown: boolean;
  /** L4 marks IPVS's pick (WhyOverlay, ipvsMarks.tsx); L7 nginx's. L7 when not given. */
  mode?: 'L4' | 'L7';
}

/** nginx's marks (L7). */
const WHY_MARK: Record<Algorithm, LegendItem> = {
  'round-robin': 'whyBars',
  'weighted-round-robin': 'whyBars',
  'least-connections': 'whyDots',
  'weighted-least-connections': 'whyDots',
  'ip-hash': 'whyHash',
};

/** IPVS's marks (L4): rr's walk as a tag by the balancer, wrr's weights against cw, lc/wlc's counts, sh's bucket. */
const IPVS_MARKS: Record<Algorithm, readonly LegendItem[]> = {
  'round-robin': ['whyWalk'],
  'weighted-round-robin': ['whyBars'],
  'least-connections': ['whyDots'],
  'weighted-least-connections': ['whyDots'],
  'ip-hash': ['whyHash'],
};

/** The same mark means IPVS's numbers in L4: its words then (canvasWhy.ts), or null for the item's own. */
export function whyWords(item: LegendItem, mode: 'L4' | 'L7'): MessageKey | null {
  if (item === 'whyWalk') return 'legend.whyWalk';
  if (mode !== 'L4') return null;
  if (item === 'whyBars') return 'legend.whyBarsL4';
  if (item === 'whyDots') return 'legend.whyDotsL4';
  if (item === 'whyHash') return 'legend.whyHashL4';
  return null;
}

const FORWARDING_MARK: Record<ForwardingMark, LegendItem> = { direct: 'direct', mac: 'mac', outer: 'outer' };

type Happens = 'dns' | 'advert' | 'drop' | 'overflow' | 'retry' | 'error' | 'sessionLost';

/** When each thing that depends on how the run goes is first drawn (Infinity: never). */
function firstTimes(trace: Trace): Record<Happens, number> {
  const first: Record<Happens, number> = {
    dns: Infinity,
    advert: Infinity,
    drop: Infinity,
    overflow: Infinity,
    retry: Infinity,
    error: Infinity,
    sessionLost: Infinity,
  };
  const seen = (k: Happens, at: number) => {
    if (at < first[k]) first[k] = at;
  };
  for (const r of trace.records) {
    if (r.dns) seen('dns', r.dns.at);
    const answer = answerOf(r);
    if (answer === 'error' || answer === 'sessionLost') {
      // The red answer is drawn from the moment it sets out.
      const back = r.hops.find((h) => h.dir === 'response');
      if (back) seen(answer, back.at);
    }
    for (const h of r.hops) {
      if (h.drop && !(h.drop === 'refused' && isBalancer(h.node))) seen('drop', h.at);
      if (h.drop === 'overflow') seen('overflow', h.at);
      if (h.retransmit) seen('retry', h.at);
    }
    // With handshakes a dropped SYN and the one sent again are segments.
    r.tcp?.forEach((x, k) => {
      if (x.drop && !(x.drop === 'refused' && isBalancer(x.node))) seen('drop', x.at);
      if (x.drop === 'overflow') seen('overflow', x.at);
      if (x.flags === 'SYN' && !x.in && segmentRetryOf(r, k)) seen('retry', x.at);
    });
  }
  for (const v of trace.vrrp) if (v.kind === 'advert') seen('advert', v.at);
  return first;
}

const cache = new WeakMap<Trace, Record<Happens, number>>();

/**
 * What the legend names: the shapes this scenario can put on the stage and no others. Features
 * come from the scenario (handshakes, health checks, an L7 cache or block). What depends on how
 * the run goes (DNS lookups, adverts, drops, error answers, lost sessions) is named once it has
 * been drawn, by `time`: so the page at a moment is the same however it got there (a failure
 * added later in the run does not change the legend before it happens).
 */
export function legendItems(s: Scenario, trace: Trace, time: number, why?: WhyMarks): LegendItem[] {
  let first = cache.get(trace);
  if (!first) cache.set(trace, (first = firstTimes(trace)));
  const by = (k: Happens) => first[k] <= time;
  const items: LegendItem[] = ['request', 'response', 'pill'];
  if (by('dns')) items.push('dns');
  if (s.network.handshakes) items.push('tcp');
  items.push('held', 'tag');
  // The forwarding mode's own marks: the direct answers' route, the tag's MAC or outer header.
  for (const mark of drawingOf(s).marks) items.push(FORWARDING_MARK[mark]);
  if (s.healthCheck) items.push('probe');
  if (by('advert')) items.push('advert');
  if (s.mode === 'L7' && s.cache) items.push('cache');
  if (s.mode === 'L7' && s.block) items.push('blocked');
  if (by('error')) items.push('error');
  if (by('sessionLost')) items.push('sessionLost');
  if (by('drop')) items.push('drop');
  // A full accept queue from when one is first full (or first drops a SYN); the retry's pill from the first retry.
  if (Math.min(first.overflow, firstFullAt(s, trace)) <= time) items.push('queueFull');
  if (by('retry')) items.push('retry');
  if (firstGarp(trace) <= time) items.push('garp');
  // The why's marks on the drawing (WhyOverlay), those in play now.
  if (why?.mode === 'L4') {
    if (why.decided) for (const item of IPVS_MARKS[why.algorithm]) items.push(item);
  } else if (why && (why.decided || why.algorithm === 'least-connections')) items.push(WHY_MARK[why.algorithm]);
  if (why?.countdown) items.push('whyRing');
  return items;
}
