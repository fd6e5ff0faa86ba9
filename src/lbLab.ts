import type { RequestRecord } from './sim/types.ts';

/**
 * `window.lbLab`, for tests and the curious: drives the page and reads what it has run. One
 * declaration, imported by the page (main.tsx, which fills it in) and by the e2e fixtures, so a
 * test reads the records as the page's own type, never a shape of its own.
 */
export interface LbLab {
  /** The records so far (those that started by the playback time), once any run under way is ready. */
  trace(): Promise<RequestRecord[]>;
  /** Settles when no run is under way. */
  settled(): Promise<void>;
  /** Playback position, simulated ms. */
  time(): number;
  /** Moves playback to `ms`, clamped to the run. */
  seek(ms: number): void;
  select(id: number | null): void;
  /** Loads a scenario (the JSON object of a scenario file); returns the problem (in English), or null. */
  load(scenario: unknown): Promise<string | null>;
  play(speed?: number): void;
  pause(): void;
  /**
   * A link that opens the page in its present state (scenario, actions, moment, view); or, when
   * the page would refuse that link (too large to open), `{ error }` saying why in English, as
   * the Share button says it: the same check.
   */
  link(): Promise<string | { error: string }>;
}

declare global {
  interface Window {
    lbLab: LbLab;
  }
}
