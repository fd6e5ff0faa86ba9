import { freshHealth, masterDownMs, type BalancerState } from './balancer.ts';
import type { Simulation } from './engine.ts';
import { EventKind } from './eventKinds.ts';
import { balancerTimerPayload } from './eventPayloads.ts';
import { roundToMicros } from './flow.ts';
import { startProbes } from './health.ts';
import { createL7State } from './l7.ts';
import type { VrrpRecord } from './types.ts';

/**
 * The balancer pair as keepalived 2.2 runs VRRP (VRRPv2 by default; vrrp.c): the master
 * advertises every advert interval; a backup that hears nothing for the master-down interval
 * (3 × interval + skew, see masterDownMs) takes over, sends a burst of gratuitous ARPs that
 * moves the VIP, and repeats the burst later. A backup hearing a master of lower priority
 * discards its adverts when it may preempt (RFC 3768 §6.4.2), so its own timer runs out and it
 * takes over then; a master hearing a higher priority steps down at once.
 */
function note(sim: Simulation, b: BalancerState, kind: VrrpRecord['kind']): void {
  sim.options.onVrrp?.(
    kind === 'garp'
      ? { at: roundToMicros(sim.now), balancer: b.name, kind, count: GARP_BURST }
      : { at: roundToMicros(sim.now), balancer: b.name, kind },
  );
}

function noteRepeat(sim: Simulation, b: BalancerState): void {
  sim.options.onVrrp?.({ at: roundToMicros(sim.now), balancer: b.name, kind: 'garp', count: GARP_BURST, repeat: true });
}

export function startVrrp(sim: Simulation): void {
  const [p1, p2] = sim.scenario.balancers.priorities;
  const master = sim.balancers[p1 > p2 ? 0 : 1]!;
  const backup = sim.balancers[p1 > p2 ? 1 : 0]!;
  becomeMaster(sim, master);
  armTimer(sim, backup);
}

/** keepalived's garp_master_repeat and garp_master_delay defaults: 5 ARPs, again after 5 s. */
export const GARP_BURST = 5;
export const GARP_REPEAT_MS = 5000;

function armTimer(sim: Simulation, b: BalancerState): void {
  b.timerEpoch++;
  const wait = masterDownMs(sim.scenario.balancers, b.priority);
  sim.agenda.push(sim.now + wait, EventKind.MasterDown, balancerTimerPayload.encode(b.index, b.timerEpoch));
}

function becomeMaster(sim: Simulation, b: BalancerState): void {
  b.role = 'master';
  b.masterEpoch++;
  note(sim, b, 'master');
  // The gratuitous ARPs: switches now send the VIP's packets to this balancer.
  note(sim, b, 'garp');
  sim.vipOwner = b.index;
  sim.agenda.push(sim.now, EventKind.Advert, b.index);
  sim.agenda.push(sim.now + GARP_REPEAT_MS, EventKind.GarpRepeat, balancerTimerPayload.encode(b.index, b.masterEpoch));
}

/** keepalived repeats the gratuitous ARPs garp_master_delay after taking over, if still master. */
export function garpRepeat(sim: Simulation, payload: number): void {
  const b = sim.balancers[balancerTimerPayload.balancer(payload)]!;
  if (!b.alive || b.role !== 'master' || !balancerTimerPayload.isCurrent(payload, b.masterEpoch)) return;
  noteRepeat(sim, b);
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
      // A backup that may preempt discards a lower priority's advert: its timer runs on.
      if (!(sim.scenario.balancers.preempt && other.priority > b.priority)) armTimer(sim, other);
    } else if (other.priority > b.priority) {
      becomeBackup(sim, b);
    } else {
      becomeBackup(sim, other);
    }
  }
  if (b.role === 'master') sim.agenda.push(sim.now + sim.scenario.balancers.advertIntervalMs, EventKind.Advert, lb);
}

export function masterDown(sim: Simulation, payload: number): void {
  const b = sim.balancers[balancerTimerPayload.balancer(payload)]!;
  if (!b.alive || b.role !== 'backup' || !balancerTimerPayload.isCurrent(payload, b.timerEpoch)) return;
  becomeMaster(sim, b);
}

export function failBalancer(sim: Simulation, lb: number): void {
  const b = sim.balancers[lb]!;
  if (!b.alive) return;
  b.alive = false;
  note(sim, b, 'fail');
  // Its memory is gone: the connection-tracking table and the balancing state.
  b.conntrack = new Map();
  b.ports = [];
  b.ipvs = null;
}

export function restoreBalancer(sim: Simulation, lb: number): void {
  const b = sim.balancers[lb]!;
  if (b.alive) return;
  b.alive = true;
  b.boot++;
  note(sim, b, 'restore');
  b.ports = [];
  b.upstreams = [];
  b.l7 = createL7State();
  b.health = sim.servers.map(() => freshHealth(sim.scenario.healthCheck?.rise ?? 1));
  sim.reload(b);
  // With connection sync, a returning balancer first takes a full copy of its peer's table
  // (as conntrackd's resync does), so taking the VIP back resets nothing. Only kernel NAT
  // state is synced: an L7 proxy's sockets are its own process's (see syncs()).
  const other = sim.balancers[1 - lb]!;
  if (syncs(sim) && other.alive) {
    for (const [key, f] of other.conntrack) b.conntrack.set(key, f);
  }
  // It starts as a backup and listens; preemption (or silence) makes it master again.
  b.role = 'backup';
  armTimer(sim, b);
  startProbes(sim, b);
}

/**
 * Whether connection state is synced between the balancers: conntrackd (and IPVS's sync
 * daemon) copy the kernel's NAT entries, which is all an L4 balancer holds. An L7 proxy's
 * connections are sockets of its own process, which no sync daemon copies: in L7, sync
 * changes nothing.
 */
export function syncs(sim: Simulation): boolean {
  return sim.scenario.balancers.sync && sim.scenario.mode === 'L4';
}
