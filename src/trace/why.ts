import type { IpvsDecision } from '../sim/algorithms/ipvs/registry.ts';
import type { Decision } from '../sim/algorithms/pick.ts';
import { isBalancer, type BalancerName } from '../sim/nodes.ts';
import type { RuleMatch, Scenario } from '../sim/scenario.ts';
import type { RequestRecord } from '../sim/types.ts';
import { configAt, failedAt, healthAt } from './config.ts';
import { lastAtOrBefore } from './sorted.ts';
import type { Trace } from './trace.ts';

/** The L7 routing rule that chose the servers: its place in the scenario's list, its match, its servers. */
export interface RuleInfo {
  index: number;
  match: RuleMatch;
  servers: readonly string[];
}

/**
 * What "Why this server" tells at time t, for the drawing and the panel alike (one query, so
 * they can never disagree):
 * - `decision`: nginx's pick (L7), named with the balancer that made it and the rule;
 * - `ipvs`: IPVS's scheduler's pick (L4), with its own numbers, or its "no destination available";
 * - `persistent`: L4 persistence: the client's template (keepalived's persistence_timeout) sent
 *   it, and no scheduler ran;
 * - `answered`: an L7 balancer answered by itself (a cache hit or a block), no server asked;
 * - `takeover`: the balancer of the latest pick is down, or another took the VIP since: its
 *   old pick is not shown; `at` is when the other one takes (or took) over in this run;
 * - `waiting`: the selected request has not been decided yet (`at`: when it will be);
 * - `lost`: the selected request never got a decision (lost at a dead balancer, say);
 * - `none`: nothing has been decided yet.
 */
export type WhyAt =
  | { kind: 'none' }
  | { kind: 'decision'; record: RequestRecord; balancer: string; at: number; decision: Decision; rule: RuleInfo | null; rules: boolean }
  | { kind: 'ipvs'; record: RequestRecord; balancer: string; at: number; ipvs: IpvsDecision }
  | { kind: 'persistent'; record: RequestRecord; balancer: string; at: number; timeoutMs: number }
  | { kind: 'answered'; record: RequestRecord; balancer: string; at: number; how: 'cached' | 'blocked'; status: number | null }
  | { kind: 'takeover'; record: RequestRecord; from: string; down: boolean; to: BalancerName | null; at: number | null }
  | { kind: 'waiting'; record: RequestRecord; balancer: string; at: number }
  | { kind: 'lost'; record: RequestRecord; balancer: string | null };

/**
 * When the record's balancer decided: its last request hop that left for a server, or its own
 * answer (an L7 cache hit or block; nginx's 502 or IPVS's ICMP port unreachable when nobody
 * could take it), or, with no answer recorded, when the request reached it.
 */
export function decidedAt(r: RequestRecord): number | null {
  if (!r.balancer) return null;
  const picked = !!r.decision || !!r.ipvs || !!r.persistent;
  if (!picked && r.outcome !== 'cached' && r.outcome !== 'blocked') return null;
  if (picked) {
    for (let i = r.hops.length - 1; i >= 0; i--) {
      const h = r.hops[i]!;
      if (h.node === r.balancer && h.dir === 'request' && h.out) return h.at;
    }
  }
  const answer = r.hops.find((h) => h.node === r.balancer && h.dir === 'response' && !h.in && h.out);
  if (answer || !picked) return answer?.at ?? null;
  return r.hops.find((h) => h.node === r.balancer && h.dir === 'request' && h.in)?.at ?? null;
}

/** Every decided record (index into records) in the order of its decision, worked out once per trace. */
interface Decided {
  times: Float64Array;
  records: Int32Array;
}
const indexes = new WeakMap<Trace, Decided>();
function decidedOf(trace: Trace): Decided {
  const known = indexes.get(trace);
  if (known) return known;
  const list: { at: number; i: number }[] = [];
  trace.records.forEach((r, i) => {
    const at = decidedAt(r);
    if (at !== null) list.push({ at, i });
  });
  list.sort((a, b) => a.at - b.at || a.i - b.i);
  const index = { times: Float64Array.from(list, (x) => x.at), records: Int32Array.from(list, (x) => x.i) };
  indexes.set(trace, index);
  return index;
}

