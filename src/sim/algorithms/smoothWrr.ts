import { ineligibility, type Peer } from './peers.ts';

/**
 * nginx's smooth weighted round robin (ngx_http_upstream_get_peer): every eligible peer, in
 * configured order, gains its effective weight; the greatest current weight wins (the first on
 * a tie) and pays back the total. Effective weights lowered by failures recover by one per pick.
 * With every weight 1 this is plain round robin.
 *
 * `tiedWith`, when set, limits the step to peers whose conns/weight equals that peer's, from
 * index `from` on (least_conn's tie-break). The total paid back is left in `out.total`.
 */
export function smoothWrrStep(
  peers: readonly Peer[],
  nowS: number,
  triedPeers: number,
  out: { total: number },
  from = 0,
  tiedWith: Peer | null = null,
): Peer | null {
  let best: Peer | null = null;
  let total = 0;
  for (let i = from; i < peers.length; i++) {
    const p = peers[i]!;
    if (ineligibility(p, nowS, triedPeers) !== null) continue;
    if (tiedWith && p.conns * tiedWith.weight !== tiedWith.conns * p.weight) continue;
    p.currentWeight += p.effectiveWeight;
    total += p.effectiveWeight;
    if (p.effectiveWeight < p.weight) p.effectiveWeight++;
    if (best === null || p.currentWeight > best.currentWeight) best = p;
  }
  if (best) best.currentWeight -= total;
  out.total = total;
  return best;
}
