import { translate, type Lang } from '../../../i18n/index.ts';
import type { LcDecision } from '../../../sim/algorithms/ipvs/lc.ts';
import type { RrDecision } from '../../../sim/algorithms/ipvs/rr.ts';
import type { ShDecision } from '../../../sim/algorithms/ipvs/sh.ts';
import type { WlcDecision } from '../../../sim/algorithms/ipvs/wlc.ts';
import type { WrrDecision } from '../../../sim/algorithms/ipvs/wrr.ts';
import { overheadRows } from '../../explain/ipvsOverheadText.ts';
import { wrrIpvsRows } from '../../explain/ipvsText.ts';

/**
 * What the stage draws for an L4 pick, IPVS's numbers: the same marks as nginx's where the
 * meaning fits (a bar beside each server, dots of connections, a tag by the balancer), each
 * telling what the kernel's scheduler read.
 */

/** wrr: one server's weight as a bar, against the one cw the walk that picked needed. */
export interface CwBar {
  server: string;
  weight: number;
  /** The weight's share of the largest weight (0 … 1): the bar's length. */
  share: number;
  /** cw's place on the same scale: the threshold line. */
  cwShare: number;
  reaches: boolean;
  chosen: boolean;
  out: boolean;
}

export function cwBars(d: WrrDecision, servers: readonly { name: string; weight: number; out: boolean }[]): CwBar[] {
  const rows = wrrIpvsRows(d, servers);
  const most = Math.max(1, d.cwAfter, ...rows.map((r) => r.weight));
  return rows.map((r) => ({
    server: r.name,
    weight: r.weight,
    share: r.weight / most,
    cwShare: d.cwAfter / most,
    reaches: r.reaches,
    chosen: r.winner,
    out: r.out,
  }));
}

/** lc/wlc: one server's counts as the scheduler read them: ● active, ○ inactive, and its overhead. */
export interface OverheadDots {
  server: string;
  /** The counts the scheduler read. */
  active: number;
  inactive: number;
  /** Drawn: filled dots (active), then rings (inactive), at most `OVERHEAD_DOTS` in all; `more` left undrawn. */
  filled: number;
  rings: number;
  more: number;
  /** The number the scheduler compared: the overhead (lc), overhead/weight (wlc); "—" when passed over. */
  value: string;
  chosen: boolean;
  out: boolean;
}

export const OVERHEAD_DOTS = 4;

export function overheadDots(d: LcDecision | WlcDecision): OverheadDots[] {
  return overheadRows(d).map((r) => {
    const filled = Math.min(r.active, OVERHEAD_DOTS);
    const rings = Math.min(r.inactive, OVERHEAD_DOTS - filled);
    const value =
      r.overhead === null ? '—' : d.scheduler === 'wlc' ? (r.weight > 0 ? `${r.overhead}/${r.weight}` : '—') : String(r.overhead);
    return {
      server: r.name,
      active: r.active,
      inactive: r.inactive,
      filled,
      rings,
      more: r.active + r.inactive - filled - rings,
      value,
      chosen: r.winner,
      out: r.out,
    };
  });
}

/** rr's and wrr's tag by the balancer: rr's walk from the last pick, wrr's cw and its gcd step. */
export function walkTag(d: RrDecision | WrrDecision, lang: Lang): string | null {
  if (d.chosen === null) return null;
  if (d.scheduler === 'rr') return translate(lang, 'cw.rrTag', { after: d.after ?? translate(lang, 'why.ipvs.rr.head'), server: d.chosen });
  return d.cwBefore === d.cwAfter && d.steps.length === 0
    ? translate(lang, 'cw.wrrTagSame', { cw: d.cwAfter, di: d.di })
    : translate(lang, 'cw.wrrTag', { before: d.cwBefore, after: d.cwAfter, di: d.di });
}

/** sh's tag: the whole address hashed, its bucket and the bucket's server (crossed when it refused). */
export function shTag(d: ShDecision, client: string, lang: Lang): { text: string; server: string } | null {
  if (d.bucketDest === null) return null;
  const text = translate(lang, 'cw.shTag', { key: client, bucket: d.bucket, server: d.bucketDest });
  return { text: d.rejected ? `${text} ✕` : text, server: d.chosen ?? d.bucketDest };
}
