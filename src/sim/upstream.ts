import { releasePeer, type Peer } from './algorithms/peers.ts';
import { isNginxAlgorithm, pickPeer, pickPeerExplained } from './algorithms/pick.ts';
import { natKey, snatPort, takePort, type BalancerState } from './balancer.ts';
import { releaseAttempt, track } from './conntrack.ts';
import { FORWARDING } from './forwarding.ts';
import { answerDirectly, answersDirectly, l4Pick, l4Rewrite } from './l4.ts';
import type { Simulation } from './engine.ts';
import { EventKind } from './eventKinds.ts';
import { balancerAt, CLIENT_NODE } from './nodes.ts';
import { IDEMPOTENT, RTO_MS } from './retries.ts';
import { addHop, endpoint, header, lastOut, roundToMicros, type Flow } from './flow.ts';
import { freeWorker } from './servers.ts';
import { acceptClient } from './handshake.ts';
import { l7Store, l7Verdict, stickyPeer } from './l7.ts';
import type { Drop } from './types.ts';
import { synAgainThroughNat, synDropped } from './synRetry.ts';

/**
 * The balancer's side of a request: it arrives at whoever holds the VIP, a server is picked,
 * the connection is tracked, and the response is rewritten back to the client.
 *
 * L4 is the Linux kernel's balancer, IPVS under keepalived (l4.ts, ipvs.ts): the server is
 * picked by IPVS's scheduler at the SYN and pinned; the packet is forwarded as the scenario's
 * forwarding mode says (forwarding.ts); a server's reset goes back to the client; nothing is
 * retried and no HTTP is ever spoken. L7 is nginx 1.22's HTTP proxy: after a failure it tries the next server
 * (proxy_next_upstream error timeout) and answers 502, or 504 after a final timeout, itself
 * (ngx_http_upstream.c, ngx_http_upstream_next). A balancer that has no state for a
 * connection (it was the other one's) can only refuse the server's packet: the client hears
 * nothing and gives up.
 */

/** The address the servers see as the source: the VIP (as in the notes) or the balancer's own. */
export function lbSourceIp(sim: Simulation, b: BalancerState): string {
  const net = sim.scenario.network;
  return net.natSource === 'vip' ? net.vip : b.ip;
}

export function lbRequest(sim: Simulation, f: Flow): void {
  const owner = sim.vipOwner;
  const b = sim.balancers[owner];
  const inH = f.rec ? header(endpoint(f.spec.client, f.clientPort), sim.vipEndpoint()) : null;
  if (!b || !b.alive) {
    // Nobody alive holds the VIP: the packet is lost and the client will retransmit.
    if (f.rec) addHop(f, sim.now, balancerAt(Math.max(0, owner)), 'request', inH, null, 'lost');
    sim.armClientDeadline(f);
    // The client retransmits one RTO after it sent (doubling each time).
    const resend = sim.now - sim.scenario.network.clientLatencyMs + RTO_MS * 2 ** f.clientTries;
    sim.flowEvent(Math.max(sim.now, resend), EventKind.ClientRetry, f);
    return;
  }
  if (sim.scenario.mode === 'L7' && sim.scenario.network.handshakes && acceptClient(sim, f, b)) return;
  // L4: a SYN sent again after a drop follows its conntrack entry, if this balancer holds it.
  if (sim.scenario.mode === 'L4' && f.lbPort !== 0) {
    if (synAgainThroughNat(sim, f, b)) return;
    releaseAttempt(sim, f, false, false);
  }
  f.balancer = b.index;
  f.boot = b.boot;
  if (f.rec) {
    f.rec.balancer = b.name;
    addHop(f, sim.now, b.name, 'request', inH, null);
    // L7: what follows is the balancer's own connection to a server.
    if (sim.scenario.mode === 'L7') f.setupFrom = f.rec.hops.length;
  }
  if (sim.scenario.mode === 'L7' && !l7Decide(sim, f, b)) return;
  forward(sim, f, b);
}

/** L7: the balancer has read the request; false when it answered it itself. */
function l7Decide(sim: Simulation, f: Flow, b: BalancerState): boolean {
  const net = sim.scenario.network;
  const verdict = l7Verdict(sim.scenario, b.l7, f, sim.now);
  if (verdict.kind === 'forward') {
    f.upstream = verdict.upstream;
    if (f.rec) f.rec.rule = verdict.rule;
    return true;
  }
  if (f.rec) addHop(f, sim.now + net.proxyMs, b.name, 'response', null, header(sim.vipEndpoint(), endpoint(f.spec.client, f.clientPort)));
  if (verdict.kind === 'cached') sim.finish(f, 'cached', 200, sim.now + net.proxyMs + net.clientLatencyMs);
  else sim.finish(f, 'blocked', verdict.status, sim.now + net.proxyMs + net.clientLatencyMs);
  return false;
}

