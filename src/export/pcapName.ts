import type { Scenario } from '../sim/scenario.ts';

/**
 * The capture's file name: scenarios have no name of their own, so it says what kind of run it
 * is (the layer and the algorithm), in the style of the scenario file the page saves.
 */
export function pcapFileName(scenario: Scenario): string {
  return `load-balancer-lab-${scenario.mode.toLowerCase()}-${scenario.algorithm}.pcap`;
}
