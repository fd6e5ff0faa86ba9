import { releasePeer } from './algorithms/peers.ts';
import { serverPorts, type BalancerState } from './balancer.ts';
import type { Simulation } from './engine.ts';
import { FORWARDING } from './forwarding.ts';
import { roundToMicros, type Flow } from './flow.ts';
import { bindConn, closeConn, establishConn, touchTemplate } from './ipvs.ts';
import { syncs } from './vrrp.ts';

/**
 * The balancers' connection tracking: conntrack for the NAT modes and L7's own sockets, and, in
 * L4, IPVS's connection table (l4.ts) alongside. The kernel keys an entry by its tuple; the lab
 * by the port toward the server and the server (natKey), or, where nothing rewrites the source
 * port (LVS-NAT, direct routing, tunnelling), by the flow's own slot.
 */

/** Adds the flow to the balancer's connection tracking (and its peer's, with sync). */
export function track(sim: Simulation, b: BalancerState, f: Flow): void {
  const l7 = sim.scenario.mode === 'L7';
  const server = f.peer!.server;
  const ports = takesPorts(sim);
  b.conntrack.set(f.natKey, f);
  if (ports) serverPorts(b, server, l7).add(f.lbPort);
  const other = sim.balancers[1 - b.index]!;
  const synced = syncs(sim) && other.alive;
  if (synced) {
    other.conntrack.set(f.natKey, f);
    // In L7 the port is from this balancer's half, outside the other's own range.
    if (!l7 && ports) serverPorts(other, server, l7).add(f.lbPort);
  }
  if (!l7) ipvsBind(f, b, synced ? other : null);
}

/** Whether the balancer takes a port of its own toward the server: L7's sockets, and full NAT's SNAT. */
export function takesPorts(sim: Simulation): boolean {
  return sim.scenario.mode === 'L7' || FORWARDING[sim.scenario.forwarding].snat;
}

/**
 * L4: the new connection enters IPVS's table, counted inactive until ESTABLISHED
 * (ip_vs_bind_dest); with keepalived's lvs_sync_daemon the backup's IPVS holds a copy.
 */
function ipvsBind(f: Flow, b: BalancerState, other: BalancerState | null): void {
  const server = f.peer!.server;
  f.ipvsAt = b.ipvs;
  f.ipvsSync = other?.ipvs ?? null;
  f.ipvsActive = false;
  if (f.ipvsAt) bindConn(f.ipvsAt, server);
  if (f.ipvsSync) bindConn(f.ipvsSync, server);
}

/** L4: the client's handshake completed through the balancer: the connection is active (set_tcp_state). */
export function ipvsEstablish(f: Flow): void {
  if (f.ipvsActive || !f.peer || !f.ipvsAt) return;
  f.ipvsActive = true;
  establishConn(f.ipvsAt, f.peer.server);
  if (f.ipvsSync) establishConn(f.ipvsSync, f.peer.server);
}

/**
 * L4: the connection ended, gracefully (its close passed the balancer) or not (a reset, or the
 * client gave up). It stays in the table, counted inactive, until its state times out; a
 * persistence template's timer starts again.
 */
function ipvsClose(sim: Simulation, f: Flow, graceful: boolean): void {
  const svc = f.ipvsAt;
  if (!svc || !f.peer) return;
  const server = f.peer.server;
  closeConn(svc, server, f.ipvsActive, graceful, sim.now);
  if (f.ipvsSync) closeConn(f.ipvsSync, server, f.ipvsActive, graceful, sim.now);
  const persist = sim.scenario.persistenceTimeoutMs;
  if (persist > 0) touchTemplate(svc, f.spec.client, sim.now, persist);
  f.ipvsAt = null;
  f.ipvsSync = null;
  f.ipvsActive = false;
}

export function untrack(sim: Simulation, f: Flow): void {
  for (const b of sim.balancers) {
    if (b.conntrack.get(f.natKey) === f) {
      b.conntrack.delete(f.natKey);
      // The server is the key's low bits (natKey): f.peer may be gone already.
      if (takesPorts(sim)) b.ports[f.natKey & 63]?.delete(f.lbPort);
    }
  }
  if (f.rec?.nat && f.rec.nat.closedAt === null) f.rec.nat.closedAt = roundToMicros(sim.now);
}

/**
 * Ends the balancer's side of the current attempt: connection count, passive-failure record,
 * and in L4 IPVS's connection, closed gracefully or not.
 */
export function releaseAttempt(sim: Simulation, f: Flow, failed: boolean, graceful = !failed): void {
  if (f.lbPort === 0) return;
  ipvsClose(sim, f, graceful);
  const b = sim.balancers[f.balancer];
  if (b && b.alive && b.boot === f.boot && f.peer) {
    const u = b.upstreams[f.upstream]!;
    const peer = u.peerOf[f.peer.server];
    if (peer) releasePeer(peer, failed, Math.floor(sim.now / 1000), u.peers.length === 1);
  }
  untrack(sim, f);
  f.lbPort = 0;
}
