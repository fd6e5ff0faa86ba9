import { simulateRun } from '../../src/sim/engine.ts';
import type { Scenario } from '../../src/sim/scenario.ts';
import { allServers } from '../../src/sim/topology.ts';
import { Namespaces } from './netns.ts';
import { buildPairNetwork, type VrrpLog } from './pairNetwork.ts';

/**
 * A takeover, measured as keepalived defines it: from the last advert of the failed master that
 * the backup heard to the backup's own first advert as master (its master-down interval).
 */
export interface Takeover {
  /** From lb1's last advert to lb2's first advert as master, ms. */
  masterDownMs: number;
}

/** The engine's takeover for the scenario's first failure of lb1, or null when it has none. */
export function engineTakeover(s: Scenario): Takeover | null {
  const failed = s.events.find((e) => e.action === 'fail' && e.target === 'lb1');
  if (!failed) return null;
  const vrrp = simulateRun(s).vrrp;
  const lastAdvert = vrrp.filter((v) => v.balancer === 'lb1' && v.kind === 'advert' && v.at <= failed.at).at(-1);
  const master = vrrp.find((v) => v.balancer === 'lb2' && v.kind === 'master' && v.at > failed.at);
  if (!lastAdvert || !master) return null;
  return { masterDownMs: master.at - lastAdvert.at };
}

/** A balancer becoming master, ms from the run's start. */
export interface Transition {
  balancer: 'lb1' | 'lb2';
  at: number;
}

/** Every time a balancer became master after the first election, in the engine. */
export function engineTransitions(s: Scenario): Transition[] {
  return simulateRun(s)
    .vrrp.filter((v) => v.kind === 'master' && v.at > 0)
    .map((v) => ({ balancer: v.balancer as 'lb1' | 'lb2', at: v.at }));
}

/**
 * The same for real, from the adverts the pair network saw (wall-clock ms): a balancer becomes
 * master with its first advert after the other's. `startWall`: the run's start on the wall clock.
 */
export function realTransitions(log: VrrpLog, s: Scenario, startWall: number): Transition[] {
  const [ip1] = s.network.balancerIps;
  const out: Transition[] = [];
  let sender: string | null = null;
  for (const a of [...log.adverts].sort((x, y) => x.at - y.at)) {
    if (sender !== null && a.from !== sender && a.at > startWall)
      out.push({ balancer: a.from === ip1 ? 'lb1' : 'lb2', at: a.at - startWall });
    sender = a.from;
  }
  return out;
}

/**
 * The engine's transitions matched with the real ones, in order, each with how long after the
 * event that caused it (the last advert of a failed master, or a restore) it came.
 */