/** The record decided last at or before t, or null. */
export function latestDecided(trace: Trace, t: number): RequestRecord | null {
  const d = decidedOf(trace);
  const i = lastAtOrBefore(d.times, t);
  return i < 0 ? null : trace.records[d.records[i]!]!;
}

/** The first time after `after` a balancer other than `from` became master, and which, from the whole run. */
function nextMaster(trace: Trace, from: string, after: number): { to: BalancerName; at: number } | null {
  for (const v of trace.vrrp) {
    if (v.at > after && v.kind === 'master' && v.balancer !== from) return { to: v.balancer, at: v.at };
  }
  return null;
}

/** The balancer that last became master at or before t, and when. */
function masterAt(trace: Trace, t: number): { to: BalancerName; at: number } | null {
  let m: { to: BalancerName; at: number } | null = null;
  for (const v of trace.vrrp) {
    if (v.at > t) break;
    if (v.kind === 'master') m = { to: v.balancer, at: v.at };
  }
  return m;
}

/** When `b` last failed at or before t. */
function failedSince(trace: Trace, b: string, t: number): number {
  let at = -Infinity;
  for (const v of trace.vrrp) {
    if (v.at > t) break;
    if (v.balancer === b && v.kind === 'fail') at = v.at;
  }
  return at;
}

function told(s: Scenario, r: RequestRecord, balancer: string, at: number): WhyAt {
  if (r.decision) {
    const rule = r.rule === null ? null : s.rules[r.rule];
    return {
      kind: 'decision',
      record: r,
      balancer,
      at,
      decision: r.decision,
      rule: rule && r.rule !== null ? { index: r.rule, match: rule.match, servers: rule.servers } : null,
      rules: s.mode === 'L7' && s.rules.length > 0,
    };
  }
  if (r.ipvs) return { kind: 'ipvs', record: r, balancer, at, ipvs: r.ipvs };
  if (r.persistent) return { kind: 'persistent', record: r, balancer, at, timeoutMs: s.persistenceTimeoutMs };
  return { kind: 'answered', record: r, balancer, at, how: r.outcome === 'cached' ? 'cached' : 'blocked', status: r.status };
}

/**
 * The why at time t: the selected request's decision, else the latest decision made by t,
 * unless the balancer that made it has died (or handed the VIP over) since; then who takes
 * over, and when, instead of a pick nobody is making any more.
 */
export function whyAt(trace: Trace, s: Scenario, t: number, selected: RequestRecord | null): WhyAt {
  if (selected) {
    const at = decidedAt(selected);
    if (at === null || !selected.balancer) {
      const lostAt = selected.hops.find((h) => isBalancer(h.node) && h.drop === 'lost');
      return { kind: 'lost', record: selected, balancer: lostAt?.node ?? selected.balancer };
    }
    return at > t ? { kind: 'waiting', record: selected, balancer: selected.balancer, at } : told(s, selected, selected.balancer, at);
  }
  const r = latestDecided(trace, t);
  if (!r || !r.balancer) return { kind: 'none' };
  const at = decidedAt(r)!;
  const b = r.balancer;
  if (failedAt(trace.config, t).has(b)) {
    const next = nextMaster(trace, b, failedSince(trace, b, t));
    return { kind: 'takeover', record: r, from: b, down: true, to: next?.to ?? null, at: next?.at ?? null };
  }
  // Another balancer took the VIP after this pick (a preempting master back from a restart).
  const master = masterAt(trace, t);
  if (master && master.to !== b && master.at > at)
    return { kind: 'takeover', record: r, from: b, down: false, to: master.to, at: master.at };
  return told(s, r, b, at);
}

/**
 * The servers in a balancer's IPVS service at t, in the page's order, with their weights: every
 * member, `out` while keepalived's check holds it down there (keepalived then takes the dest out
 * of IPVS's list). For what a record's decision does not carry (wrr's carries cw, not the list).
 */
export function ipvsServersAt(trace: Trace, s: Scenario, balancer: string, t: number): { name: string; weight: number; out: boolean }[] {
  const config = configAt(s, t, trace.config);
  const health = s.healthCheck ? healthAt(trace, t, s.healthCheck).get(balancer) : undefined;
  return config.servers
    .filter((x) => x.member)
    .map((x) => ({ name: x.name, weight: x.weight, out: health?.get(x.name)?.state === 'down' }));
}
