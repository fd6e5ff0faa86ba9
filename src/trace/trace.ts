import type { ConfigChange, HealthChange, ProbeRecord, RequestRecord, VrrpRecord } from '../sim/types.ts';
import { packStep, type MomentStep } from './momentStep.ts';
import { lastAtOrBefore } from './sorted.ts';

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
  /** Which hop, DNS message or handshake segment, packed (read it with `unpackStep`). */
  hop: number;
}

/** Something the balancers did that stepping stops at: a VRRP change or a health change. */
export interface SystemMoment {
  at: number;
  kind: 'vrrp' | 'health';
  /** Index into `vrrp` or `health`. */
  index: number;
}

export interface Trace {
  records: RequestRecord[];
  /**
   * The requests' moments only, in time order, as three columns (see `momentOf`): typed
   * arrays, so a run of hundreds of thousands of moments crosses from the worker at no cost.
   */
  times: Float64Array;
  /** Index into `records` of moment i. */
  momentRecord: Int32Array;
  /** The record's hop of moment i (see Moment.hop). */
  momentHop: Int32Array;
  probes: ProbeRecord[];
  health: HealthChange[];
  vrrp: VrrpRecord[];
  /** The configuration changes the engine applied, in time order (see configAt). */
  config: ConfigChange[];
  /** VRRP role changes, gratuitous ARPs, failures and restores, health changes (not adverts or probes). */
  system: SystemMoment[];
  systemTimes: Float64Array;
  /** When the last thing happens. */
  end: number;
  /**
   * Records under way in each BUCKET_MS window that has any (indexes into `records`), for
   * those that last at most LONG_BUCKETS windows; sparse, so a long quiet run costs nothing.
   */
  buckets: Map<number, number[]>;
  /** Records that last longer, by start: few, and checked one by one. */
  long: number[];
}

export const BUCKET_MS = 50;
const LONG_BUCKETS = 40;

/** When a record starts: its DNS query, or its first packet. */
export function startOf(r: RequestRecord): number {
  // With handshakes, the connection's SYN (and any SYN sent again) comes before the first hop.
  const first = r.hops[0]?.at ?? r.at;
  return r.dns ? r.dns.at : r.tcp?.length ? Math.min(r.tcp[0]!.at, first) : first;
}

export interface TraceInput {
  records: RequestRecord[];
  probes?: ProbeRecord[];
  health?: HealthChange[];
  vrrp?: VrrpRecord[];
  config?: ConfigChange[];
}

export function buildTrace(input: TraceInput | RequestRecord[]): Trace {
  const { records, probes = [], health = [], vrrp = [], config = [] } = Array.isArray(input) ? { records: input } : input;
  // Each moment's place in its record's story is worked out once, not in every comparison.
  const moments: (Moment & { order: number })[] = [];
  const add = (at: number, record: number, step: MomentStep) =>
    moments.push({ at, record, hop: packStep(step), order: order(records[record]!, step) });
  records.forEach((r, i) => {
    if (r.dns) {
      add(r.dns.at, i, { kind: 'dns-query' });
      add(r.dns.answeredAt, i, { kind: 'dns-answer' });
    }
    r.hops.forEach((h, j) => add(h.at, i, { kind: 'hop', hop: j }));
    r.tcp?.forEach((g, k) => add(g.at, i, { kind: 'segment', segment: k }));
  });
  moments.sort((a, b) => a.at - b.at || a.record - b.record || a.order - b.order);
  const system: SystemMoment[] = [
    ...vrrp.map((v, index) => ({ at: v.at, kind: 'vrrp' as const, index })).filter((m) => vrrp[m.index]!.kind !== 'advert'),
    ...health.map((h, index) => ({ at: h.at, kind: 'health' as const, index })),
  ].sort((a, b) => a.at - b.at || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.index - b.index));
  const end = Math.max(
    moments.length ? moments[moments.length - 1]!.at : 0,
    system.length ? system[system.length - 1]!.at : 0,
    probes.length ? probes[probes.length - 1]!.doneAt : 0,
    vrrp.length ? vrrp[vrrp.length - 1]!.at : 0,
  );
  const buckets = new Map<number, number[]>();
  const long: number[] = [];
  records.forEach((r, i) => {
    const first = Math.floor(startOf(r) / BUCKET_MS);
    const last = Math.floor(r.doneAt / BUCKET_MS);
    if (last - first > LONG_BUCKETS) {
      long.push(i);
      return;
    }
    for (let b = first; b <= last; b++) {
      const list = buckets.get(b);
      if (list) list.push(i);
      else buckets.set(b, [i]);
    }
  });
  long.sort((a, b) => startOf(records[a]!) - startOf(records[b]!));
  return {
    records,
    end,
    buckets,
    long,
    times: Float64Array.from(moments, (m) => m.at),
    momentRecord: Int32Array.from(moments, (m) => m.record),
    momentHop: Int32Array.from(moments, (m) => m.hop),
    probes,
    health,
    vrrp,
    config,
    system,
    systemTimes: Float64Array.from(system, (m) => m.at),
  };
}

/** A moment's place in its record's story: DNS, then segments and hops as they happened. */
function order(r: RequestRecord, step: MomentStep): number {
  switch (step.kind) {
    case 'hop':
      return step.hop;
    case 'dns-query':
      return -3;
    case 'dns-answer':
      return -2;
    case 'segment': {
      const k = step.segment;
      // A segment comes just before the hop it preceded (`after`), in the order it was recorded.
      return r.tcp![k]!.after - 1 + (k + 1) / (r.tcp!.length + 1);
    }
  }
}

/** Moment i of the run (0 ≤ i < times.length). */
export function momentOf(trace: Trace, i: number): Moment {
  return { at: trace.times[i]!, record: trace.momentRecord[i]!, hop: trace.momentHop[i]! };
}

/** The number of request moments. */
export const momentCount = (trace: Trace): number => trace.times.length;

/** Index of the last request moment at or before t, or -1. */
export function momentIndexAt(trace: Trace, t: number): number {
  return lastAtOrBefore(trace.times, t);
}

/** The time of the first moment (a request's or the balancers') after t, or null at the end. */
export function nextMomentTime(trace: Trace, t: number): number | null {
  const a = trace.times[lastAtOrBefore(trace.times, t) + 1];
  const b = trace.systemTimes[lastAtOrBefore(trace.systemTimes, t) + 1];
  if (a === undefined && b === undefined) return null;
  return Math.min(a ?? Infinity, b ?? Infinity);
}

/** The time of the last moment before t, or null at the start (0 then). */
export function prevMomentTime(trace: Trace, t: number): number | null {
  const before = (times: Float64Array) => {
    let i = lastAtOrBefore(times, t);
    while (i >= 0 && times[i]! >= t) i--;
    return i >= 0 ? times[i]! : -Infinity;
  };
  const p = Math.max(before(trace.times), before(trace.systemTimes));
  return p === -Infinity ? null : p;
}

const NONE: readonly number[] = [];

/** Records that may be under way at time t (a superset; callers check the exact times). */
export function candidatesAt(trace: Trace, t: number): readonly number[] {
  const near = trace.buckets.get(Math.floor(t / BUCKET_MS)) ?? NONE;
  if (trace.long.length === 0) return near;
  const out = [...near];
  for (const i of trace.long) {
    const r = trace.records[i]!;
    if (startOf(r) > t) break;
    if (r.doneAt >= t) out.push(i);
  }
  return out;
}
