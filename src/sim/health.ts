import { checkResult, freshHealth, type BalancerState } from './balancer.ts';
import type { Simulation } from './engine.ts';
import { EventKind } from './eventKinds.ts';
import { checkerPayload, probeResultPayload, probeRoundPayload } from './eventPayloads.ts';
import { roundToMicros } from './flow.ts';
import type { HealthCheck } from './scenario.ts';

/**
 * Active health checks, each balancer its own (open-source nginx has none).
 *
 * L7: as HAProxy 2.6 runs them: every interval each live balancer probes each server;
 * HAProxy's health counter (see ServerHealth) takes a server out after `fall` failures in a
 * row — or at its first failure, before any pass — and brings it back after `rise` passes.
 *
 * L4: keepalived's TCP_CHECK, one checker per real_server on its own timer (check_tcp.c,
 * tcp_connect_thread and tcp_epilog, keepalived 2.3.3 on): a connect() to the server; the next
 * check `delay_loop` after this one ENDED, or `delay_before_retry` after a failure that has not
 * yet used up `retry` (the server still up). The (retry + 1)th failure in a row — the first,
 * before any check has passed (check_data.c sets retry_it = retry at start) — marks it down
 * (update_svr_checker_state, ipwrapper.c); keepalived then sets its IPVS weight to 0
 * (inhibit_on_failure) and back at the first passed check. That is HAProxy's counter with
 * rise 1 and fall retry + 1 (scenario.ts), so both modes share checkResult and ServerHealth.
 *
 * Until a server is marked down, requests still go to it, unless nginx's passive check
 * (max_fails, L7) already skips it.
 */
export function startHealthChecks(sim: Simulation): void {
  for (const b of sim.balancers) {
    b.health = sim.servers.map(() => freshHealth(sim.scenario.healthCheck?.rise ?? 1));
    startProbes(sim, b);
  }
}

/**
 * A (re)started balancer's checks. The two balancers check half an interval apart, so their
 * probes are told apart (keepalived spreads each checker's start at random over its `warmup`,
 * delay_loop by default; the lab starts them together, as HAProxy's).
 */
export function startProbes(sim: Simulation, b: BalancerState): void {
  const hc = sim.scenario.healthCheck;
  if (!hc) return;
  const at = sim.now + (b.index === 0 ? 0 : hc.intervalMs / 2);
  if (hc.keepalived) sim.servers.forEach((_, i) => sim.agenda.push(at, EventKind.Probe, checkerPayload.encode(b.index, i, b.boot)));
  else sim.agenda.push(at, EventKind.Probe, probeRoundPayload.encode(b.index, b.boot));
}

/** A server added while running: each balancer sees it up, and in L4 starts its checker. */
export function addServerHealth(sim: Simulation): void {
  const hc = sim.scenario.healthCheck;
  const i = sim.servers.length - 1;
  for (const b of sim.balancers) {
    b.health.push(freshHealth(hc?.rise ?? 1));
    if (hc?.keepalived && b.alive)
      sim.agenda.push(sim.now + (b.index === 0 ? 0 : hc.intervalMs / 2), EventKind.Probe, checkerPayload.encode(b.index, i, b.boot));
  }
}

/** A Probe event: HAProxy's round over every server (L7), or one keepalived checker's check (L4). */
export function sendProbes(sim: Simulation, payload: number): void {
  const hc = sim.scenario.healthCheck!;
  if (hc.keepalived) return keepalivedCheck(sim, hc, payload);
  const b = sim.balancers[probeRoundPayload.balancer(payload)]!;
  if (!b.alive || !probeRoundPayload.isCurrent(payload, b.boot)) return;
  sim.servers.forEach((s, i) => {
    if (s.member) probe(sim, hc, b, i);
  });
  sim.agenda.push(sim.now + hc.intervalMs, EventKind.Probe, payload);
}

