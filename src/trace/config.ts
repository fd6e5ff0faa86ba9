import type { Algorithm } from '../sim/algorithms/pick.ts';
import type { Scenario, ServerConfig } from '../sim/scenario.ts';
import { assertNever } from '../sim/assertNever.ts';
import { checkResult, masterDownMs } from '../sim/balancer.ts';
import { roundToMicros } from '../sim/flow.ts';
import { allServers } from '../sim/topology.ts';
import { balancerIndex, BALANCERS, type BalancerName } from '../sim/nodes.ts';
import type { ConfigChange, ProbeRecord, VrrpRecord } from '../sim/types.ts';
import type { Trace } from './trace.ts';

/** The balancer's configuration in force at time t: the scenario with the engine's changes up to t. */
export interface ConfigAt {
  algorithm: Algorithm;
  /** Every server the run ever has (listed and added), with its weight at t and membership. */
  servers: (ServerConfig & { member: boolean })[];
  clients: string[];
  ratePerSec: number | null;
  /** Servers and balancers ("lb1", "lb2") failed at t. */
  failed: Set<string>;
}

/**
 * The configuration at t, from the changes the engine recorded as it applied the scenario's
 * events and the user's actions (the trace's `config`), so it can never read an event otherwise.
 */
export function configAt(s: Scenario, t: number, changes: readonly ConfigChange[]): ConfigAt {
  let algorithm = s.algorithm;
  const servers = allServers(s).map((x) => ({ ...x, member: s.servers.includes(x) }));
  let clients = s.load?.clients ?? [];
  let ratePerSec = s.load?.ratePerSec ?? null;
  const failed = new Set<string>();
  for (const c of changes) {
    if (c.at > t) break;
    switch (c.kind) {
      case 'algorithm':
        algorithm = c.algorithm;
        break;
      case 'weight':
      case 'member': {
        const server = servers.find((x) => x.name === c.server);
        if (!server) break;
        if (c.kind === 'weight') server.weight = c.weight;
        else server.member = c.member;
        break;
      }
      case 'load':
        clients = c.clients;
        ratePerSec = c.ratePerSec;
        break;
      case 'failed':
        if (c.failed) failed.add(c.node);
        else failed.delete(c.node);
        break;
      default:
        assertNever(c, 'configuration change');
    }
  }
  return { algorithm, servers, clients, ratePerSec, failed };
}

/** Servers and balancers failed at t, as the engine failed and restored them (the user's actions included). */
export function failedAt(changes: readonly ConfigChange[], t: number): Set<string> {
  const failed = new Set<string>();
  for (const c of changes) {
    if (c.at > t) break;
    if (c.kind !== 'failed') continue;
    if (c.failed) failed.add(c.node);
    else failed.delete(c.node);
  }
  return failed;
}

/** One balancer of the VRRP pair at time t, as the trace's VRRP records tell it. */
export interface BalancerAt {
  name: BalancerName;
  priority: number;
  alive: boolean;
  role: 'master' | 'backup';
  /** When its role or liveness last changed. */
  since: number;
  /** Its last VRRP advert at or before t. */
  lastAdvert: number | null;
}

export interface VrrpAt {
  balancers: [BalancerAt, BalancerAt];
  /** The balancer the VIP's packets go to (its last gratuitous ARP), alive or not. */
  vip: BalancerName | null;
  /** False while the balancer holding the VIP is down: nobody answers for it. */
  vipAnswered: boolean;
  /** When a backup will take the VIP unless something changes: by silence or by preemption. */
  takeover: { balancer: BalancerName; at: number; reason: 'silence' | 'preempt'; masterDownMs: number } | null;
}

