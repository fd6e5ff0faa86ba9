import type { IpvsSchedulerName } from '../../sim/algorithms/ipvs/dest.ts';
import type { IpvsAlgorithm } from '../../sim/algorithms/ipvs/registry.ts';

/**
 * The lab's algorithm for a kernel scheduler: IPVS_SCHEDULERS (registry.ts) read backwards,
 * spelled out so the page's first download does not carry the schedulers themselves
 * (ipvsText.test.ts holds the two together). A file of its own: the stage reads it at once,
 * the rows and marks that read decisions (ipvsRows.ts, why/ipvsMarks.tsx) load later.
 */
export const IPVS_ALGORITHM_OF: Record<IpvsSchedulerName, IpvsAlgorithm> = {
  rr: 'round-robin',
  wrr: 'weighted-round-robin',
  lc: 'least-connections',
  wlc: 'weighted-least-connections',
  sh: 'ip-hash',
};
