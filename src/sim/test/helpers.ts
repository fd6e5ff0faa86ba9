import { simulate } from '../engine.ts';
import { parseScenario, type Scenario } from '../scenario.ts';
import type { RequestRecord } from '../types.ts';

/** Parses a scenario or fails the test with the validator's message. */
export function scenarioOf(input: unknown): Scenario {
  const r = parseScenario(input);
  if (!r.ok) throw new Error(r.error);
  return r.scenario;
}

export function run(input: unknown): RequestRecord[] {
  return simulate(scenarioOf(input));
}

/** Network with no delays, so request order at the balancer equals list order. */
export const INSTANT = { clientLatencyMs: 0, serverLatencyMs: 0, dnsLatencyMs: 0, balancerMs: 0 };

/** `n` requests from one client, 1 ms apart. */
export function requests(n: number, client = '192.168.0.1', serviceMs = 0.5) {
  return Array.from({ length: n }, (_, i) => ({ at: i, client, serviceMs }));
}
