import { isBalancer, isServer } from '../../../sim/nodes.ts';
import type { Scenario } from '../../../sim/scenario.ts';
import type { RequestRecord } from '../../../sim/types.ts';
import type { HealthView } from '../../../trace/config.ts';
import type { Trace } from '../../../trace/trace.ts';
import { lastAtOrBefore } from '../../../trace/sorted.ts';

/** A server one balancer sends no new requests to, and which check took it out. */
export interface DownMark {
  balancer: string;
  server: string;
  /** HAProxy's active health checks, or nginx's passive max_fails after failed requests. */
  by: 'health' | 'passive';
}

/** One balancer's pick, with the servers it found set aside by max_fails at that moment. */
interface Pick {
  at: number;
  /** server -> its failure count as the pick saw it, for servers that count as failed. */
  failed: Map<string, number>;
  fails: Map<string, number>;
}

interface PassiveIndex {
  /** balancer -> its picks in time order. */
  picks: Map<string, Pick[]>;
  /** "balancer server" -> times of its failed attempts there, in order. */
  failures: Map<string, number[]>;
}

/** When the record's last pick was made: the balancer's last request hop that left for a server. */
function pickAt(r: RequestRecord): number | null {
  for (let i = r.hops.length - 1; i >= 0; i--) {
    const h = r.hops[i]!;
    if (h.node === r.balancer && h.dir === 'request' && h.out) return h.at;
  }
  return null;
}

/**
 * Worked out once per trace from what the engine recorded: every pick's account of who was
 * failed (its `skipped` reasons and the peers' failure counts), and every failed attempt (L7:
 * the balancer's hop where the server refused or timed out).
 */
const indexes = new WeakMap<Trace, Map<number, PassiveIndex>>();
function indexOf(trace: Trace, maxFails: number): PassiveIndex {
  let byMax = indexes.get(trace);
  if (!byMax) indexes.set(trace, (byMax = new Map()));
  const known = byMax.get(maxFails);
  if (known) return known;
  const picks = new Map<string, Pick[]>();
  const failures = new Map<string, number[]>();
  for (const r of trace.records) {
    const d = r.decision;
    const at = pickAt(r);
    if (d && r.balancer && at !== null) {
      const fails = new Map(d.before.map((p) => [p.name, p.fails]));
      // Set aside by max_fails: skipped as failed, or tried earlier in this very request and
      // failed enough (nginx tests `tried` first, so a retry names the reason `tried`).
      const failed = new Map(
        d.skipped
          .filter((s) => s.reason === 'failed' || (s.reason === 'tried' && (fails.get(s.name) ?? 0) >= maxFails))
          .map((s) => [s.name, fails.get(s.name) ?? 0]),
      );
      const list = picks.get(r.balancer) ?? [];
      list.push({ at, failed, fails });
      picks.set(r.balancer, list);
    }
    for (let i = 0; i < r.hops.length; i++) {
      const h = r.hops[i]!;
      if (h.dir !== 'response' || (h.drop !== 'refused' && h.drop !== 'timeout') || !isBalancer(h.node)) continue;
      let server: string | undefined;
      for (let j = i - 1; j >= 0 && !server; j--) if (isServer(r.hops[j]!.node)) server = r.hops[j]!.node;
      if (!server) continue;
      const key = `${h.node} ${server}`;
      const list = failures.get(key) ?? [];
      list.push(h.at);
      failures.set(key, list);
    }
  }
  for (const list of picks.values()) list.sort((a, b) => a.at - b.at);
  for (const list of failures.values()) list.sort((a, b) => a - b);
  const index = { picks, failures };
  byMax.set(maxFails, index);
  return index;
}

/**
 * nginx's passive check at time t, read from the trace: a server is set aside while it has
 * max_fails failures and its last failure is within fail_timeout (whole seconds, as nginx
 * compares ngx_time()). The failure count comes from the balancer's last pick before t plus
 * the failed attempts since; nothing here runs nginx's algorithm again.
 */
export function passiveMarks(trace: Trace, s: Scenario, t: number, alive: ReadonlySet<string>): DownMark[] {
  const { maxFails, failTimeoutMs } = s.passive;
  if (s.mode !== 'L7' || maxFails <= 0) return [];
  const index = indexOf(trace, maxFails);
  const windowS = Math.floor(failTimeoutMs / 1000);
  const nowS = Math.floor(t / 1000);
  const out: DownMark[] = [];
  for (const [key, times] of index.failures) {
    const [balancer, server] = key.split(' ') as [string, string];
    if (!alive.has(balancer)) continue;
    const last = lastAtOrBefore(times, t);
    if (last < 0 || nowS - Math.floor(times[last]! / 1000) > windowS) continue;
    const picks = index.picks.get(balancer) ?? [];
    const p = picks[lastAtOrBefore(picks, t, (x) => x.at)];
    const since = p ? times.filter((x) => x > p.at && x <= t).length : last + 1;
    const fails = p ? (p.failed.has(server) ? Math.max(p.failed.get(server)!, maxFails) : (p.fails.get(server) ?? 0)) + since : since;
    if (fails >= maxFails) out.push({ balancer, server, by: 'passive' });
  }
  return out;
}

/** Servers a balancer's active health checks hold down at t (from the failover view). */
export function healthMarks(health: ReadonlyMap<string, ReadonlyMap<string, HealthView>>): DownMark[] {
  const out: DownMark[] = [];
  for (const [balancer, servers] of health) {
    for (const [server, v] of servers) if (v.state === 'down') out.push({ balancer, server, by: 'health' });
  }
  return out;
}

/** Every (balancer, server) held down at t; health checks win when both hold it. */
export function markedDown(active: readonly DownMark[], passive: readonly DownMark[]): DownMark[] {
  const seen = new Set(active.map((m) => `${m.balancer} ${m.server}`));
  return [...active, ...passive.filter((m) => !seen.has(`${m.balancer} ${m.server}`))];
}