function keepalivedCheck(sim: Simulation, hc: HealthCheck, payload: number): void {
  const b = sim.balancers[checkerPayload.balancer(payload)]!;
  if (!b.alive || !checkerPayload.isCurrent(payload, b.boot)) return;
  const server = checkerPayload.server(payload);
  // A server out of the pool has no checker; the lab keeps its timer going, as keepalived does
  // for a disabled checker (tcp_connect_thread), so it is checked again once it is back.
  if (sim.servers[server]!.member) probe(sim, hc, b, server);
  else sim.agenda.push(sim.now + hc.intervalMs, EventKind.Probe, payload);
}

/** One check: a connect() to the server, passed at its SYN-ACK, failed at its RST or at the timeout. */
function probe(sim: Simulation, hc: HealthCheck, b: BalancerState, i: number): void {
  const s = sim.servers[i]!;
  const ok = !s.failed;
  const doneAt = ok || s.config.onFailure === 'refuse' ? sim.now + 2 * sim.scenario.network.serverLatencyMs : sim.now + hc.timeoutMs;
  sim.options.onProbe?.({ at: roundToMicros(sim.now), doneAt: roundToMicros(doneAt), balancer: b.name, server: s.config.name, ok });
  sim.agenda.push(doneAt, EventKind.ProbeResult, probeResultPayload.encode({ balancer: b.index, server: i, ok }, b.boot));
}

export function probeResult(sim: Simulation, payload: number): void {
  const hc = sim.scenario.healthCheck!;
  const { balancer, server, ok } = probeResultPayload.decode(payload);
  const b = sim.balancers[balancer]!;
  if (!b.alive || !probeResultPayload.isCurrent(payload, b.boot)) return;
  const h = b.health[server]!;
  const next = checkResult(h, ok, hc);
  h.health = next.health;
  if (next.up !== h.up) setHealth(sim, b, server, next.up);
  if (hc.keepalived) {
    const wait = keepalivedNextCheckMs(hc, hc.keepalived, ok, next.up);
    sim.agenda.push(sim.now + wait, EventKind.Probe, checkerPayload.encode(b.index, server, b.boot));
  }
}

/**
 * How long keepalived's checker waits after a check before the next (check_tcp.c, tcp_epilog,
 * as fixed in keepalived 2.3.3, commit 77dad70 "ipvs: fix delay_loop for TCP_CHECK"):
 * delay_before_retry after a failure that left the server up (a retry); delay_loop otherwise —
 * after a pass, after the failure that took it down, and while it stays down. (Before 2.3.3, a
 * down server was also retried after delay_before_retry.)
 */
export function keepalivedNextCheckMs(hc: { intervalMs: number }, k: { retryDelayMs: number }, ok: boolean, upAfter: boolean): number {
  return !ok && upAfter ? k.retryDelayMs : hc.intervalMs;
}

/**
 * How long after a server fails or comes back its checks may take to say so: the engine plays
 * its timers on this long after the last such event. HAProxy's rounds: fall + rise + 1
 * intervals. keepalived's checker: an interval and a check in flight, then retry + 1 checks
 * each up to connect_timeout with delay_before_retry between them, and an interval more.
 */
export function healthSettleMs(hc: HealthCheck): number {
  const k = hc.keepalived;
  if (!k) return (hc.fall + hc.rise + 1) * hc.intervalMs;
  return 2 * hc.intervalMs + (k.retries + 2) * hc.timeoutMs + k.retries * k.retryDelayMs;
}

function setHealth(sim: Simulation, b: BalancerState, server: number, up: boolean): void {
  b.health[server]!.up = up;
  const s = sim.servers[server]!;
  // Only the down flag changes: the algorithm's state goes on, as in HAProxy.
  for (const u of b.upstreams) {
    const peer = u.peerOf[server];
    if (peer) peer.down = s.config.down || !up;
  }
  // L4: keepalived sets the server's IPVS weight to 0 (inhibit_on_failure), or back.
  sim.reloadIpvs(b);
  sim.options.onHealth?.({ at: roundToMicros(sim.now), balancer: b.name, server: s.config.name, state: up ? 'up' : 'down' });
}
