import type { Outcome } from './types.ts';

/** Running totals the engine keeps whether or not it records a trace. */
export interface Stats {
  started: number;
  finished: number;
  outcomes: Record<Outcome, number>;
  /** Requests each server answered, in the scenario's server order. */
  served: number[];
  latencySumMs: number;
  latencyMaxMs: number;
  events: number;
}

export function createStats(serverNames: readonly string[]): Stats {
  return {
    started: 0,
    finished: 0,
    outcomes: { ok: 0, cached: 0, blocked: 0, unavailable: 0, reset: 0, timeout: 0, 'no-port': 0 },
    served: serverNames.map(() => 0),
    latencySumMs: 0,
    latencyMaxMs: 0,
    events: 0,
  };
}
