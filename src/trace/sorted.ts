/**
 * The two questions the views and the reports ask of a sorted list: where does time t fall in
 * it (a binary search, so a frame costs log n however long the run), and what is its p-th
 * percentile.
 */

/** Index of the last item at or before t in a list sorted by time, or -1. */
export function lastAtOrBefore(times: ArrayLike<number>, t: number): number;
export function lastAtOrBefore<T>(list: ArrayLike<T>, t: number, at: (x: T) => number): number;
export function lastAtOrBefore<T>(list: ArrayLike<T>, t: number, at?: (x: T) => number): number {
  let lo = 0,
    hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const x = list[mid]!;
    if ((at ? at(x) : (x as number)) <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * The p-th percentile (0 < p ≤ 1) of ascending values by nearest rank: the smallest value with
 * at least p of them at or below it, always one of the values. Null when there are none.
 */
export function percentile(sorted: ArrayLike<number>, p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.max(0, Math.min(sorted.length - 1, Math.ceil(sorted.length * p) - 1))]!;
}
