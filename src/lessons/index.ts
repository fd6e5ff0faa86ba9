import { failover } from './content/failover.ts';
import { ipHash } from './content/ipHash.ts';
import { layers } from './content/layers.ts';
import { leastConnections } from './content/leastConnections.ts';
import { nat } from './content/nat.ts';
import { roundRobin } from './content/roundRobin.ts';
import { scaleUpOut } from './content/scaleUpOut.ts';
import { serverFailure } from './content/serverFailure.ts';
import { vipDns } from './content/vipDns.ts';
import { weightedRoundRobin } from './content/weightedRoundRobin.ts';
import type { Lesson } from './types.ts';

/** Every lesson, in the order of the seed notes. */
export const LESSONS: readonly Lesson[] = [
  scaleUpOut,
  vipDns,
  nat,
  layers,
  roundRobin,
  weightedRoundRobin,
  ipHash,
  leastConnections,
  serverFailure,
  failover,
];

export function lessonById(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}