/** Who is master, who holds the VIP and when the backup would take over, at time t. */
export function vrrpAt(trace: Trace, s: Scenario, t: number): VrrpAt {
  const { priorities } = s.balancers;
  const [first, second] = BALANCERS.map((name, i) => ({
    name,
    priority: priorities[i]!,
    alive: true,
    role: 'backup' as BalancerAt['role'],
    since: 0,
    lastAdvert: null as number | null,
  }));
  const lbs: [BalancerAt, BalancerAt] = [first!, second!];
  let vip: BalancerName | null = null;
  for (const v of trace.vrrp) {
    if (v.at > t) break;
    const b = lbs[balancerIndex(v.balancer)];
    switch (v.kind) {
      case 'advert':
        b.lastAdvert = v.at;
        break;
      case 'garp':
        vip = b.name;
        break;
      case 'master':
      case 'backup':
        b.role = v.kind;
        b.since = v.at;
        break;
      case 'fail':
        b.alive = false;
        b.since = v.at;
        break;
      case 'restore':
        b.alive = true;
        b.role = 'backup';
        b.since = v.at;
        break;
    }
  }
  const holder = lbs.find((b) => b.name === vip);
  return { balancers: lbs, vip, vipAnswered: !!holder?.alive, takeover: takeoverOf(lbs, s.balancers) };
}

function takeoverOf(lbs: [BalancerAt, BalancerAt], s: Scenario['balancers']): VrrpAt['takeover'] {
  for (const [b, other] of [
    [lbs[0], lbs[1]],
    [lbs[1], lbs[0]],
  ] as const) {
    if (!b.alive || b.role !== 'backup') continue;
    const wait = masterDownMs(s, b.priority);
    if (other.alive && other.role === 'master' && s.preempt && b.priority > other.priority) {
      // It discards the lower-priority master's adverts: its own timer, started when it began
      // listening, runs out and it takes over (RFC 3768 §6.4.2).
      // On the engine's microsecond grid (roundToMicros), so that at `at` the trace already shows it master.
      return { balancer: b.name, at: roundToMicros(b.since + wait), reason: 'preempt', masterDownMs: wait };
    }
    // Its master-down timer restarts with every advert it hears (or when it starts listening).
    const heard = Math.max(b.since, other.lastAdvert ?? -Infinity);
    return { balancer: b.name, at: roundToMicros(heard + wait), reason: 'silence', masterDownMs: wait };
  }
  return null;
}

/** A server as one balancer's active health checks see it at time t. */
export interface HealthView {
  state: 'up' | 'down';
  /** HAProxy's health counter (0 … rise + fall − 1; up from rise on): see the engine's ServerHealth. */
  health: number;
}

/** Failed checks that would take an up server down, or passed ones that bring a down one up. */
export function checksToFlip(v: HealthView, hc: { rise: number; fall: number }): number {
  return v.state === 'up' ? v.health - hc.rise + 1 : hc.rise - v.health;
}

/**
 * Each balancer's view of each server at time t (balancer -> server -> view), from the probes
 * that came back by t, counted as HAProxy counts them (src/check.c, set_server_check_status);
 * L4's keepalived TCP_CHECK counts the same with rise 1 and fall retry + 1 (sim/health.ts).
 * A restarted balancer starts afresh with every server up at health = rise, as the engine's
 * does; a failed one has no view (it is absent).
 */
export function healthAt(trace: Trace, t: number, hc: { rise: number; fall: number }): Map<string, Map<string, HealthView>> {
  type Step = { at: number; order: 0; vrrp: VrrpRecord } | { at: number; order: 1; probe: ProbeRecord };
  const steps: Step[] = [];
  for (const v of trace.vrrp) {
    if (v.at > t) break;
    if (v.kind === 'fail' || v.kind === 'restore') steps.push({ at: v.at, order: 0, vrrp: v });
  }
  for (const p of trace.probes) {
    if (p.at > t) break;
    if (p.doneAt <= t) steps.push({ at: p.doneAt, order: 1, probe: p });
  }
  // At one instant a restart comes first, then the probe result.
  steps.sort((a, b) => a.at - b.at || a.order - b.order);

  const views = new Map<string, Map<string, HealthView>>(BALANCERS.map((name) => [name, new Map()]));
  for (const step of steps) {
    if (step.order === 0) {
      const b = step.vrrp.balancer;
      if (step.vrrp.kind === 'fail') views.delete(b);
      else views.set(b, new Map());
      continue;
    }
    const { balancer, server, ok } = step.probe;
    const m = views.get(balancer);
    if (!m) continue;
    const v = m.get(server) ?? { state: 'up', health: hc.rise };
    // The engine's own step (sim/balancer.ts), so the view can never count otherwise.
    const next = checkResult({ up: v.state === 'up', health: v.health }, ok, hc);
    m.set(server, { state: next.up ? 'up' : 'down', health: next.health });
  }
  return views;
}
