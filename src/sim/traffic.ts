import { createRng, type Rng } from './rng.ts';
import type { RequestSpec, Scenario } from './scenario.ts';

/**
 * Where requests come from, in time order: the scenario's explicit list, or a generated load
 * (Poisson arrivals from a seeded stream of its own, so that the same seed gives the same
 * traffic whatever the algorithm or the servers — which is what makes comparisons fair).
 */
export interface Traffic {
  /** Time of the next request, or Infinity when there are no more. */
  peekAt(): number;
  /** Takes the next request; `id` numbers requests from 1 in the scenario's order. */
  next(): { id: number; spec: RequestSpec };
}

export function createTraffic(s: Scenario): Traffic {
  if (s.requests) return listTraffic(s.requests);
  if (s.load) return loadTraffic(s, createRng(s.seed ^ 0x5eed));
  return listTraffic([]);
}

function listTraffic(requests: readonly RequestSpec[]): Traffic {
  // Stable by time: requests given at the same moment leave in the order they are listed.
  const order = requests.map((_, i) => i).sort((a, b) => requests[a]!.at - requests[b]!.at || a - b);
  let i = 0;
  return {
    peekAt: () => (i < order.length ? requests[order[i]!]!.at : Infinity),
    next: () => {
      const idx = order[i++]!;
      return { id: idx + 1, spec: requests[idx]! };
    },
  };
}

function loadTraffic(s: Scenario, rng: Rng): Traffic {
  const load = s.load!;
  const meanGap = 1000 / load.ratePerSec;
  let id = 0;
  let at = rng.exp(meanGap);
  return {
    peekAt: () => (at <= load.durationMs ? at : Infinity),
    next: () => {
      const spec: RequestSpec = {
        at,
        client: load.clients[Math.floor(rng.next() * load.clients.length)]!,
        method: 'GET',
        path: load.paths[Math.floor(rng.next() * load.paths.length)]!,
        serviceMs: rng.exp(load.serviceMs),
      };
      at += rng.exp(meanGap);
      return { id: ++id, spec };
    },
  };
}