export function pairTransitions(s: Scenario, real: readonly Transition[]): { engine: Transition; real: Transition | null }[] {
  const left = [...real];
  return engineTransitions(s).map((e) => {
    const i = left.findIndex((r) => r.balancer === e.balancer);
    return { engine: e, real: i < 0 ? null : left.splice(0, i + 1).at(-1)! };
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const now = () => performance.timeOrigin + performance.now();

/**
 * The same failover for real, adverts only: the pair network (pairNetwork.ts) without requests,
 * each balancer running keepalived with the configuration the lab exports for it. Once lb1
 * holds the VIP and has sent another advert, lb1's links go down (a crash: no last advert);
 * tcpdump on the inside segment timestamps every advert, lb1's last and lb2's first. Every wait
 * follows the scenario's advert interval.
 */
export async function realTakeover(s: Scenario): Promise<Takeover> {
  const ns = new Namespaces(`lbl${process.pid}f`);
  try {
    // VRRP's timing does not depend on the forwarding: direct routing's and tunnelling's
    // balancers have one link, which the pair network does not build, so they are measured as
    // two-link (full NAT) balancers, with no requests.
    const two: Scenario = s.forwarding === 'dr' || s.forwarding === 'tun' ? { ...s, forwarding: 'full-nat' } : s;
    const net = await buildPairNetwork(ns, two, [], allServers(two), []);
    const advertMs = s.balancers.advertIntervalMs;
    const [ip1, ip2] = s.network.balancerIps;
    const seen = net.vrrp.adverts.length;
    await until(() => net.vrrp.adverts.length > seen, 2 * advertMs + 1000, 'lb1 sent no second advert');
    await net.balancerEvent!('fail', 'lb1');
    await until(() => net.vrrp.adverts.some((a) => a.from === ip2), 5 * advertMs + 2000, 'lb2 sent no advert as master');
    const last = net.vrrp.adverts.filter((a) => a.from === ip1).at(-1)!;
    const first = net.vrrp.adverts.find((a) => a.from === ip2)!;
    return { masterDownMs: first.at - last.at };
  } finally {
    ns.cleanup();
  }
}

async function until(test: () => boolean, withinMs: number, why: string): Promise<void> {
  const end = now() + withinMs;
  while (!test()) {
    if (now() > end) throw new Error(why);
    await sleep(5);
  }
}

/** A takeover this close to the engine's counts as agreeing (a real timer fires a little late). */
export const TAKEOVER_TOLERANCE = 0.2;

/** One timed moment of a failover, the engine's against keepalived's. */
export interface TimedStep {
  what: string;
  engineMs: number;
  realMs: number | null;
}

/**
 * The failover's timing, engine against keepalived, from a run with requests: for each failure
 * of a master, the master-down interval (from its last advert to the peer's first as master);
 * for each restore, how long until the restored balancer was master again (preemption). And the
 * transitions on the run's clock, for compare's known differences. `events`: the timeline's
 * events as applied (timeline.ts), which put the log's wall clock on the run's.
 */
export function failoverTiming(
  s: Scenario,
  log: VrrpLog,
  events: readonly { action: string; target: string | null; tookEffectAt: number }[],
): { steps: TimedStep[]; transitions: { engine: Transition; real: Transition | null }[] } {
  const vrrp = simulateRun(s).vrrp;
  const ips = s.network.balancerIps;
  const ipOf = (b: string) => (b === 'lb1' ? ips[0] : ips[1]);
  const first = log.events[0];
  const applied = first && events.find((e) => e.action === first.action && e.target === first.target);
  const startWall = first && applied ? first.at - applied.tookEffectAt : NaN;
  const steps: TimedStep[] = [];
  s.events.forEach((e) => {
    if ((e.action !== 'fail' && e.action !== 'restore') || (e.target !== 'lb1' && e.target !== 'lb2')) return;
    const real = log.events.find((x) => x.action === e.action && x.target === e.target && Math.abs(x.at - startWall - e.at) < 1000);
    if (e.action === 'fail') {
      const peer = e.target === 'lb1' ? 'lb2' : 'lb1';
      const lastE = vrrp.filter((v) => v.balancer === e.target && v.kind === 'advert' && v.at <= e.at).at(-1);
      const masterE = vrrp.find((v) => v.balancer === peer && v.kind === 'master' && v.at > e.at);
      if (!lastE || !masterE) return;
      const lastR = real && log.adverts.filter((a) => a.from === ipOf(e.target) && a.at <= real.at).at(-1);
      const firstR = real && log.adverts.find((a) => a.from === ipOf(peer) && a.at > real.at);
      steps.push({
        what: `${e.target} fails at ${e.at} ms: ${peer} takes over, from ${e.target}'s last advert`,
        engineMs: masterE.at - lastE.at,
        realMs: lastR && firstR ? firstR.at - lastR.at : null,
      });
    } else {
      const masterE = vrrp.find((v) => v.balancer === e.target && v.kind === 'master' && v.at > e.at);
      if (!masterE) return;
      const firstR = real && log.adverts.find((a) => a.from === ipOf(e.target) && a.at > real.at);
      steps.push({
        what: `${e.target} comes back at ${e.at} ms: master again (preemption), from its restore`,
        engineMs: masterE.at - e.at,
        realMs: real && firstR ? firstR.at - real.at : null,
      });
    }
  });
  const transitions = Number.isFinite(startWall) ? pairTransitions(s, realTransitions(log, s, startWall)) : [];
  return { steps, transitions };
}

/** Does a timed step agree within the tolerance? */
export const stepAgrees = (t: TimedStep): boolean =>
  t.realMs !== null && Math.abs(t.realMs - t.engineMs) <= TAKEOVER_TOLERANCE * t.engineMs;
