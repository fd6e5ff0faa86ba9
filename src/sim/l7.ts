import { snapshotPeers, takePeer, ineligibility, type Peer } from './algorithms/peers.ts';
import type { Algorithm, Decision } from './algorithms/pick.ts';
import type { BalancerState } from './balancer.ts';
import type { Flow } from './flow.ts';
import type { RuleMatch, Scenario } from './scenario.ts';

/**
 * What an L7 balancer does with a request once it has read it: block it (denied path, or a
 * client over its rate), answer it from its cache, or choose the servers that may take it
 * (a routing rule by path, header or cookie; a sticky cookie naming one server).
 */
export type L7Verdict =
  | { kind: 'blocked'; status: 403 | 429 }
  | { kind: 'cached' }
  | { kind: 'forward'; upstream: number; rule: number | null };

/** Per balancer: its cache (path -> fresh until) and each client's recent request times. */
export interface L7State {
  cache: Map<string, number>;
  recent: Map<string, number[]>;
}

export function createL7State(): L7State {
  return { cache: new Map(), recent: new Map() };
}

export function matches(m: RuleMatch, f: Flow): boolean {
  if ('pathPrefix' in m) return f.spec.path.startsWith(m.pathPrefix);
  if ('header' in m) {
    const headers = f.spec.headers ?? {};
    const key = Object.keys(headers).find((k) => k.toLowerCase() === m.header.toLowerCase());
    return key !== undefined && headers[key] === m.equals;
  }
  return f.cookies?.[m.cookie] === m.equals;
}

export function l7Verdict(s: Scenario, state: L7State, f: Flow, now: number): L7Verdict {
  const block = s.block;
  // The rate limit counts every request first (nginx's limit_req runs before access rules).
  if (block?.perClient) {
    const { requests, perMs } = block.perClient;
    const times = (state.recent.get(f.spec.client) ?? []).filter((t) => t > now - perMs);
    times.push(now);
    state.recent.set(f.spec.client, times);
    if (times.length > requests) return { kind: 'blocked', status: 429 };
  }
  if (block?.pathPrefixes.some((p) => f.spec.path.startsWith(p))) return { kind: 'blocked', status: 403 };
  if (s.cache && f.spec.method === 'GET' && s.cache.pathPrefixes.some((p) => f.spec.path.startsWith(p))) {
    if ((state.cache.get(f.spec.path) ?? -Infinity) > now) return { kind: 'cached' };
  }
  const rule = s.rules.findIndex((r) => matches(r.match, f));
  return { kind: 'forward', upstream: rule + 1, rule: rule < 0 ? null : rule };
}

/** After a response passes the balancer: keep it if cacheable. */
export function l7Store(s: Scenario, state: L7State, f: Flow, now: number): void {
  if (s.cache && f.spec.method === 'GET' && f.status === 200 && s.cache.pathPrefixes.some((p) => f.spec.path.startsWith(p))) {
    state.cache.set(f.spec.path, now + s.cache.ttlMs);
  }
}

/**
 * A sticky cookie that names a usable server of the upstream: the request goes there, as
 * HAProxy's `cookie` persistence (or nginx Plus `sticky cookie`) sends it.
 */
export function stickyPeer(
  b: BalancerState, f: Flow, nowMs: number, algorithm: Algorithm, explain: boolean,
): { peer: Peer; decision: Decision | null } | null {
  if (f.stickTo < 0) return null;
  const u = b.upstreams[f.upstream]!;
  const peer = u.peerOf[f.stickTo];
  const nowS = Math.floor(nowMs / 1000);
  if (!peer || ineligibility(peer, nowS, f.tried) !== null) return null;
  const before = explain ? snapshotPeers(u.peers) : [];
  takePeer(peer, nowS);
  f.tried |= 1 << peer.index;
  return {
    peer,
    decision: explain
      ? { algorithm, chosen: peer.name, before, after: snapshotPeers(u.peers), skipped: [], total: 0, tied: null, ipHash: null, path: 'sticky' }
      : null,
  };
}
