import type { Scenario } from '../sim/scenario.ts';

/**
 * The capture's file name: scenarios have no name of their own, so it says what kind of run it
 * is (the layer and the algorithm), in the style of the scenario file the page saves; a capture
 * up to a moment says which (in whole ms), so two downloads never take each other's name.
 */
export function pcapFileName(scenario: Scenario, upToMs: number | null = null): string {
  const until = upToMs === null ? '' : `-to-${Math.floor(upToMs)}ms`;
  return `load-balancer-lab-${scenario.mode.toLowerCase()}-${scenario.algorithm}${until}.pcap`;
}
