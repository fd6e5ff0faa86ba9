import { assertNever } from '../assertNever.ts';
import { ipHashPick, IP_HASH_MAX_TRIES, type IpHashCursor, type IpHashRound } from './ipHash.ts';
import { leastConnPick, tiedPeers } from './leastConn.ts';
import { ineligibility, snapshotPeers, takePeer, type Ineligible, type Peer, type PeerSnapshot } from './peers.ts';
import { smoothWrrStep } from './smoothWrr.ts';

/** nginx's balancing methods, under the lab's names: what L7 picks with. */
export const NGINX_ALGORITHMS = ['round-robin', 'weighted-round-robin', 'ip-hash', 'least-connections'] as const;
export type NginxAlgorithm = (typeof NGINX_ALGORITHMS)[number];

/**
 * Every algorithm a scenario may name. L4 picks with IPVS's scheduler of that name
 * (algorithms/ipvs/registry.ts), L7 with nginx's; weighted-least-connections is IPVS's wlc
 * alone (nginx's least_conn already weighs), so an L7 scenario naming it is refused.
 */
export const ALGORITHMS = [...NGINX_ALGORITHMS, 'weighted-least-connections'] as const;
export type Algorithm = (typeof ALGORITHMS)[number];

/** True for the algorithms nginx has: the only ones an L7 scenario may name. */
export function isNginxAlgorithm(a: Algorithm): a is NginxAlgorithm {
  return (NGINX_ALGORITHMS as readonly string[]).includes(a);
}

/** Everything the "why this server" panel needs to retell one decision. */
export interface Decision {
  algorithm: NginxAlgorithm;
  /** The picked peer's name, or null when none could be had (nginx answers 502 itself: noServer in upstream.ts). */
  chosen: string | null;
  before: PeerSnapshot[];
  after: PeerSnapshot[];
  /** Peers that could not take this request, and why. */
  skipped: { name: string; reason: Ineligible }[];
  /** Smooth WRR: the sum of effective weights paid back by the winner. */
  total: number;
  /** least_conn: the peers that shared the lowest conns/weight (null when one stood alone). */
  tied: string[] | null;
  /** ip_hash: each pass of the arithmetic, in order. */
  ipHash: IpHashRound[] | null;
  /** How the pick was made when not by the algorithm itself. */
  path: 'algorithm' | 'single' | 'ip-hash-fallback' | 'sticky';
}

/** The request being placed; as an IpHashCursor it carries ip_hash's per-request state. */
export interface PickRequest extends IpHashCursor {
  /** The client's first three octets (ip_hash). */
  octets: readonly [number, number, number];
  /** Bit i set: peer i was already tried for this request. */
  triedPeers: number;
}

/** Scratch for the details of the last pick; reused so the hot path allocates nothing. */
const last = { total: 0, tied: false, path: 'algorithm' as Decision['path'], rounds: null as IpHashRound[] | null };

/**
 * One upstream pick, as nginx 1.22 makes it, including the single-server path and the
 * "no live upstreams" answer when nothing is available. Takes the peer (conns + 1) on success.
 */
export function pickPeer(algorithm: NginxAlgorithm, peers: readonly Peer[], nowMs: number, req: PickRequest): Peer | null {
  const nowS = Math.floor(nowMs / 1000);
  last.total = 0;
  last.tied = false;
  last.path = 'algorithm';
  let best: Peer | null = null;
  if (peers.length === 0) {
    // Every server was removed from the upstream list: nothing to pick.
  } else if (peers.length === 1) {
    last.path = 'single';
    const p = peers[0]!;
    if (!p.down && !(p.maxConns && p.conns >= p.maxConns)) best = p;
  } else if (algorithm === 'ip-hash') {
    if (req.hashTries <= IP_HASH_MAX_TRIES) best = ipHashPick(peers, req.octets, req, nowS, req.triedPeers, last.rounds);
    if (best === null) {
      last.path = 'ip-hash-fallback';
      best = smoothWrrStep(peers, nowS, req.triedPeers, last);
    }
  } else if (algorithm === 'least-connections') {
    best = leastConnPick(peers, nowS, req.triedPeers, last);
  } else if (algorithm === 'round-robin' || algorithm === 'weighted-round-robin') {
    // nginx's plain round robin is smooth WRR with every weight 1 (reloadPeers sets them so).
    best = smoothWrrStep(peers, nowS, req.triedPeers, last);
  } else {
    assertNever(algorithm);
  }

  if (best) {
    if (last.path !== 'single') takePeer(best, nowS);
    else best.conns++;
    req.triedPeers |= 1 << best.index;
  }
  // Nothing usable: nginx 1.22 answers "no live upstreams" and leaves the failure counts as
  // they are (older versions reset them here).
  return best;
}

/** pickPeer, and an account of it: the state before and after, and the algorithm's workings. */
export function pickPeerExplained(
  algorithm: NginxAlgorithm,
  peers: readonly Peer[],
  nowMs: number,
  req: PickRequest,
): { peer: Peer | null; decision: Decision } {
  const nowS = Math.floor(nowMs / 1000);
  const before = snapshotPeers(peers);
  const skipped: Decision['skipped'] = [];
  for (const p of peers) {
    const reason = ineligibility(p, nowS, req.triedPeers);
    if (reason) skipped.push({ name: p.name, reason });
  }
  const tied = algorithm === 'least-connections' ? tiedPeers(peers, nowS, req.triedPeers) : [];
  const rounds: IpHashRound[] = [];
  last.rounds = rounds;
  let peer: Peer | null;
  try {
    peer = pickPeer(algorithm, peers, nowMs, req);
  } finally {
    last.rounds = null;
  }
  return {
    peer,
    decision: {
      algorithm,
      chosen: peer?.name ?? null,
      before,
      after: snapshotPeers(peers),
      skipped,
      total: last.total,
      tied: last.tied && last.path === 'algorithm' ? tied.map((p) => p.name) : null,
      ipHash: rounds.length ? rounds : null,
      path: last.path,
    },
  };
}
