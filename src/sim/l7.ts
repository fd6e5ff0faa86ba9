import { snapshotPeers, takePeer, ineligibility, type Peer } from './algorithms/peers.ts';
import type { Decision, NginxAlgorithm } from './algorithms/pick.ts';
import type { BalancerState } from './balancer.ts';
import type { Flow } from './flow.ts';
import { milliRate } from './limitRate.ts';
import type { RuleMatch, Scenario } from './scenario.ts';

/**
 * What an L7 balancer does with a request once it has read it: block it (a client over its
 * rate, or a denied path), answer it from its cache, or choose the servers that may take it
 * (a routing rule by path, header or cookie; a sticky cookie naming one server).
 */
export type L7Verdict =
  /** 403 for a denied path (nginx's `deny`); the limit's status (503 unless told) for the rate. */
  { kind: 'blocked'; status: number } | { kind: 'cached' } | { kind: 'forward'; upstream: number; rule: number | null };

/**
 * One client's leaky bucket, as nginx keeps it in its limit_req zone (nginx release-1.22.1,
 * src/http/modules/ngx_http_limit_req_module.c, ngx_http_limit_req_node_t): `excess` in
 * milli-requests (1000 = one request over the rate), `last` in whole milliseconds.
 */
export interface Bucket {
  excess: number;
  last: number;
}

/**
 * Per balancer: its cache (path -> fresh until) and its limit_req zone: each client's bucket,
 * least recently looked up first (the zone's LRU queue, which nginx expires from its tail).
 */
export interface L7State {
  cache: Map<string, number>;
  buckets: Map<string, Bucket>;
}

export function createL7State(): L7State {
  return { cache: new Map(), buckets: new Map() };
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

/** A scenario's per-client limit: `requests` per `perMs`, `burst` extra requests, answered `status`. */
export interface RateLimit {
  requests: number;
  perMs: number;
  burst: number;
  status: number;
}

export { milliRate } from './limitRate.ts';

/** `rate * ms / 1000` in nginx's unsigned integer arithmetic (exact while the product is). */
function leaked(rate: number, ms: number): number {
  const a = rate * ms;
  return (a - (a % 1000)) / 1000;
}

/**
 * nginx's limit_req for one request of `key` at `nowMs`, with `burst=<burst> nodelay` (nginx
 * release-1.22.1, ngx_http_limit_req_module.c, ngx_http_limit_req_lookup): true when it passes.
 *
 * A known key: `excess = excess - rate * ms / 1000 + 1000` (ms since its `last`, on nginx's
 * whole-millisecond clock), at least 0. Over `burst * 1000`: rejected, and the bucket is left as
 * it was (a rejected request does not count). Otherwise the bucket keeps the new excess and
 * `last = now` (nginx moves `last` only when ms != 0, which comes to the same). A new key starts
 * with excess 0 and passes. Every lookup moves the key to the head of the zone's LRU queue.
 *
 * `nodelay`: a request within the burst passes at once (ngx_http_limit_req_account returns no
 * delay); without it nginx would hold it until the bucket drains, which the lab does not model.
 */
export function limitReq(buckets: Map<string, Bucket>, limit: RateLimit, key: string, nowMs: number): boolean {
  const now = Math.floor(nowMs);
  const rate = milliRate(limit);
  const node = buckets.get(key);
  if (node) {
    buckets.delete(key);
    buckets.set(key, node);
    const ms = Math.max(0, now - node.last);
    const excess = Math.max(0, node.excess - leaked(rate, ms) + 1000);
    if (excess > limit.burst * 1000) return false;
    node.excess = excess;
    node.last = now;
    return true;
  }
  expire(buckets, rate, now);
  buckets.set(key, { excess: 0, last: now });
  return true;
}

/**
 * Before a new key is added, nginx frees up to two idle buckets from the LRU tail (nginx
 * release-1.22.1, ngx_http_limit_req_module.c, ngx_http_limit_req_expire with n = 1): the
 * oldest goes if it was last used 60 s ago or more and has drained (`excess - rate * ms / 1000
 * <= 0`), then the next one under the same test; the first that stays ends the search. A client
 * whose bucket went starts again from 0. (The forced expiry of a full zone is not modelled: the
 * zone is taken as large enough for every client.)
 */
function expire(buckets: Map<string, Bucket>, rate: number, now: number): void {
  for (let n = 1; n < 3; n++) {
    const oldest = buckets.entries().next();
    if (oldest.done) return;
    const [key, b] = oldest.value;
    const ms = Math.abs(now - b.last);
    if (ms < 60_000 || b.excess - leaked(rate, ms) > 0) return;
    buckets.delete(key);
  }
}

export function l7Verdict(s: Scenario, state: L7State, f: Flow, now: number): L7Verdict {
  const block = s.block;
  // nginx runs limit_req in the preaccess phase, before the access phase's `deny` (nginx
  // release-1.22.1, src/http/ngx_http_core_module.h, ngx_http_phases: NGX_HTTP_PREACCESS_PHASE
  // before NGX_HTTP_ACCESS_PHASE): a client over its rate gets the limit's status even on a
  // denied path, and a request that passes the limit has been counted even if `deny` stops it.
  if (block?.perClient && !limitReq(state.buckets, block.perClient, f.spec.client, now)) {
    return { kind: 'blocked', status: block.perClient.status };
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
  b: BalancerState,
  f: Flow,
  nowMs: number,
  algorithm: NginxAlgorithm,
  explain: boolean,
): { peer: Peer; decision: Decision | null } | null {
  if (f.stickTo < 0) return null;
  const u = b.upstreams[f.upstream]!;
  const peer = u.peerOf[f.stickTo];
  const nowS = Math.floor(nowMs / 1000);
  if (!peer || ineligibility(peer, nowS, f.triedPeers) !== null) return null;
  const before = explain ? snapshotPeers(u.peers) : [];
  takePeer(peer, nowS);
  f.triedPeers |= 1 << peer.index;
  return {
    peer,
    decision: explain
      ? {
          algorithm,
          chosen: peer.name,
          before,
          after: snapshotPeers(u.peers),
          skipped: [],
          total: 0,
          tied: null,
          ipHash: null,
          path: 'sticky',
        }
      : null,
  };
}
