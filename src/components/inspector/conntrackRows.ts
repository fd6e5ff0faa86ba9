import type { Snapshot } from '../../trace/snapshot.ts';

/** More rows than this would push the rest of the page away on a projector. */
export const MAX_ROWS = 12;

export type ConntrackRow = Snapshot['nat'][number];

/** The rows to show: the oldest first, but the selected flow always among them. */
export function visibleRows(nat: readonly ConntrackRow[], selected: number | null, max = MAX_ROWS): ConntrackRow[] {
  if (nat.length <= max) return [...nat];
  const rows = nat.slice(0, max);
  const sel = nat.findIndex((n) => n.id === selected);
  if (sel >= max) rows[max - 1] = nat[sel]!;
  return rows;
}
