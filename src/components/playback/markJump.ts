import type { LabStore } from '../../store/labCore.ts';
import { timelineMarks } from '../../trace/marks.ts';

/** How long before a mark a jump lands, in real time: Play then shows it happening. */
const LEAD_REAL_MS = 1000;

/** Where a jump to an event at `at` lands, at `speed`: a second of real time before it. */
export const jumpTarget = (at: number, speed: number): number => Math.max(0, at - LEAD_REAL_MS * speed);

/**
 * The time the next (`by` = 1) or previous (−1) mark's jump lands on, counted from `time`;
 * null when there is none that way.
 */
export function markJumpFrom(ats: readonly number[], time: number, speed: number, by: 1 | -1): number | null {
  const targets = ats.map((at) => jumpTarget(at, speed));
  // A jump lands a little before its mark: from there the next press goes on to the next one.
  const EPS = 0.5;
  if (by > 0) return targets.find((x) => x > time + EPS) ?? null;
  return targets.findLast((x) => x < time - EPS) ?? null;
}

/** Seeks to the next or previous mark on the timeline (the keys ] and [); false when there is none. */
export function jumpToMark(store: LabStore, by: 1 | -1): boolean {
  const { trace, scenario, clock, speed, seek } = store.getState();
  const ats = timelineMarks(trace, scenario.events).marks.map((m) => m.at);
  const to = markJumpFrom(ats, clock.time, speed, by);
  if (to === null) return false;
  seek(to);
  return true;
}
