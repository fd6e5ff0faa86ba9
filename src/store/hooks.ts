import { useMemo } from 'react';
import { allServers } from '../sim/topology.ts';
import type { RequestRecord } from '../sim/types.ts';
import { configAt, type ConfigAt } from '../trace/config.ts';
import { positionOf, type PacketPosition } from '../trace/packets.ts';
import { snapshotAt, type Snapshot } from '../trace/snapshot.ts';
import type { Trace } from '../trace/trace.ts';
import { useLab } from './context.tsx';
import { useCommittedTime } from './offscreen.tsx';

/** Derived views of the store at the committed playback time; recomputed only when it changes. */

/**
 * The same object for as long as no change takes effect: most commits while playing change no
 * setting, and everything that reads only the configuration (the toolbar, a node's card, the
 * legend) then keeps its render.
 */
export function useConfigAt(): ConfigAt {
  const scenario = useLab((s) => s.scenario);
  const changes = useLab((s) => s.trace.config);
  const time = useCommittedTime();
  const applied = changesUpTo(changes, time);
  const upTo = applied > 0 ? changes[applied - 1]!.at : -Infinity;
  return useMemo(() => configAt(scenario, upTo, changes), [scenario, upTo, changes]);
}

/** How many of the changes (in time order) have taken effect by t. */
function changesUpTo(changes: readonly { at: number }[], t: number): number {
  let lo = 0,
    hi = changes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (changes[mid]!.at <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function useServerNames(): string[] {
  const scenario = useLab((s) => s.scenario);
  return useMemo(() => allServers(scenario).map((x) => x.name), [scenario]);
}

/** One snapshot shared by every panel: computed once per (trace, time), whoever asks first. */
let lastSnapshot: { trace: Trace; time: number; names: string; value: Snapshot } | null = null;
function sharedSnapshot(trace: Trace, names: string[], time: number): Snapshot {
  const key = names.join(',');
  if (lastSnapshot && lastSnapshot.trace === trace && lastSnapshot.time === time && lastSnapshot.names === key) {
    return lastSnapshot.value;
  }
  const value = snapshotAt(trace, names, time);
  lastSnapshot = { trace, time, names: key, value };
  return value;
}

export function useSnapshot(): Snapshot {
  const trace = useLab((s) => s.trace);
  const time = useCommittedTime();
  const names = useServerNames();
  return useMemo(() => sharedSnapshot(trace, names, time), [trace, names, time]);
}

/** The selected request's record, or null. */
export function useSelectedRecord(): RequestRecord | null {
  const trace = useLab((s) => s.trace);
  const selected = useLab((s) => s.selected);
  return useMemo(() => trace.records.find((r) => r.id === selected) ?? null, [trace, selected]);
}

/** Where the selected request's packet is now (null when it is not under way). */
export function useSelectedPosition(): PacketPosition | null {
  const record = useSelectedRecord();
  const time = useCommittedTime();
  return useMemo(() => (record ? positionOf(record, -1, time) : null), [record, time]);
}
