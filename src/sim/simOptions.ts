import type { Budget, Overrun } from './budget.ts';
import type { ConfigChange, HealthChange, ProbeRecord, RequestRecord, VrrpRecord } from './types.ts';

/** How a Simulation runs, and where its records go as they are made. */
export interface SimOptions {
  /** Build a full record (hops, NAT entry, decision) for every request. Off for benchmarks. */
  record?: boolean;
  /** How much work the run may do (CLI_BUDGET by default); past it the run stops (`overrun`). */
  budget?: Budget;
  /** Receives each request's record as it finishes (only when recording). */
  onRecord?: (r: RequestRecord) => void;
  onProbe?: (p: ProbeRecord) => void;
  onHealth?: (h: HealthChange) => void;
  onVrrp?: (v: VrrpRecord) => void;
  /** Receives each change of configuration (a scenario event or a user's action applied). */
  onConfig?: (c: ConfigChange) => void;
}

/** Everything a run recorded. */
export interface RunResult {
  records: RequestRecord[];
  probes: ProbeRecord[];
  health: HealthChange[];
  vrrp: VrrpRecord[];
  config: ConfigChange[];
  /** What the run went past when it stopped early, or null when it ran to the end. */
  overrun: Overrun | null;
}

/** An empty result, and the options that fill it as the simulation runs (records by id once sorted). */
export function collectRun(): {
  out: RunResult;
  options: Required<Pick<SimOptions, 'onRecord' | 'onProbe' | 'onHealth' | 'onVrrp' | 'onConfig'>>;
} {
  const out: RunResult = { records: [], probes: [], health: [], vrrp: [], config: [], overrun: null };
  return {
    out,
    options: {
      onRecord: (r) => out.records.push(r),
      onProbe: (p) => out.probes.push(p),
      onHealth: (h) => out.health.push(h),
      onVrrp: (v) => out.vrrp.push(v),
      onConfig: (c) => out.config.push(c),
    },
  };
}
