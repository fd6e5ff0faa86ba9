import { simulate } from '../sim/engine.ts';
import { parseScenario, type ScenarioInput } from '../sim/scenario.ts';
import type { RequestRecord } from '../sim/types.ts';
import { percentile } from '../trace/sorted.ts';

/**
 * Scale-up against scale-out, on the same seeded traffic: one large server against several
 * small ones of the same total capacity. Each design runs twice: healthy, and with one
 * machine failing halfway and coming back. Pure: the view only shows the figures.
 *
 * The balancer is nginx (L7), as the rest of the lab's failure stories: a spare server only
 * helps if the balancer notices the failure, and nginx does, retrying a refused request on
 * another server (proxy_next_upstream) and setting the failed one aside (max_fails). An L4
 * kernel NAT does neither: the connections it pins to the dead server are reset until health
 * checks take it out (see the test for the L4 figures).
 */
export interface ScalingDesign {
  name: 'scale-up' | 'scale-out';
  servers: { name: string; speed: number; concurrency: number }[];
  /** Cost per hour, in the same units for both (large machines cost more per unit of work). */
  costPerHour: number;
}

export interface ScalingFigures {
  design: ScalingDesign['name'];
  failing: boolean;
  requests: number;
  ok: number;
  /** Answered requests per second of simulated time. */
  throughput: number;
  latencyMeanMs: number;
  latencyP95Ms: number;
  costPerHour: number;
}

export const SCALING_DESIGNS: ScalingDesign[] = [
  { name: 'scale-up', servers: [{ name: 'big', speed: 4, concurrency: 4 }], costPerHour: 8 },
  {
    name: 'scale-out',
    servers: [1, 2, 3, 4].map((i) => ({ name: `s${i}`, speed: 1, concurrency: 4 })),
    costPerHour: 4,
  },
];

export interface ScalingLoad {
  /** The balancer: nginx (L7) retries a refused request; a kernel NAT (L4) resets it. */
  mode: 'L4' | 'L7';
  ratePerSec: number;
  durationMs: number;
  serviceMs: number;
  seed: number;
}

export const DEFAULT_SCALING_LOAD: ScalingLoad = {
  mode: 'L7',
  ratePerSec: 250,
  durationMs: 10_000,
  serviceMs: 40,
  seed: 3,
};

function scenarioFor(d: ScalingDesign, load: ScalingLoad, failing: boolean): ScenarioInput {
  const victim = d.servers[0]!.name;
  return {
    seed: load.seed,
    mode: load.mode,
    algorithm: 'least-connections',
    servers: d.servers.map((s) => ({ ...s })),
    load: { clients: 12, ratePerSec: load.ratePerSec, durationMs: load.durationMs, serviceMs: load.serviceMs },
    timeouts: { clientMs: 10_000 },
    events: failing
      ? [
          { at: load.durationMs * 0.4, action: 'fail', target: victim },
          { at: load.durationMs * 0.7, action: 'restore', target: victim },
        ]
      : [],
  };
}

function figures(d: ScalingDesign, failing: boolean, records: RequestRecord[], durationMs: number): ScalingFigures {
  const ok = records.filter((r) => r.outcome === 'ok');
  const lat = ok.map((r) => r.latencyMs).sort((a, b) => a - b);
  return {
    design: d.name,
    failing,
    requests: records.length,
    ok: ok.length,
    throughput: ok.length / (durationMs / 1000),
    latencyMeanMs: lat.length ? lat.reduce((a, b) => a + b, 0) / lat.length : 0,
    latencyP95Ms: percentile(lat, 0.95) ?? 0,
    costPerHour: d.costPerHour,
  };
}

export function compareScaling(load: ScalingLoad = DEFAULT_SCALING_LOAD): ScalingFigures[] {
  const out: ScalingFigures[] = [];
  for (const failing of [false, true]) {
    for (const d of SCALING_DESIGNS) {
      const parsed = parseScenario(scenarioFor(d, load, failing));
      if (!parsed.ok) throw new Error(parsed.error);
      out.push(figures(d, failing, simulate(parsed.scenario), load.durationMs));
    }
  }
  return out;
}
