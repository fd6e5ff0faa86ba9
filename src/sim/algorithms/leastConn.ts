import { ineligibility, type Peer } from './peers.ts';
import { smoothWrrStep } from './smoothWrr.ts';

/**
 * nginx's least_conn: the eligible peer with the lowest conns/weight, compared by cross
 * multiplication (`p.conns * best.weight < best.conns * p.weight`). When several share that
 * lowest ratio, the smooth WRR step runs over those tied peers only.
 */
export function leastConnPick(
  peers: readonly Peer[],
  nowS: number,
  tried: number,
): { best: Peer | null; tied: Peer[] | null; total: number } {
  let best: Peer | null = null;
  let many = false;
  for (const p of peers) {
    if (ineligibility(p, nowS, tried) !== null) continue;
    if (best === null || p.conns * best.weight < best.conns * p.weight) {
      best = p;
      many = false;
    } else if (p.conns * best.weight === best.conns * p.weight) {
      many = true;
    }
  }
  if (best === null || !many) return { best, tied: null, total: 0 };
  const lowest = best;
  const tied = peers.filter(
    (p) => p.index >= lowest.index && ineligibility(p, nowS, tried) === null &&
      p.conns * lowest.weight === lowest.conns * p.weight,
  );
  const step = smoothWrrStep(peers, nowS, tried, lowest.index, lowest);
  return { best: step.best, tied, total: step.total };
}
