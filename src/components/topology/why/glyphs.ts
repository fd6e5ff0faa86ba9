import type { Decision } from '../../../sim/algorithms/pick.ts';
import { wrrRows } from '../../explain/wrrRows.ts';

/** One server's smooth WRR current_weight after the pick, as the WrrTable's last row shows it. */
export interface WeightBar {
  server: string;
  value: number;
  chosen: boolean;
  /** It took no part in this step (skipped: down, failed, full). */
  out: boolean;
  /** Bar length as a share of the half-width on its side of the zero line (0 … 1). */
  share: number;
}

/**
 * The bars for a (weighted) round robin pick: every server in the upstream, its current weight
 * after the pick, and the winner. Scaled by the largest magnitude, and at least by the total
 * paid back, so a lone +1 does not fill its half as +7 would.
 */
export function weightBars(d: Decision): WeightBar[] {
  const rows = wrrRows(d);
  const most = rows.reduce((m, r) => Math.max(m, Math.abs(r.after)), Math.max(d.total, 1));
  return rows.map((r) => ({
    server: r.name,
    value: r.after,
    chosen: r.name === d.chosen,
    out: r.sum === null,
    share: Math.abs(r.after) / most,
  }));
}

/** Whether a decision's workings are the smooth WRR step itself (not a single server, a sticky cookie or ip_hash's). */
export function isWrrPick(d: Decision): boolean {
  return (d.algorithm === 'round-robin' || d.algorithm === 'weighted-round-robin') && d.path === 'algorithm';
}

/** Open connections as dots: one per connection up to `max`, then "+n". */
export function connDots(count: number, max = 8): { dots: number; more: number } {
  const n = Math.max(0, Math.floor(count));
  return n > max ? { dots: max - 1, more: n - (max - 1) } : { dots: n, more: 0 };
}

/** The key nginx's ip_hash hashed: the octets of the first round ("203.0.113"), or null. */
export function hashKey(d: Decision): string | null {
  const first = d.ipHash?.[0];
  return first ? first.steps.map((s) => s.octet).join('.') : null;
}