/** Picks a server (or the next one, after a failure) and sends the request to it. */
export function forward(sim: Simulation, f: Flow, b: BalancerState): void {
  const net = sim.scenario.network;
  const l7 = sim.scenario.mode === 'L7';
  let peer: Peer | null;
  const algorithm = sim.algorithm;
  const sticky = l7 && sim.scenario.sticky && isNginxAlgorithm(algorithm) ? stickyPeer(b, f, sim.now, algorithm, f.rec !== null) : null;
  if (!l7) {
    peer = l4Pick(sim, f, b);
  } else if (!isNginxAlgorithm(algorithm)) {
    // The scenario's schema refuses IPVS-only algorithms in L7.
    throw new Error(`L7 has no ${algorithm}: nginx has no such balancing method`);
  } else if (sticky) {
    peer = sticky.peer;
    if (f.rec) {
      f.rec.decision = sticky.decision;
      f.rec.sticky = true;
    }
  } else if (f.rec) {
    const picked = pickPeerExplained(algorithm, b.upstreams[f.upstream]!.peers, sim.now, f);
    peer = picked.peer;
    f.rec.decision = picked.decision;
  } else {
    peer = pickPeer(algorithm, b.upstreams[f.upstream]!.peers, sim.now, f);
  }
  if (!peer) {
    noServer(sim, f, b, 'unavailable');
    return;
  }
  f.peer = peer;
  f.connected = false;
  const snat = l7 || FORWARDING[sim.scenario.forwarding].snat;
  const port = l7 ? takePort(b, peer.server) : snat ? snatPort(b, f.clientPort, peer.server) : f.clientPort;
  if (port === 0) {
    noPort(sim, f, b, peer);
    return;
  }
  f.lbPort = port;
  // Without SNAT the client's own port goes on, and two clients may share one: the flow's slot keys it.
  f.natKey = natKey(snat ? f.lbPort : 65_536 + f.slot, peer.server);
  track(sim, b, f);
  if (f.rec) {
    const server = sim.servers[peer.server]!.config;
    // L4 rewrites the client's packet; L7 opens a connection of its own, from its own address.
    const local = snat ? endpoint(l7 ? b.ip : lbSourceIp(sim, b), f.lbPort) : endpoint(f.spec.client, f.clientPort);
    const srv = endpoint(server.ip, server.port);
    const out = l7 ? header(local, srv) : l4Rewrite(sim, f, b, local, server);
    const last = f.rec.hops[f.rec.hops.length - 1]!;
    f.rec.server = peer.name;
    f.rec.nat = {
      client: endpoint(f.spec.client, f.clientPort),
      vip: sim.vipEndpoint(),
      local,
      server: srv,
      openedAt: roundToMicros(sim.now),
      closedAt: null,
    };
    // The first pick rewrites the arriving packet; a retry sends the request anew.
    if (!l7 && last.node === b.name && last.dir === 'request' && !last.out) last.out = out;
    else addHop(f, sim.now + (l7 ? net.proxyMs : 0), b.name, 'request', null, out);
    f.rec.headers = serverHeaders(sim, f, l7);
  }
  f.sentAt = sim.now + (l7 ? net.proxyMs : net.balancerMs);
  f.sent = false;
  if (l7) {
    // nginx's own connection: its first SYN leaves now.
    f.synTries = 0;
    f.synSentAt = f.sentAt;
  }
  sim.flowEvent(f.sentAt + net.serverLatencyMs, EventKind.ServerRequest, f);
}

/**
 * The headers as the server receives them. L7: nginx's `proxy_set_header X-Forwarded-For
 * $proxy_add_x_forwarded_for` appends the client's address to what arrived (one header,
 * whatever its case: HTTP header names are case-insensitive). L4: what the client sent.
 */
function serverHeaders(sim: Simulation, f: Flow, l7: boolean): Record<string, string> {
  const out: Record<string, string> = { Host: sim.scenario.network.serviceName };
  // Every incoming X-Forwarded-For, in order, joined as nginx joins repeated headers.
  const forwarded: string[] = [];
  for (const [k, v] of Object.entries(f.spec.headers ?? {})) {
    if (l7 && k.toLowerCase() === 'x-forwarded-for') forwarded.push(v);
    else out[k] = v;
  }
  if (f.cookies)
    out.Cookie = Object.entries(f.cookies)
      .map(([k, v]) => `${k}=${v}`)
      .join('; ');
  if (l7) out['X-Forwarded-For'] = [...forwarded, f.spec.client].join(', ');
  return out;
}

