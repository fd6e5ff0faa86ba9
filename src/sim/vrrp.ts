import { masterDownMs, type BalancerState } from './balancer.ts';
import { Ev, type Simulation } from './engine.ts';
import { t3 } from './flow.ts';
import { startProbes } from './health.ts';
import { createL7State } from './l7.ts';
import type { VrrpRecord } from './types.ts';

/**
 * The balancer pair as keepalived runs VRRP: the master advertises every advert interval; a
 * backup that hears nothing for 3 × interval + (256 − priority)/256 × interval takes over and
 * sends a gratuitous ARP, which moves the VIP. With preemption a higher-priority balancer
 * takes the VIP back as soon as it hears a lower-priority master.
 */
function note(sim: Simulation, b: BalancerState, kind: VrrpRecord['kind']): void {
  sim.options.onVrrp?.({ at: t3(sim.now), balancer: b.name, kind });
}

export function startVrrp(sim: Simulation): void {
  const [p1, p2] = sim.scenario.balancers.priorities;
  const master = sim.balancers[p1 > p2 ? 0 : 1]!;
  const backup = sim.balancers[p1 > p2 ? 1 : 0]!;
  becomeMaster(sim, master);
  armTimer(sim, backup);
}

function armTimer(sim: Simulation, b: BalancerState): void {
  b.timerEpoch++;
  const wait = masterDownMs(sim.scenario.balancers.advertIntervalMs, b.priority);
  sim.q.push(sim.now + wait, Ev.MasterDown, b.index | ((b.timerEpoch & 0xffff) << 1));
}

function becomeMaster(sim: Simulation, b: BalancerState): void {
  b.role = 'master';
  note(sim, b, 'master');
  // The gratuitous ARP: switches now send the VIP's packets to this balancer.
  note(sim, b, 'garp');
  sim.vipOwner = b.index;
  sim.q.push(sim.now, Ev.Advert, b.index);
}

function becomeBackup(sim: Simulation, b: BalancerState): void {
  b.role = 'backup';
  note(sim, b, 'backup');
  armTimer(sim, b);
}

export function advert(sim: Simulation, lb: number): void {
  const b = sim.balancers[lb]!;
  if (!b.alive || b.role !== 'master') return;
  note(sim, b, 'advert');
  const other = sim.balancers[1 - lb]!;
  if (other.alive) {
    if (other.role === 'backup') {
      if (sim.scenario.balancers.preempt && other.priority > b.priority) becomeMaster(sim, other);
      else armTimer(sim, other);
    } else if (other.priority > b.priority) {
      becomeBackup(sim, b);
    } else {
      becomeBackup(sim, other);
    }
  }
  if (b.role === 'master') sim.q.push(sim.now + sim.scenario.balancers.advertIntervalMs, Ev.Advert, lb);
}

export function masterDown(sim: Simulation, payload: number): void {
  const b = sim.balancers[payload & 1]!;
  if (!b.alive || b.role !== 'backup' || (b.timerEpoch & 0xffff) !== payload >>> 1) return;
  becomeMaster(sim, b);
}

export function failBalancer(sim: Simulation, lb: number): void {
  const b = sim.balancers[lb]!;
  if (!b.alive) return;
  b.alive = false;
  note(sim, b, 'fail');
  // Its memory is gone: the connection-tracking table and the balancing state.
  for (const [port, f] of b.conntrack) if (f.balancer === lb) b.portUsed[port] = 0;
  b.conntrack = new Map();
}

export function restoreBalancer(sim: Simulation, lb: number): void {
  const b = sim.balancers[lb]!;
  if (b.alive) return;
  b.alive = true;
  b.boot++;
  note(sim, b, 'restore');
  b.portUsed.fill(0);
  b.upstreams = [];
  b.l7 = createL7State();
  b.health = sim.servers.map(() => ({ up: true, passes: 0, fails: 0 }));
  sim.reload(b);
  // With connection sync, a returning balancer first takes a full copy of its peer's table
  // (as conntrackd's resync does), so taking the VIP back resets nothing.
  const other = sim.balancers[1 - lb]!;
  if (sim.scenario.balancers.sync && other.alive) {
    for (const [port, f] of other.conntrack) {
      b.conntrack.set(port, f);
      b.portUsed[port] = 1;
    }
  }
  // It starts as a backup and listens; preemption (or silence) makes it master again.
  b.role = 'backup';
  armTimer(sim, b);
  startProbes(sim, b);
}
