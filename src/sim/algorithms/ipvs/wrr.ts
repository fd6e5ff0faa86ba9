import type { IpvsDest, IpvsDestChange, IpvsSchedulerError } from './dest.ts';

/**
 * IPVS weighted round robin, net/netfilter/ipvs/ip_vs_wrr.c (Linux v6.17-rc3). Not nginx's
 * smooth WRR: the current weight `cw` starts high and steps down by the gcd of the weights
 * (`di`) once per walk of the list; each walk picks, in list order, every dest whose weight is
 * at least `cw`. So 5,1,1 gives s1 five times in a row, then s2, s3.
 *
 * `struct ip_vs_wrr_mark`, with the list position as an index (-1: the list head). Indexes are
 * safe because every change of the list or a weight resets `cl` to the head (wrrDestChanged).
 */
export interface WrrState {
  /** `mark->cl`: the last pick, or -1 for the head. */
  cl: number;
  /** `mark->cw`: the weight a dest needs in this walk. */
  cw: number;
  /** `mark->mw`: the largest weight minus (di - 1), so that the last walk is at cw = 1. */
  mw: number;
  /** `mark->di`: the gcd of the weights above 0 (1 when there are none). */
  di: number;
}

export interface WrrDecision {
  readonly scheduler: 'wrr';
  readonly index: number | null;
  readonly chosen: string | null;
  readonly cwBefore: number;
  readonly cwAfter: number;
  /** The gcd step cw went down by at the end of each walk. */
  readonly di: number;
  readonly mw: number;
  /** The cw of each further walk this pick needed (empty: found in the walk it was in). */
  readonly steps: readonly number[];
  /** cw went below 1 and started again at mw. */
  readonly wrapped: boolean;
  readonly error: IpvsSchedulerError | null;
}

const HEAD = -1;

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** ip_vs_wrr_gcd_weight: the gcd of the weights above 0, or 1 when none is. */
export function wrrGcdWeight(dests: readonly IpvsDest[]): number {
  let g = 0;
  for (const d of dests) if (d.weight > 0) g = g > 0 ? gcd(d.weight, g) : d.weight;
  return g || 1;
}

/** ip_vs_wrr_max_weight: the largest weight (0 for an empty list). */
export function wrrMaxWeight(dests: readonly IpvsDest[]): number {
  let w = 0;
  for (const d of dests) if (d.weight > w) w = d.weight;
  return w;
}

/** ip_vs_wrr_init_svc. */
export function wrrInit(dests: readonly IpvsDest[]): WrrState {
  const di = wrrGcdWeight(dests);
  const mw = wrrMaxWeight(dests) - (di - 1);
  return { cl: HEAD, cw: mw, mw, di };
}

/**
 * ip_vs_wrr_dest_changed (add_dest, del_dest and upd_dest alike): back to the head, di and mw
 * recomputed; cw kept unless above the new mw (or 0), else rounded down to a multiple of di,
 * plus 1, so a walk in progress carries on at the same level.
 */
export function wrrDestChanged(dests: readonly IpvsDest[], mark: WrrState, _change?: IpvsDestChange): void {
  mark.cl = HEAD;
  mark.di = wrrGcdWeight(dests);
  mark.mw = wrrMaxWeight(dests) - (mark.di - 1);
  if (mark.cw > mark.mw || mark.cw === 0) mark.cw = mark.mw;
  else if (mark.di > 1) mark.cw = Math.trunc(mark.cw / mark.di) * mark.di + 1;
}

/** ip_vs_wrr_schedule. */
export function wrrSchedule(dests: readonly IpvsDest[], mark: WrrState): WrrDecision {
  const cwBefore = mark.cw;
  const steps: number[] = [];
  let wrapped = false;
  const done = (index: number | null, error: IpvsSchedulerError | null): WrrDecision => ({
    scheduler: 'wrr',
    index,
    chosen: index === null ? null : dests[index]!.id,
    cwBefore,
    cwAfter: mark.cw,
    di: mark.di,
    mw: mark.mw,
    steps,
    wrapped,
    error,
  });
  let dest = mark.cl;
  // Every weight 0 (or no dest): mw is 0.
  if (mark.mw === 0) return done(null, 'no destination available');
  const last = dest;
  let stop: number | null = null;
  let lastPass = false;
  let restarted = false;
  // The kernel stops only once every dest was tested at weight >= 1 (the last walk): a walk
  // that wrapped past the head once and reached cw <= di again stops at `last`; one that
  // started at the head stops when cw wraps.
  for (;;) {
    for (dest = dest + 1; dest < dests.length; dest++) {
      const d = dests[dest]!;
      if (!d.overloaded && d.weight >= mark.cw) {
        mark.cl = dest;
        return done(dest, null);
      }
      if (dest === stop) {
        mark.cl = dest;
        return done(null, 'no destination available: all destinations are overloaded');
      }
    }
    dest = HEAD;
    mark.cw -= mark.di;
    if (mark.cw <= 0) {
      mark.cw = mark.mw;
      wrapped = true;
      if (lastPass || last === HEAD) {
        mark.cl = HEAD;
        return done(null, 'no destination available: all destinations are overloaded');
      }
      restarted = true;
    }
    steps.push(mark.cw);
    lastPass = mark.cw <= mark.di;
    if (lastPass && restarted && last !== HEAD) stop = last;
  }
}
