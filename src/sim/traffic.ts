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
  /** Takes the next request. */
  next(): NumberedRequest;
}

/** A request with its id: requests are numbered from 1 in the scenario's order. */
export interface NumberedRequest extends RequestSpec {
  id: number;
}

export function createTraffic(s: Scenario): Traffic {
  if (s.requests) return listTraffic(s.requests);
  if (s.load) return loadTraffic(s, createRng(s.seed ^ 0x5eed));
  return listTraffic([]);
}

function listTraffic(requests: readonly RequestSpec[]): Traffic {
  // Stable by time: requests given at the same moment leave in the order they are listed.
  const queue = requests.map((r, i) => ({ ...r, id: i + 1 })).sort((a, b) => a.at - b.at || a.id - b.id);
  let i = 0;
  return {
    peekAt: () => (i < queue.length ? queue[i]!.at : Infinity),
    next: () => queue[i++]!,
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
      const spec: NumberedRequest = {
        id: ++id,
        at,
        client: load.clients[Math.floor(rng.next() * load.clients.length)]!,
        method: 'GET',
        path: load.paths[Math.floor(rng.next() * load.paths.length)]!,
        serviceMs: rng.exp(load.serviceMs),
      };
      at += rng.exp(meanGap);
      return spec;
    },
  };
}
