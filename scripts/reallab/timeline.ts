import { setTimeout as sleep } from 'node:timers/promises';
import { serverConfig } from '../../src/sim/defaults.ts';
import { samePortOf } from '../../src/sim/forwarding.ts';
import { isBalancer } from '../../src/sim/nodes.ts';
import type { Scenario, ScenarioEvent } from '../../src/sim/scenario.ts';

/**
 * The scenario's configuration at time `t` (ms from the start): its algorithm, weights and
 * members after every set-algorithm, set-weight, add-server and remove-server up to and
 * including `t` (src/sim/events.ts, applyScenarioEvent). What the export writes for it is what
 * the balancer is reloaded with. Its events are left out: they are the timeline's.
 */
export function scenarioAt(s: Scenario, t: number): Scenario {
  let algorithm = s.algorithm;
  let servers = [...s.servers];
  // Every server the run ever had, so one added again keeps its address (topology.ts, allServers).
  const known = [...s.servers];
  for (const e of s.events) {
    if (e.at > t) continue;
    if (e.action === 'set-algorithm') algorithm = e.algorithm;
    else if (e.action === 'set-weight') servers = servers.map((x) => (x.name === e.target ? { ...x, weight: e.weight } : x));
    else if (e.action === 'remove-server') servers = servers.filter((x) => x.name !== e.target);
    else if (e.action === 'add-server' && !servers.some((x) => x.name === e.server.name)) {
      let config = known.find((x) => x.name === e.server.name);
      if (!config) {
        config = serverConfig(e.server, known.length, samePortOf(s.forwarding, s.network.vipPort));
        known.push(config);
      }
      servers.push(config);
    }
  }
  return { ...s, algorithm, servers, events: [] };
}

/** Does this event change what the balancer is configured with (a reload)? */
export const reconfigures = (e: ScenarioEvent): boolean =>
  e.action === 'set-algorithm' || e.action === 'set-weight' || e.action === 'add-server' || e.action === 'remove-server';

/** What the timeline does to the lab's machines; each resolves once the change is made. */
export interface TimelineHooks {
  /** A server fails or comes back (serverProgram.ts: refuse, or hang). */
  server(name: string, action: 'fail' | 'restore'): void;
  /** The balancer takes the configuration the scenario has from now on (nginx reload, nft). */
  reconfigure(now: Scenario): Promise<void> | void;
  /** A balancer fails or comes back (LabNetwork.balancerEvent); absent where there is one balancer. */
  balancer?: (action: 'fail' | 'restore', target: 'lb1' | 'lb2') => Promise<void> | void;
}

/** One event as it was applied: its time in the scenario and when it took effect, ms from the client's start. */
export interface AppliedEvent {
  at: number;
  action: ScenarioEvent['action'];
  target: string | null;
  tookEffectAt: number;
}

/**
 * Plays the scenario's events on the client's clock, beside the client's plan. The client
 * counts from its own start, which this process cannot see: it is first estimated (`start`,
 * wall-clock ms), then corrected by `clientStarted` as soon as a server reports a request's
 * arrival (that request's planned time plus a network under a millisecond).
 */
export class Timeline {
  readonly applied: AppliedEvent[] = [];
  private stopped = false;
  private failure: Error | null = null;
  private readonly run: Promise<void>;

  constructor(
    private readonly s: Scenario,
    private start: number,
    private readonly hooks: TimelineHooks,
    private readonly replays: boolean,
  ) {
    this.run = this.play().catch((e: unknown) => {
      this.failure = e instanceof Error ? e : new Error(String(e));
    });
  }

  /** The client's start as a server's report of a request shows it. */
  clientStarted(atMs: number): void {
    this.start = atMs;
  }

  /** Stops before the next event; rejects with the first event that could not be applied. */
  async finish(): Promise<AppliedEvent[]> {
    this.stopped = true;
    await this.run;
    if (this.failure) throw this.failure;
    return this.applied;
  }

  private async play(): Promise<void> {
    const events = [...this.s.events].sort((a, b) => a.at - b.at);
    for (const e of events) {
      if (e.action === 'set-load' || e.action === 'request') continue; // in the client's plan already
      // Where lb1 replays the engine's picks, its map already sends each connection where the
      // engine's configuration of the moment sent it.
      if (reconfigures(e) && this.replays) continue;
      for (;;) {
        if (this.stopped) return;
        const left = this.start + e.at - wallMs();
        if (left <= 0) break;
        await sleep(Math.min(left, 20));
      }
      await this.apply(e);
      const target = 'target' in e ? e.target : e.action === 'add-server' ? e.server.name : null;
      this.applied.push({ at: e.at, action: e.action, target, tookEffectAt: wallMs() - this.start });
    }
  }

  private async apply(e: ScenarioEvent): Promise<void> {
    if (e.action === 'fail' || e.action === 'restore') {
      if (!isBalancer(e.target)) return this.hooks.server(e.target, e.action);
      if (!this.hooks.balancer) throw new Error(`the real lab cannot fail ${e.target} here: it runs one balancer`);
      return this.hooks.balancer(e.action, e.target as 'lb1' | 'lb2');
    }
    if (reconfigures(e)) return this.hooks.reconfigure(scenarioAt(this.s, e.at));
  }
}

/** Wall-clock ms, as the lab's programs stamp their times. */
export const wallMs = (): number => performance.timeOrigin + performance.now();
