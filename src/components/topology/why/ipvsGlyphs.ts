import type { Lang } from '../../../i18n/index.ts';
import { ownText } from '../../../i18n/ownSection.ts';
import { ipvsMarkWords } from '../../../i18n/sections/ipvsMarks.ts';
import type { LcDecision } from '../../../sim/algorithms/ipvs/lc.ts';
import type { RrDecision } from '../../../sim/algorithms/ipvs/rr.ts';
import type { ShDecision } from '../../../sim/algorithms/ipvs/sh.ts';
import type { WlcDecision } from '../../../sim/algorithms/ipvs/wlc.ts';
import type { WrrDecision } from '../../../sim/algorithms/ipvs/wrr.ts';
import { overheadRows, wrrIpvsRows } from '../../explain/ipvsRows.ts';

/**
 * What the stage draws for an L4 pick, IPVS's numbers: the same marks as nginx's where the
 * meaning fits (a bar beside each server, dots of connections, a tag by the balancer), each
 * telling what the kernel's scheduler read. wrr's numbers go on its bars, not in a tag by the
 * balancer: there they would sit where the packets' header tag rides out to the servers.
 */

/** wrr: one server's weight as a bar, against the one cw the walk that picked needed. */
export interface CwBar {
  server: string;
  weight: number;
  /** The weight's share of the largest weight (0 … 1): the bar's length. */
  share: number;
  /** The cw of the walk that picked, and its place on the same scale: the threshold line. */
  cw: number;
  cwShare: number;
  reaches: boolean;
  chosen: boolean;
  out: boolean;
}

export function cwBars(d: WrrDecision, servers: readonly { name: string; weight: number; out: boolean }[]): CwBar[] {
  const rows = wrrIpvsRows(d, servers);
  const most = rows.reduce((m, r) => Math.max(m, r.weight), Math.max(1, d.cwAfter));
  return rows.map((r) => ({
    server: r.name,
    weight: r.weight,
    share: r.weight / most,
    cw: d.cwAfter,
    cwShare: d.cwAfter / most,
    reaches: r.reaches,
    chosen: r.winner,
    out: r.out,
  }));
}

/** "★ 5≥4", "1<4": the weight against cw, as the kernel tests it (`weight >= cw`). */
export function cwBarText(bar: CwBar): string {
  const test = `${bar.weight}${bar.reaches ? '≥' : '<'}${bar.cw}`;
  return bar.chosen ? `★ ${test}` : test;
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

/** rr's tag by the balancer: its walk from the last pick, or that it found none (wrr's numbers are on its bars). */
export function walkTag(d: RrDecision, lang: Lang): string {
  const after = d.after ?? ownText(ipvsMarkWords, lang, 'cw.head');
  return d.chosen === null
    ? ownText(ipvsMarkWords, lang, 'cw.rrTagNone', { after })
    : ownText(ipvsMarkWords, lang, 'cw.rrTag', { after, server: d.chosen });
}

/**
 * sh's tag: the whole address hashed, its bucket and the bucket's server (crossed when it
 * refused); `short` leaves the address to the Why panel, for a stage too narrow for the whole.
 */
export function shTag(d: ShDecision, client: string, lang: Lang): { text: string; short: string; server: string } | null {
  if (d.bucketDest === null) return null;
  const cross = d.rejected ? ' ✕' : '';
  const text = ownText(ipvsMarkWords, lang, 'cw.shTag', { key: client, bucket: d.bucket, server: d.bucketDest }) + cross;
  const short = ownText(ipvsMarkWords, lang, 'cw.shTagShort', { bucket: d.bucket, server: d.bucketDest }) + cross;
  return { text, short, server: d.chosen ?? d.bucketDest };
}
