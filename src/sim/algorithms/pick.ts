import { ipHashPick, IP_HASH_MAX_TRIES, type IpHashCursor, type IpHashRound } from './ipHash.ts';
import { leastConnPick } from './leastConn.ts';
import {
  ineligibility, markAllLive, snapshotPeers, takePeer, type Ineligible, type Peer, type PeerSnapshot,
} from './peers.ts';
import { smoothWrrStep } from './smoothWrr.ts';

export const ALGORITHMS = ['round-robin', 'weighted-round-robin', 'ip-hash', 'least-connections'] as const;
export type Algorithm = (typeof ALGORITHMS)[number];

/** Everything the "why this server" panel needs to retell one decision. */
export interface Decision {
  algorithm: Algorithm;
  /** The picked peer's name, or null when none could be had (the balancer answers 503). */
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
  path: 'algorithm' | 'single' | 'ip-hash-fallback';
}

/** The request being placed; as an IpHashCursor it carries ip_hash's per-request state. */
export interface PickRequest extends IpHashCursor {
  /** The client's first three octets (ip_hash). */
  octets: readonly [number, number, number];
  /** Bit i set: peer i was already tried for this request. */
  tried: number;
}

/**
 * One upstream pick, as nginx 1.22 makes it, including the single-server path and the
 * "mark all live" reset when nothing is available. Takes the peer (conns + 1) on success.
 */
export function pickPeer(
  algorithm: Algorithm,
  peers: readonly Peer[],
  nowMs: number,
  req: PickRequest,
  explain: boolean,
): { peer: Peer | null; decision: Decision | null } {
  const nowS = Math.floor(nowMs / 1000);
  const before = explain ? snapshotPeers(peers) : null;
  const skipped: Decision['skipped'] = [];
  if (explain) {
    for (const p of peers) {
      const reason = ineligibility(p, nowS, req.tried);
      if (reason) skipped.push({ name: p.name, reason });
    }
  }
  let best: Peer | null = null;
  let total = 0;
  let tied: Peer[] | null = null;
  let rounds: IpHashRound[] | null = explain && algorithm === 'ip-hash' ? [] : null;
  let path: Decision['path'] = 'algorithm';

  if (peers.length === 1) {
    path = 'single';
    const p = peers[0]!;
    if (!p.down && !(p.maxConns && p.conns >= p.maxConns)) best = p;
  } else if (algorithm === 'ip-hash') {
    if (req.tries <= IP_HASH_MAX_TRIES) best = ipHashPick(peers, req.octets, req, nowS, req.tried, rounds);
    if (best === null) {
      path = 'ip-hash-fallback';
      ({ best, total } = smoothWrrStep(peers, nowS, req.tried));
    }
  } else if (algorithm === 'least-connections') {
    ({ best, tied, total } = leastConnPick(peers, nowS, req.tried));
  } else {
    ({ best, total } = smoothWrrStep(peers, nowS, req.tried));
  }

  if (best) {
    if (path !== 'single') takePeer(best, nowS);
    else best.conns++;
    req.tried |= 1 << best.index;
  } else {
    markAllLive(peers);
  }

  if (!explain || !before) return { peer: best, decision: null };
  if (rounds && rounds.length === 0) rounds = null;
  return {
    peer: best,
    decision: {
      algorithm,
      chosen: best?.name ?? null,
      before,
      after: snapshotPeers(peers),
      skipped,
      total,
      tied: tied ? tied.map((p) => p.name) : null,
      ipHash: rounds,
      path,
    },
  };
}
