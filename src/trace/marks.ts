import type { ScenarioEvent } from '../sim/scenario.ts';
import type { VrrpRecord } from '../sim/types.ts';
import { startOf, type Trace } from './trace.ts';

/**
 * What the timeline marks, so a teacher can scrub to the moment: when requests start (counted
 * per bucket, so ten thousand requests cost one SVG path), when a server or balancer fails or
 * comes back, and when the VIP moves to another balancer.
 */

/** Buckets across the whole run: fine enough to see a burst, few enough to draw as one path. */
export const TICK_BUCKETS = 240;
/** Marks nearer each other than this share of the run go on separate lanes (they would overlap). */
export const MIN_GAP = 0.03;

export type MarkKind = 'fail' | 'restore' | 'failover';

type Found =
  { kind: 'fail' | 'restore'; at: number; x: number; event: ScenarioEvent } | { kind: 'failover'; at: number; x: number; vrrp: VrrpRecord };
/** A failure, a restore (the scenario's event) or a VIP move (the VRRP record), on its lane. */
export type EventMark = Found & { lane: number };

export interface TimelineMarks {
  /** Requests starting in each of TICK_BUCKETS equal slices of [0, end]. */
  ticks: number[];
  /** The largest count in `ticks` (0 with no requests). */
  most: number;
  /** In time order; `x` is the share of the run (0 … 1), `lane` the row counted from the track. */
  marks: EventMark[];
  /** How many lanes the marks need (0 with no marks). */
  lanes: number;
}

/** A balancer taking the VIP: its first burst of gratuitous ARPs, not the election at 0 ms. */
export const movesVip = (v: VrrpRecord): boolean => v.kind === 'garp' && !v.repeat && v.at > 0;

export function timelineMarks(trace: Trace, events: readonly ScenarioEvent[], buckets = TICK_BUCKETS, minGap = MIN_GAP): TimelineMarks {
  const span = trace.end > 0 ? trace.end : 1;
  const share = (at: number) => Math.max(0, Math.min(1, at / span));
  const ticks = new Array<number>(buckets).fill(0);
  for (const r of trace.records) {
    const b = Math.min(buckets - 1, Math.floor(share(startOf(r)) * buckets));
    ticks[b]! += 1;
  }
  const found: Found[] = [];
  for (const event of events) {
    if (event.action === 'fail' || event.action === 'restore') found.push({ kind: event.action, at: event.at, x: share(event.at), event });
  }
  for (const vrrp of trace.vrrp) {
    if (movesVip(vrrp)) found.push({ kind: 'failover', at: vrrp.at, x: share(vrrp.at), vrrp });
  }
  // Stable: at one instant the failure comes before the VIP move it causes.
  found.sort((a, b) => a.at - b.at);
  const laneEnds: number[] = [];
  const marks = found.map((m) => {
    let lane = laneEnds.findIndex((x) => m.x - x >= minGap);
    if (lane < 0) lane = laneEnds.length;
    laneEnds[lane] = m.x;
    return { ...m, lane };
  });
  return { ticks, most: ticks.reduce((a, b) => Math.max(a, b), 0), marks, lanes: laneEnds.length };
}

/**
 * The ticks as one SVG path in a `width` × `height` box, rising from the bottom: a bucket with
 * any request gets a tick at least a third high, the busiest the full height.
 */
export function ticksPath(ticks: readonly number[], most: number, width: number, height: number): string {
  if (most <= 0) return '';
  const n = ticks.length;
  const parts: string[] = [];
  ticks.forEach((count, i) => {
    if (count === 0) return;
    const x = ((i + 0.5) / n) * width;
    const h = height * (1 / 3 + (2 / 3) * (count / most));
    parts.push(`M${round(x)} ${round(height)}V${round(height - h)}`);
  });
  return parts.join('');
}

const round = (v: number) => Math.round(v * 10) / 10;
