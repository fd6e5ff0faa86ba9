import { checkResult, freshHealth, type BalancerState } from './balancer.ts';
import { Ev, type Simulation } from './engine.ts';
import { t3 } from './flow.ts';

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
  sim.q.push(sim.now + (b.index === 0 ? 0 : hc.intervalMs / 2), Ev.Probe, b.index | ((b.boot & 0xff) << 1));
}

export function sendProbes(sim: Simulation, payload: number): void {
  const hc = sim.scenario.healthCheck!;
  const b = sim.balancers[payload & 1]!;
  if (!b.alive || (b.boot & 0xff) !== payload >>> 1) return;
  const rtt = 2 * sim.scenario.network.serverLatencyMs;
  sim.servers.forEach((s, i) => {
    if (!s.member) return;
    const ok = !s.failed;
    const doneAt = ok || s.config.onFailure === 'refuse' ? sim.now + rtt : sim.now + hc.timeoutMs;
    sim.options.onProbe?.({ at: t3(sim.now), doneAt: t3(doneAt), balancer: b.name, server: s.config.name, ok });
    sim.q.push(doneAt, Ev.ProbeResult, b.index | (i << 1) | ((ok ? 1 : 0) << 6) | ((b.boot & 0xff) << 7));
  });
  sim.q.push(sim.now + hc.intervalMs, Ev.Probe, payload);
}

export function probeResult(sim: Simulation, payload: number): void {
  const hc = sim.scenario.healthCheck!;
  const b = sim.balancers[payload & 1]!;
  const server = (payload >>> 1) & 31;
  const ok = ((payload >>> 6) & 1) === 1;
  if (!b.alive || (b.boot & 0xff) !== payload >>> 7) return;
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
  sim.options.onHealth?.({ at: t3(sim.now), balancer: b.name, server: s.config.name, state: up ? 'up' : 'down' });
}
