/**
 * The balancer's view of its upstream servers, field for field as nginx 1.22 keeps them in
 * `ngx_http_upstream_rr_peer_t`, so that every algorithm can be checked against a real nginx.
 * Times here are whole seconds, because nginx compares `ngx_time()` seconds for fail_timeout.
 */
export interface Peer {
  /** Position in the upstream list (nginx's `tried` bit). */
  readonly index: number;
  /** The simulation's server this peer stands for. */
  readonly server: number;
  readonly name: string;
  /** Configured weight. */
  weight: number;
  /** Lowered by failures, recovers by one per pick (smooth WRR). */
  effectiveWeight: number;
  /** Smooth WRR accumulator. */
  currentWeight: number;
  /** Open connections from the balancer to this peer. */
  conns: number;
  fails: number;
  /** Time (s) of the last failure. */
  accessed: number;
  /** Time (s) the failure window was last (re)started. */
  checked: number;
  /** Taken out by configuration or by the active health check. */
  down: boolean;
  maxFails: number;
  failTimeoutS: number;
  /** 0 = unlimited. */
  maxConns: number;
}

export interface PeerConfig {
  name: string;
  /** The simulation's server index; defaults to the position in the list. */
  server?: number;
  weight: number;
  maxFails: number;
  failTimeoutMs: number;
  maxConns: number;
  down?: boolean;
}

export function createPeers(configs: readonly PeerConfig[]): Peer[] {
  return configs.map((c, index) => ({
    index,
    server: c.server ?? index,
    name: c.name,
    weight: c.weight,
    effectiveWeight: c.weight,
    currentWeight: 0,
    conns: 0,
    fails: 0,
    accessed: 0,
    checked: 0,
    down: c.down ?? false,
    maxFails: c.maxFails,
    failTimeoutS: Math.floor(c.failTimeoutMs / 1000),
    maxConns: c.maxConns,
  }));
}

/** Why a peer could not be picked, in the order nginx tests it. */
export type Ineligible = 'tried' | 'down' | 'failed' | 'max-conns';

export function ineligibility(p: Peer, nowS: number, triedPeers: number): Ineligible | null {
  if (triedPeers & (1 << p.index)) return 'tried';
  if (p.down) return 'down';
  if (p.maxFails && p.fails >= p.maxFails && nowS - p.checked <= p.failTimeoutS) return 'failed';
  if (p.maxConns && p.conns >= p.maxConns) return 'max-conns';
  return null;
}

/** What every algorithm does to the winner (nginx: after get_peer). */
export function takePeer(p: Peer, nowS: number): void {
  if (nowS - p.checked > p.failTimeoutS) p.checked = nowS;
  p.conns++;
}

/**
 * nginx's free_round_robin_peer: the connection to the peer ended, well or badly.
 * A failure lowers the effective weight by weight/max_fails and may take the peer out for
 * fail_timeout; a success after the window clears the failure count.
 */
export function releasePeer(p: Peer, failed: boolean, nowS: number, single: boolean): void {
  if (single) {
    p.conns--;
    return;
  }
  if (failed) {
    p.fails++;
    p.accessed = nowS;
    p.checked = nowS;
    if (p.maxFails) p.effectiveWeight -= Math.floor(p.weight / p.maxFails);
    if (p.effectiveWeight < 0) p.effectiveWeight = 0;
  } else if (p.accessed < p.checked) {
    p.fails = 0;
  }
  p.conns--;
}

/** Per-peer state copied for an explanation panel. */
export interface PeerSnapshot {
  name: string;
  weight: number;
  effectiveWeight: number;
  currentWeight: number;
  conns: number;
  fails: number;
  down: boolean;
}

export function snapshotPeers(peers: readonly Peer[]): PeerSnapshot[] {
  return peers.map((p) => ({
    name: p.name,
    weight: p.weight,
    effectiveWeight: p.effectiveWeight,
    currentWeight: p.currentWeight,
    conns: p.conns,
    fails: p.fails,
    down: p.down,
  }));
}