/**
 * No server to send to. L7: nginx answers the client itself, 502 (or 504 when the last try
 * timed out). L4: IPVS's scheduler found no destination; ip_vs_leave answers the SYN with ICMP
 * port unreachable, which the client's TCP takes as a refused connection (ECONNREFUSED), as it
 * would a reset: drawn as one.
 */
function noServer(sim: Simulation, f: Flow, b: BalancerState, outcome: 'unavailable' | 'timeout'): void {
  const net = sim.scenario.network;
  const toClient = header(sim.vipEndpoint(), endpoint(f.spec.client, f.clientPort));
  if (f.rec) f.rec.server = null;
  f.peer = null;
  if (sim.scenario.mode === 'L7') {
    if (f.rec) addHop(f, sim.now + net.proxyMs, b.name, 'response', null, toClient);
    sim.finish(f, outcome, outcome === 'timeout' ? 504 : 502, sim.now + net.proxyMs + net.clientLatencyMs);
    return;
  }
  const at = sim.now + net.balancerMs;
  if (f.rec) {
    addHop(f, at, b.name, 'response', null, toClient);
    addHop(f, at + net.clientLatencyMs, CLIENT_NODE, 'response', toClient, null, 'reset');
  }
  sim.finish(f, outcome, null, at + net.clientLatencyMs);
}

/**
 * No free port toward the picked server. L7: nginx's connect() fails at once (EADDRNOTAVAIL),
 * which it counts as an error: the next server, or 502 (ngx_event_connect_peer's NGX_DECLINED,
 * then proxy_next_upstream error). L4: the NAT finds no free tuple and drops the SYN; the client
 * sends it again.
 */
function noPort(sim: Simulation, f: Flow, b: BalancerState, peer: Peer): void {
  const l7 = sim.scenario.mode === 'L7';
  const u = b.upstreams[f.upstream]!;
  releasePeer(peer, l7, Math.floor(sim.now / 1000), u.peers.length === 1);
  f.peer = null;
  if (f.rec) f.rec.server = null;
  if (l7) {
    addHop(f, sim.now + sim.scenario.network.proxyMs, b.name, 'request', null, null, 'no-port');
    nextUpstream(sim, f, b, 'no-port');
    return;
  }
  const last = f.rec?.hops[f.rec.hops.length - 1];
  if (last) last.drop = 'no-port';
  synDropped(sim, f, null, null, 'no-port');
}

/**
 * The connection to the server failed: refused (the server's reset), or nothing answered.
 * L4: the reset goes back through the NAT to the client; L7: nginx tries the next server.
 */
export function upstreamFailed(sim: Simulation, f: Flow, why: Drop): void {
  const b = sim.balancers[f.balancer]!;
  sim.armClientDeadline(f);
  f.epoch++;
  if (sim.scenario.mode === 'L4') {
    resetThroughNat(sim, f, b);
    return;
  }
  if (f.rec) addHop(f, sim.now, b.name, 'response', why === 'refused' ? lastOut(f) : null, null, why);
  // nginx closes its connection: the server drops the request it held (queued or in service).
  leaveServer(sim, f);
  releaseAttempt(sim, f, true);
  // A balancer that died (or restarted) since has forgotten this request: the client waits.
  if (!b.alive || b.boot !== f.boot) return;
  nextUpstream(sim, f, b, why);
}

/** L7, after a failed try: nginx tries another server, or answers the client itself. */
function nextUpstream(sim: Simulation, f: Flow, b: BalancerState, why: Drop): void {
  // nginx 1.22 allows as many tries as the upstream has servers not marked `down`.
  const tries = b.upstreams[f.upstream]!.peers.filter((p) => !sim.servers[p.server]!.config.down).length;
  const triedCount = popcount(f.triedPeers);
  // nginx's proxy_next_upstream (error timeout): another server, unless every one was tried,
  // or a request not safe to send twice (POST) has already reached a server.
  if (triedCount >= tries || (f.sent && !IDEMPOTENT.has(f.spec.method))) {
    noServer(sim, f, b, why === 'timeout' ? 'timeout' : 'unavailable');
    return;
  }
  forward(sim, f, b);
}

