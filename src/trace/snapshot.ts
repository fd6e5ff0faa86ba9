import { isBalancer } from '../sim/nodes.ts';
import type { NatEntry, Outcome, RequestRecord } from '../sim/types.ts';
import { percentile } from './sorted.ts';
import type { Trace } from './trace.ts';

/** What the balancer and the servers look like at one moment, for the panels. */
export interface Snapshot {
  t: number;
  /** Connection-tracking entries open at t, oldest first. */
  nat: { id: number; balancer: string; server: string; entry: NatEntry }[];
  /** Open connections per server name. */
  conns: Record<string, number>;
  /** Requests each server has been given so far. */
  assigned: Record<string, number>;
  /** Requests finished by t, by outcome. */
  outcomes: Record<Outcome, number>;
  /** Of the `ok` ones, those the server answered 401: the login session was on another server. */
  sessionLost: number;
  finished: number;
  latencyMeanMs: number | null;
  latencyP95Ms: number | null;
  /** The request whose server was picked most recently (the "why this server" default). */
  lastDecision: number | null;
}

/** The balancer's hop where it picked the server (the request's arrival at a balancer). */
export function pickHop(r: RequestRecord): number {
  return r.hops.findIndex((h) => h.dir === 'request' && isBalancer(h.node));
}

/** When each record's server was picked (NaN: never), worked out once per trace. */
const pickTimes = new WeakMap<Trace, Float64Array>();
function picksOf(trace: Trace): Float64Array {
  let picks = pickTimes.get(trace);
  if (!picks) {
    picks = Float64Array.from(trace.records, (r) => r.hops[pickHop(r)]?.at ?? NaN);
    pickTimes.set(trace, picks);
  }
  return picks;
}

export function snapshotAt(trace: Trace, serverNames: readonly string[], t: number): Snapshot {
  const conns: Record<string, number> = Object.fromEntries(serverNames.map((n) => [n, 0]));
  const assigned: Record<string, number> = { ...conns };
  const outcomes: Record<Outcome, number> = { ok: 0, cached: 0, blocked: 0, unavailable: 0, reset: 0, timeout: 0, 'no-port': 0 };
  const nat: Snapshot['nat'] = [];
  const latencies: number[] = [];
  let sessionLost = 0;
  let lastDecision: number | null = null;
  let lastPickAt = -Infinity;
  const picks = picksOf(trace);
  for (let i = 0; i < picks.length; i++) {
    const at = picks[i]!;
    // NaN (never picked) fails this test too.
    if (!(at <= t)) continue;
    const r = trace.records[i]!;
    if (at >= lastPickAt) {
      lastPickAt = at;
      lastDecision = r.id;
    }
    if (r.server) assigned[r.server] = (assigned[r.server] ?? 0) + 1;
    if (r.nat && r.server && r.nat.openedAt <= t && (r.nat.closedAt === null || t < r.nat.closedAt)) {
      nat.push({ id: r.id, balancer: r.balancer ?? 'lb1', server: r.server, entry: r.nat });
      conns[r.server] = (conns[r.server] ?? 0) + 1;
    }
    if (r.doneAt <= t) {
      outcomes[r.outcome]++;
      if (r.outcome === 'ok' && r.status === 401) sessionLost++;
      latencies.push(r.latencyMs);
    }
  }
  latencies.sort((a, b) => a - b);
  const mean = latencies.length ? latencies.reduce((a, b) => a + b, 0) / latencies.length : null;
  nat.sort((a, b) => a.entry.openedAt - b.entry.openedAt);
  return {
    t,
    nat,
    conns,
    assigned,
    outcomes,
    sessionLost,
    finished: latencies.length,
    latencyMeanMs: mean,
    latencyP95Ms: percentile(latencies, 0.95),
    lastDecision,
  };
}
