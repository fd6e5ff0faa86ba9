import { roundToMicros } from './flow.ts';
import { createRng, type Rng } from './rng.ts';
import type { LoadSpec, RequestSpec, Scenario } from './scenario.ts';

/** A request on its way into the simulation; `id` 0 means the engine numbers it. */
export interface NumberedRequest extends RequestSpec {
  id: number;
}

/**
 * Where requests come from, in time order: the scenario's explicit list, merged with a
 * generated load (Poisson arrivals from a seeded stream of its own, so the same seed gives the
 * same traffic whatever the algorithm or the servers — which is what makes comparisons fair).
 * The load can be changed while running; arrivals being memoryless, the next one is drawn
 * afresh from that moment.
 */
export class Traffic {
  private readonly list: NumberedRequest[];
  private i = 0;
  private load: LoadSpec | null;
  private loadEnd: number;
  private nextLoadAt = Infinity;
  private readonly rng: Rng;

  constructor(s: Scenario) {
    // Stable by time: requests given at the same moment leave in the order they are listed.
    this.list = (s.requests ?? []).map((r, i) => ({ ...r, id: i + 1 })).sort((a, b) => a.at - b.at || a.id - b.id);
    this.rng = createRng(s.seed ^ 0x5eed);
    this.load = s.load;
    this.loadEnd = s.load?.durationMs ?? 0;
    if (this.load) this.nextLoadAt = this.rng.exp(1000 / this.load.ratePerSec);
  }

  /** Time of the next request, or Infinity when there are no more. */
  peekAt(): number {
    const l = this.i < this.list.length ? this.list[this.i]!.at : Infinity;
    const g = this.nextGenerated();
    return l <= g ? l : g;
  }

  /** When the load makes its next request, or Infinity once its window has ended. */
  private nextGenerated(): number {
    return this.nextLoadAt <= this.loadEnd ? this.nextLoadAt : Infinity;
  }

  /** Takes the next request (listed ones first on a tie). */
  next(): NumberedRequest {
    const listed = this.list[this.i];
    if (listed && listed.at <= this.nextGenerated()) {
      this.i++;
      return listed;
    }
    const load = this.load!;
    const rng = this.rng;
    const spec: NumberedRequest = {
      id: 0,
      // To the microsecond, as every time in the trace is.
      at: roundToMicros(this.nextLoadAt),
      client: load.clients[Math.floor(rng.next() * load.clients.length)]!,
      method: 'GET',
      path: load.paths[Math.floor(rng.next() * load.paths.length)]!,
      serviceMs: rng.exp(load.serviceMs),
    };
    this.nextLoadAt += rng.exp(1000 / load.ratePerSec);
    return spec;
  }

  /** From `now` on, requests arrive as `load` says, until `endMs`. */
  setLoad(now: number, load: LoadSpec, endMs: number): void {
    this.load = load;
    this.loadEnd = endMs;
    this.nextLoadAt = now + this.rng.exp(1000 / load.ratePerSec);
  }

  /** The load in force, and when it ends. */
  currentLoad(): { load: LoadSpec | null; endMs: number } {
    return { load: this.load, endMs: this.loadEnd };
  }
}