/**
 * L4: the server's reset reaches the balancer, whose NAT rewrites it back to the client, as it
 * would any packet of the connection; a balancer that lost the connection's state drops it.
 */
function resetThroughNat(sim: Simulation, f: Flow, b: BalancerState): void {
  if (answersDirectly(sim) && f.peer) {
    // Direct routing or tunnelling: the server's reset went straight to the client, from the VIP.
    answerDirectly(sim, f, sim.servers[f.peer.server]!.config.name, true, sim.now - sim.scenario.network.serverLatencyMs);
    return;
  }
  const known = b.alive && b.boot === f.boot && b.conntrack.get(f.natKey) === f;
  // A kernel NAT sees no failure: nothing is marked against the server.
  releaseAttempt(sim, f, false, false);
  const arrived = lastOut(f);
  if (!known) {
    if (f.rec) addHop(f, sim.now, b.name, 'response', arrived, null, 'lost');
    return;
  }
  const net = sim.scenario.network;
  const toClient = header(sim.vipEndpoint(), endpoint(f.spec.client, f.clientPort));
  const at = sim.now + net.balancerMs;
  if (f.rec) {
    addHop(f, sim.now, b.name, 'response', arrived, toClient);
    addHop(f, at + net.clientLatencyMs, CLIENT_NODE, 'response', toClient, null, 'reset');
  }
  sim.finish(f, 'reset', null, at + net.clientLatencyMs);
}

/** Forgets whatever the flow holds at its server and balancer (it ends early). */
export function abandonUpstream(sim: Simulation, f: Flow): void {
  leaveServer(sim, f);
  releaseAttempt(sim, f, false, false);
}

/** The request leaves its server's queue or worker, if it holds one. */
function leaveServer(sim: Simulation, f: Flow): void {
  if (f.atServer !== 'away' && f.peer) {
    const st = sim.servers[f.peer.server]!;
    if (f.atServer === 'serving') {
      st.serving.delete(f);
      freeWorker(sim, st);
    } else st.queue.remove(f);
    f.atServer = 'away';
  }
}

export function lbResponse(sim: Simulation, f: Flow): void {
  const net = sim.scenario.network;
  // The response goes to the address the server saw: the VIP (whoever holds it now) or the
  // picking balancer's own address.
  // LVS-NAT: the servers' gateway is a floating inside address that moves with the VIP.
  const l4 = sim.scenario.mode === 'L4';
  const target = l4 && (net.natSource === 'vip' || !FORWARDING[sim.scenario.forwarding].snat) ? sim.vipOwner : f.balancer;
  const b = sim.balancers[target];
  const arrived = lastOut(f);
  if (!b || !b.alive) {
    if (f.rec) addHop(f, sim.now, balancerAt(Math.max(0, target)), 'response', arrived, null, 'lost');
    sim.armClientDeadline(f);
    sim.flowEvent(sim.now + RTO_MS * 2 ** f.serverTries, EventKind.ServerRetry, f);
    return;
  }
  const client = header(sim.vipEndpoint(), endpoint(f.spec.client, f.clientPort));
  if (b.conntrack.get(f.natKey) !== f) {
    // A balancer without this connection's state (it was the other one's) cannot know the
    // client: it answers the server's packet with a reset. The client hears nothing and waits
    // until it gives up.
    if (f.rec) addHop(f, sim.now, b.name, 'response', arrived, arrived && header(arrived.dst, arrived.src), 'reset');
    f.epoch++;
    sim.armClientDeadline(f);
    abandonUpstream(sim, f);
    return;
  }
  releaseAttempt(sim, f, false);
  const l7 = sim.scenario.mode === 'L7';
  if (l7) {
    l7Store(sim.scenario, b.l7, f, sim.now);
    const sticky = sim.scenario.sticky;
    if (sticky && f.peer && f.cookies?.[sticky.cookie] !== f.peer.name) f.setCookie = { ...f.setCookie, [sticky.cookie]: f.peer.name };
  }
  if (f.rec) {
    if (b.index !== f.balancer) f.rec.balancer = b.name;
    addHop(f, sim.now + (l7 ? net.proxyMs : 0), b.name, 'response', arrived, client);
  }
  sim.finish(f, 'ok', f.status, sim.now + (l7 ? net.proxyMs : net.balancerMs) + net.clientLatencyMs);
}

function popcount(x: number): number {
  let n = 0;
  for (let v = x >>> 0; v; v &= v - 1) n++;
  return n;
}
