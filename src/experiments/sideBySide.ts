import type { Algorithm } from '../sim/algorithms/pick.ts';
import { simulateRun } from '../sim/engine.ts';
import type { Said } from '../sim/said.ts';
import { parseScenario, type Scenario, type ScenarioInput } from '../sim/scenario.ts';
import { OUTCOMES, type Outcome, type RequestRecord } from '../sim/types.ts';
import { percentile } from '../trace/sorted.ts';

/**
 * Side by side: the user's scenario (their actions included) run twice on identical seeded
 * traffic, differing in one thing only — the algorithm, or the layer — and the figures of each.
 * Pure: the view only shows them.
 */
export type Comparison = { kind: 'algorithms'; a: Algorithm; b: Algorithm } | { kind: 'layers' };

export interface SideFigures {
  /** What this side runs: an algorithm name, or "L4" / "L7". */
  label: string;
  requests: number;
  outcomes: Record<Outcome, number>;
  /** Requests answered by each server. */
  perServer: Record<string, number>;
  /** The busiest server's requests over the quietest's (1 = perfectly even), among servers used. */
  spread: number;
  latencyMeanMs: number;
  latencyP50Ms: number;
  latencyP95Ms: number;
  /** The balancer's own work per request, both ways (L4 forwards, L7 parses, routes and proxies). */
  balancerMsPerRequest: number;
  sessionsLost: number;
  sessionsKept: number;
}

type EventInput = NonNullable<ScenarioInput['events']>[number];
const L7_ONLY = ['rules', 'cache', 'block', 'sticky'] as const;

/** The two scenarios, identical but for what is compared. */
export function sides(base: ScenarioInput, events: readonly EventInput[], c: Comparison): [ScenarioInput, ScenarioInput] {
  const all = [...(base.events ?? []), ...events];
  if (c.kind === 'algorithms') {
    // An algorithm change during the run would undo the comparison: each side keeps its own.
    const kept = all.filter((e) => e.action !== 'set-algorithm');
    return [
      { ...base, algorithm: c.a, events: kept },
      { ...base, algorithm: c.b, events: kept },
    ];
  }
  const l4: Record<string, unknown> = { ...base, mode: 'L4', events: all };
  for (const k of L7_ONLY) delete l4[k];
  return [l4 as ScenarioInput, { ...base, mode: 'L7', events: all }];
}

export function figuresOf(label: string, s: Scenario, records: RequestRecord[]): SideFigures {
  const outcomes = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  const perServer: Record<string, number> = Object.fromEntries(s.servers.map((x) => [x.name, 0]));
  const lat: number[] = [];
  for (const r of records) {
    outcomes[r.outcome]++;
    if (r.outcome === 'ok' && r.server) perServer[r.server] = (perServer[r.server] ?? 0) + 1;
    if (r.status !== null) lat.push(r.latencyMs);
  }
  lat.sort((a, b) => a - b);
  // Every server counts, idle ones too: 110, 118 and 0 is not an even spread.
  const counts = Object.values(perServer);
  const mean = counts.reduce((a, b) => a + b, 0) / Math.max(1, counts.length);
  const busiest = counts.reduce((a, b) => Math.max(a, b), 0);
  return {
    label,
    requests: records.length,
    outcomes,
    perServer,
    spread: mean > 0 ? busiest / mean : 1,
    latencyMeanMs: lat.length ? lat.reduce((a, b) => a + b, 0) / lat.length : 0,
    latencyP50Ms: percentile(lat, 0.5) ?? 0,
    latencyP95Ms: percentile(lat, 0.95) ?? 0,
    balancerMsPerRequest: 2 * (s.mode === 'L7' ? s.network.proxyMs : s.network.balancerMs),
    sessionsLost: records.filter((r) => r.session === 'lost').length,
    sessionsKept: records.filter((r) => r.session === 'found').length,
  };
}

/** Runs both sides; returns their figures, or the problem when a side would not run. */
export function compareSides(base: ScenarioInput, events: readonly EventInput[], c: Comparison): [SideFigures, SideFigures] | Said {
  const [a, b] = sides(base, events, c);
  const labels = c.kind === 'algorithms' ? [c.a, c.b] : ['L4', 'L7'];
  const out: SideFigures[] = [];
  for (const [i, input] of [a, b].entries()) {
    const parsed = parseScenario(input);
    if (!parsed.ok) return parsed.problem;
    out.push(figuresOf(labels[i]!, parsed.scenario, simulateRun(parsed.scenario).records));
  }
  return [out[0]!, out[1]!];
}
