import type { VrrpRecord } from '../sim/types.ts';
import { lastAtOrBefore } from './sorted.ts';
import type { Trace } from './trace.ts';

/** How long (simulated ms) a burst of gratuitous ARPs is drawn spreading from the new master. */
export const GARP_SHOW_MS = 800;

/** A burst of gratuitous ARPs being drawn at t: which, and how far it has spread (0 … 1). */
export interface GarpNow {
  /** Index into trace.vrrp: the burst's identity while it is drawn. */
  index: number;
  garp: VrrpRecord & { kind: 'garp' };
  frac: number;
}

/** The bursts worth drawing: a takeover's and its repeat; not the first election's at 0 ms, the starting state. */
const bursts = new WeakMap<Trace, { times: Float64Array; index: Int32Array }>();
function burstsOf(trace: Trace) {
  let b = bursts.get(trace);
  if (!b) {
    const idx: number[] = [];
    trace.vrrp.forEach((v, i) => {
      if (v.kind === 'garp' && v.at > 0) idx.push(i);
    });
    b = { times: Float64Array.from(idx, (i) => trace.vrrp[i]!.at), index: Int32Array.from(idx) };
    bursts.set(trace, b);
  }
  return b;
}

/** The latest burst sent at or before t and still spreading (within GARP_SHOW_MS), or null. */
export function garpAt(trace: Trace, t: number): GarpNow | null {
  const b = burstsOf(trace);
  const i = lastAtOrBefore(b.times, t);
  if (i < 0) return null;
  const index = b.index[i]!;
  const garp = trace.vrrp[index]! as VrrpRecord & { kind: 'garp' };
  const frac = (t - garp.at) / GARP_SHOW_MS;
  return frac < 1 ? { index, garp, frac } : null;
}

/** When the first burst worth drawing goes out (Infinity: never), for the legend. */
export function firstGarp(trace: Trace): number {
  return burstsOf(trace).times[0] ?? Infinity;
}
