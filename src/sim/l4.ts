import type { Peer } from './algorithms/peers.ts';
import type { BalancerState } from './balancer.ts';
import type { Simulation } from './engine.ts';
import { FORWARDING, macOf } from './forwarding.ts';
import { addHop, endpoint, header, type Flow } from './flow.ts';
import { ipvsPick } from './ipvs.ts';
import { releaseAttempt } from './conntrack.ts';
import { CLIENT_NODE } from './nodes.ts';
import type { Header } from './types.ts';

/**
 * L4 is the Linux kernel's balancer: IPVS under keepalived. This is its side of a connection:
 * the pick (ipvs.ts), the connection counts the schedulers read, and what each forwarding mode
 * (forwarding.ts) does to the packet and to the answer's path.
 */

/** IPVS picks a destination for a new connection; null when it has none (the caller answers). */
export function l4Pick(sim: Simulation, f: Flow, b: BalancerState): Peer | null {
  const svc = b.ipvs!;
  const r = ipvsPick(svc, sim.now, f.spec.client, f.clientPort, sim.scenario.persistenceTimeoutMs);
  if (f.rec) {
    f.rec.ipvs = r.decision;
    if (r.persistent) f.rec.persistent = true;
  }
  if (r.server === null) return null;
  const peer = b.upstreams[0]!.peerOf[r.server] ?? null;
  // The upstream's peer stands for the server in the engine (releasePeer takes this back).
  if (peer) peer.conns++;
  return peer;
}

/**
 * The connection's two sides as the balancer tracks them, and the request as it leaves the
 * balancer, per forwarding mode: full NAT rewrites both addresses, LVS-NAT the destination only,
 * direct routing the destination MAC only, tunnelling wraps the packet in an outer header.
 */
export function l4Rewrite(sim: Simulation, f: Flow, b: BalancerState, local: string, server: { ip: string; port: number }): Header {
  const mode = FORWARDING[sim.scenario.forwarding];
  const client = endpoint(f.spec.client, f.clientPort);
  const srv = endpoint(server.ip, server.port);
  if (mode.carries === 'ip') return header(mode.snat ? local : client, srv);
  const out = header(client, sim.vipEndpoint());
  if (mode.carries === 'mac') out.mac = { src: macOf(b.ip), dst: macOf(server.ip) };
  else out.outer = { src: b.ip, dst: server.ip };
  return out;
}

/** Whether the server answers the client itself (direct routing and tunnelling). */
export function answersDirectly(sim: Simulation): boolean {
  return sim.scenario.mode === 'L4' && !FORWARDING[sim.scenario.forwarding].answerViaBalancer;
}

/**
 * Direct routing or tunnelling: the server holds the VIP itself (on a non-ARPing interface) and
 * answers from it straight to the client, through its own router; the balancer never sees the
 * answer. The connection's close passes the balancer on the client's side (FIN_WAIT there).
 */
export function answerDirectly(sim: Simulation, f: Flow, serverName: string, reset: boolean, leftAt = sim.now): void {
  const net = sim.scenario.network;
  const toClient = header(sim.vipEndpoint(), endpoint(f.spec.client, f.clientPort));
  const at = leftAt + net.serverLatencyMs + net.clientLatencyMs;
  if (f.rec) {
    const last = f.rec.hops[f.rec.hops.length - 1];
    // A refusing server's reset hop is already written (from the VIP, as the SYN was to it).
    if (!(last && last.node === serverName && last.dir === 'response')) addHop(f, leftAt, serverName, 'response', null, toClient);
    if (reset) addHop(f, at, CLIENT_NODE, 'response', toClient, null, 'reset');
  }
  releaseAttempt(sim, f, false, !reset);
  if (reset) sim.finish(f, 'reset', null, at);
  else sim.finish(f, 'ok', f.status, at);
}
