import type { BalancerState } from './balancer.ts';
import type { Simulation } from './engine.ts';
import { EventKind } from './eventKinds.ts';
import { balancerAt, CLIENT_NODE } from './nodes.ts';
import type { ServerState } from './servers.ts';
import { addHop, endpoint, header, roundToMicros, type Flow } from './flow.ts';
import { answersDirectly } from './l4.ts';
import type { Header, TcpFlags, TcpSegment } from './types.ts';

/**
 * TCP's three-way handshake, when the scenario models it (`network.handshakes`). Links have
 * fixed delays, so a handshake costs exactly its round trip; the request's data sets out once
 * the SYN-ACK is back. In L4 the client's own handshake passes through the balancer's NAT to
 * the server, and the server is picked at the SYN. In L7 the balancer answers the client's SYN
 * itself and later opens a second connection, from its own address, to the server it picks.
 *
 * The packets sent before a connection was up (SYNs, and the RSTs of servers that refused
 * them) move from the record's hops to its `tcp` segments, so `hops` stays the path of the
 * request's data and of its response.
 */

const reverse = (h: Header): Header => header(h.dst, h.src);

function segment(f: Flow, at: number, node: string, flags: TcpFlags, inH: Header | null, outH: Header | null): void {
  const rec = f.rec!;
  (rec.tcp ??= []).push({ at: roundToMicros(at), node, flags, in: inH, out: outH, after: f.setupFrom });
}

/** Moves the hops from `f.setupFrom` on into the segments: they were connection setup. */
function hopsToSegments(f: Flow): void {
  const rec = f.rec!;
  const moved = rec.hops.splice(f.setupFrom);
  for (const h of moved) {
    const s: TcpSegment = {
      at: h.at,
      node: h.node,
      flags: h.dir === 'request' ? 'SYN' : 'RST',
      in: h.in,
      out: h.out,
      after: f.setupFrom,
    };
    if (h.drop) s.drop = h.drop;
    (rec.tcp ??= []).push(s);
  }
}

/**
 * L7: the client's SYN has reached balancer `b`, which completes the handshake itself; the
 * request arrives one client round trip later. False when the connection is already open.
 */
export function acceptClient(sim: Simulation, f: Flow, b: BalancerState): boolean {
  if (f.accepted) return false;
  f.accepted = true;
  const c = sim.scenario.network.clientLatencyMs;
  const toVip = header(endpoint(f.spec.client, f.clientPort), sim.vipEndpoint());
  if (f.rec) {
    f.setupFrom = 0;
    hopsToSegments(f);
    segment(f, sim.now, b.name, 'SYN', toVip, null);
    segment(f, sim.now, b.name, 'SYN-ACK', null, reverse(toVip));
    segment(f, sim.now + c, CLIENT_NODE, 'SYN-ACK', reverse(toVip), null);
    segment(f, sim.now + c, CLIENT_NODE, 'ACK', null, toVip);
    addHop(f, sim.now + c, CLIENT_NODE, 'request', null, toVip);
  }
  sim.flowEvent(sim.now + 2 * c, EventKind.Accepted, f);
  return true;
}

/**
 * The SYN has reached a working server, which answers SYN-ACK. L4: the answer goes back through
 * the balancer's NAT to the client (straight to it, in direct routing and tunnelling), whose ACK
 * and request follow the SYN's path. L7: the
 * balancer answers, and sends the request with its ACK. False when already connected.
 */
export function connectServer(sim: Simulation, f: Flow, st: ServerState, arrived: Header | null): boolean {
  if (f.connected) return false;
  f.connected = true;
  const net = sim.scenario.network;
  const s = net.serverLatencyMs;
  const lb = balancerAt(f.balancer);
  const l7 = sim.scenario.mode === 'L7';
  // Direct routing and tunnelling: the SYN-ACK goes from the server straight to the client.
  const direct = answersDirectly(sim);
  let dataAtServer: number;
  if (l7) {
    dataAtServer = sim.now + 2 * s;
    f.sentAt = sim.now + s;
  } else {
    const backAtClient = sim.now + s + (direct ? 0 : net.balancerMs) + net.clientLatencyMs;
    f.sentAt = backAtClient + net.clientLatencyMs + net.balancerMs;
    dataAtServer = f.sentAt + s;
  }
  if (f.rec && arrived) {
    hopsToSegments(f);
    const name = st.config.name;
    segment(f, sim.now, name, 'SYN', arrived, null);
    segment(f, sim.now, name, 'SYN-ACK', null, reverse(arrived));
    if (l7) {
      segment(f, sim.now + s, lb, 'SYN-ACK', reverse(arrived), null);
      segment(f, sim.now + s, lb, 'ACK', null, arrived);
      addHop(f, sim.now + s, lb, 'request', null, arrived);
    } else {
      const toVip = header(endpoint(f.spec.client, f.clientPort), sim.vipEndpoint());
      const backAtClient = sim.now + s + (direct ? 0 : net.balancerMs) + net.clientLatencyMs;
      if (!direct) segment(f, sim.now + s, lb, 'SYN-ACK', reverse(arrived), reverse(toVip));
      segment(f, backAtClient, CLIENT_NODE, 'SYN-ACK', reverse(toVip), null);
      segment(f, backAtClient, CLIENT_NODE, 'ACK', null, toVip);
      addHop(f, backAtClient, CLIENT_NODE, 'request', null, toVip);
      addHop(f, backAtClient + net.clientLatencyMs, lb, 'request', toVip, arrived);
    }
  }
  sim.flowEvent(dataAtServer, EventKind.Connected, f);
  return true;
}
