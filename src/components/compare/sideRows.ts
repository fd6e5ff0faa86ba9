import type { MessageKey } from '../../i18n/index.ts';
import type { SideFigures } from '../../experiments/sideBySide.ts';

/** One row of the side-by-side table: a figure for each side, and which way is better. */
export interface SideRow {
  key: string;
  label: MessageKey;
  params?: Record<string, string>;
  a: number;
  b: number;
  /** 'low' or 'high' when a smaller or larger figure is better; null when neither is. */
  better: 'low' | 'high' | null;
  digits: number;
}

/** The rows worth showing for these two sides: rare outcomes only when they happened. */
export function sideRows(a: SideFigures, b: SideFigures): SideRow[] {
  const row = (key: string, label: MessageKey, get: (f: SideFigures) => number, better: SideRow['better'], digits = 0): SideRow => ({
    key,
    label,
    a: get(a),
    b: get(b),
    better,
    digits,
  });
  const any = (get: (f: SideFigures) => number) => get(a) > 0 || get(b) > 0;
  const failed = (f: SideFigures) => f.outcomes.reset + f.outcomes.timeout;
  const rows: SideRow[] = [
    row('requests', 'side.requests', (f) => f.requests, null),
    // A 401 (the login's session was on another server) is an answer, not an OK one.
    row('ok', 'side.ok', (f) => f.outcomes.ok - f.sessionsLost, 'high'),
    row('unavailable', 'side.unavailable', (f) => f.outcomes.unavailable, 'low'),
  ];
  if (any(failed)) rows.push(row('failed', 'side.failed', failed, 'low'));
  if (any((f) => f.outcomes.cached)) rows.push(row('cached', 'side.cached', (f) => f.outcomes.cached, null));
  if (any((f) => f.outcomes.blocked)) rows.push(row('blocked', 'side.blocked', (f) => f.outcomes.blocked, null));
  if (any((f) => f.sessionsLost + f.sessionsKept)) {
    rows.push(
      row('lost', 'side.lost', (f) => f.sessionsLost, 'low'),
      row('kept', 'side.kept', (f) => f.sessionsKept, 'high'),
    );
  }
  rows.push(
    row('mean', 'side.mean', (f) => f.latencyMeanMs, 'low', 1),
    row('p50', 'side.p50', (f) => f.latencyP50Ms, 'low', 1),
    row('p95', 'side.p95', (f) => f.latencyP95Ms, 'low', 1),
    row('work', 'side.work', (f) => f.balancerMsPerRequest, 'low', 1),
    row('spread', 'side.spread', (f) => f.spread, 'low', 2),
  );
  for (const name of Object.keys(a.perServer)) {
    rows.push({
      key: `server-${name}`,
      label: 'side.server',
      params: { name },
      a: a.perServer[name] ?? 0,
      b: b.perServer[name] ?? 0,
      better: null,
      digits: 0,
    });
  }
  return rows;
}

/** Which side a row favours: 'a', 'b', or null for a tie or a row without a better way. */
export function winner(r: SideRow): 'a' | 'b' | null {
  if (!r.better || Math.abs(r.a - r.b) < 1e-9) return null;
  return (r.better === 'low') === r.a < r.b ? 'a' : 'b';
}
