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
  triedPeers: number,
  out: { total: number; tied: boolean },
): Peer | null {
  let best: Peer | null = null;
  let many = false;
  for (const p of peers) {
    if (ineligibility(p, nowS, triedPeers) !== null) continue;
    if (best === null || p.conns * best.weight < best.conns * p.weight) {
      best = p;
      many = false;
    } else if (p.conns * best.weight === best.conns * p.weight) {
      many = true;
    }
  }
  out.total = 0;
  out.tied = many;
  if (best === null || !many) return best;
  return smoothWrrStep(peers, nowS, triedPeers, out, best.index, best);
}

/** The peers least_conn found tied at the lowest conns/weight, for the explanation. */
export function tiedPeers(peers: readonly Peer[], nowS: number, triedPeers: number): Peer[] {
  let lowest: Peer | null = null;
  for (const p of peers) {
    if (ineligibility(p, nowS, triedPeers) !== null) continue;
    if (lowest === null || p.conns * lowest.weight < lowest.conns * p.weight) lowest = p;
  }
  const l = lowest;
  return l ? peers.filter((p) => ineligibility(p, nowS, triedPeers) === null && p.conns * l.weight === l.conns * p.weight) : [];
}
