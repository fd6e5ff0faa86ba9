import type { RequestRecord } from '../sim/types.ts';

/**
 * A finished run, indexed for playback: every moment something happens (a DNS query or answer,
 * a packet arriving at or leaving a node), in time order, and an index of which requests are
 * under way in any time window. Views derive everything they show at time t from this, so
 * stepping back is as cheap as stepping forward.
 */
export interface Moment {
  at: number;
  /** Index into `records`. */
  record: number;
  /** Index into the record's hops, or -1 for the DNS query and -2 for its answer. */
  hop: number;
}

export interface Trace {
  records: RequestRecord[];
  moments: Moment[];
  /** `moments[i].at`, for binary search. */
  times: Float64Array;
  /** When the last thing happens. */
  end: number;
  /** Records under way in each BUCKET_MS window: indexes into `records`. */
  buckets: number[][];
}

export const BUCKET_MS = 50;

/** When a record starts: its DNS query, or its first packet. */
export function startOf(r: RequestRecord): number {
  return r.dns ? r.dns.at : r.hops[0]?.at ?? r.at;
}

export function buildTrace(records: RequestRecord[]): Trace {
  const moments: Moment[] = [];
  records.forEach((r, i) => {
    if (r.dns) {
      moments.push({ at: r.dns.at, record: i, hop: -1 });
      moments.push({ at: r.dns.answeredAt, record: i, hop: -2 });
    }
    r.hops.forEach((h, j) => moments.push({ at: h.at, record: i, hop: j }));
  });
  moments.sort((a, b) => a.at - b.at || a.record - b.record || order(a.hop) - order(b.hop));
  const end = moments.length ? moments[moments.length - 1]!.at : 0;
  const buckets: number[][] = Array.from({ length: Math.floor(end / BUCKET_MS) + 1 }, () => []);
  records.forEach((r, i) => {
    for (let b = Math.floor(startOf(r) / BUCKET_MS); b <= Math.floor(r.doneAt / BUCKET_MS); b++) buckets[b]?.push(i);
  });
  return { records, moments, times: Float64Array.from(moments, (m) => m.at), end, buckets };
}

function order(hop: number): number {
  return hop < 0 ? hop === -1 ? -2 : -1 : hop;
}

/** Index of the last moment at or before t, or -1. */
export function momentIndexAt(trace: Trace, t: number): number {
  let lo = 0, hi = trace.times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (trace.times[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** The time of the first moment after t, or null at the end. */
export function nextMomentTime(trace: Trace, t: number): number | null {
  const i = momentIndexAt(trace, t) + 1;
  return i < trace.times.length ? trace.times[i]! : null;
}

/** The time of the last moment before t, or null at the start (0 then). */
export function prevMomentTime(trace: Trace, t: number): number | null {
  let i = momentIndexAt(trace, t);
  while (i >= 0 && trace.times[i]! >= t) i--;
  return i >= 0 ? trace.times[i]! : null;
}

/** Records that may be under way at time t (a superset; callers check the exact times). */
export function candidatesAt(trace: Trace, t: number): readonly number[] {
  return trace.buckets[Math.floor(t / BUCKET_MS)] ?? [];
}
