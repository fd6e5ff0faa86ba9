import { checkResult, freshHealth, type BalancerState } from './balancer.ts';
import type { Simulation } from './engine.ts';
import { EventKind } from './eventKinds.ts';
import { probeResultPayload, probeRoundPayload } from './eventPayloads.ts';
import { roundToMicros } from './flow.ts';

/**
 * Active health checks as HAProxy 2.6 runs them (open-source nginx has none): every interval
 * each live balancer probes each server; HAProxy's health counter (see ServerHealth) takes a
 * server out after `fall` failures in a row — or at its first failure, before any pass — and
 * brings it back after `rise` passes in a row. Until then requests still go to a dead server,
 * unless nginx's passive check (max_fails) already skips it.
 */
export function startHealthChecks(sim: Simulation): void {
  for (const b of sim.balancers) {
    b.health = sim.servers.map(() => freshHealth(sim.scenario.healthCheck?.rise ?? 1));
    startProbes(sim, b);
  }
}

export function startProbes(sim: Simulation, b: BalancerState): void {
  const hc = sim.scenario.healthCheck;
  if (!hc) return;
  // The two balancers probe half an interval apart, so their probes are told apart.
  sim.agenda.push(sim.now + (b.index === 0 ? 0 : hc.intervalMs / 2), EventKind.Probe, probeRoundPayload.encode(b.index, b.boot));
}

export function sendProbes(sim: Simulation, payload: number): void {
  const hc = sim.scenario.healthCheck!;
  const b = sim.balancers[probeRoundPayload.balancer(payload)]!;
  if (!b.alive || !probeRoundPayload.isCurrent(payload, b.boot)) return;
  const rtt = 2 * sim.scenario.network.serverLatencyMs;
  sim.servers.forEach((s, i) => {
    if (!s.member) return;
    const ok = !s.failed;
    const doneAt = ok || s.config.onFailure === 'refuse' ? sim.now + rtt : sim.now + hc.timeoutMs;
    sim.options.onProbe?.({ at: roundToMicros(sim.now), doneAt: roundToMicros(doneAt), balancer: b.name, server: s.config.name, ok });
    sim.agenda.push(doneAt, EventKind.ProbeResult, probeResultPayload.encode({ balancer: b.index, server: i, ok }, b.boot));
  });
  sim.agenda.push(sim.now + hc.intervalMs, EventKind.Probe, payload);
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
}

function setHealth(sim: Simulation, b: BalancerState, server: number, up: boolean): void {
  b.health[server]!.up = up;
  const s = sim.servers[server]!;
  // Only the down flag changes: the algorithm's state goes on, as in HAProxy.
  for (const u of b.upstreams) {
    const peer = u.peerOf[server];
    if (peer) peer.down = s.config.down || !up;
  }
  sim.options.onHealth?.({ at: roundToMicros(sim.now), balancer: b.name, server: s.config.name, state: up ? 'up' : 'down' });
}
