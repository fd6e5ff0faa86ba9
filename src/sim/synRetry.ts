import type { BalancerState } from './balancer.ts';
import type { Simulation } from './engine.ts';
import { EventKind } from './eventKinds.ts';
import { addHop, endpoint, header, roundToMicros, type Flow } from './flow.ts';
import { CLIENT_NODE } from './nodes.ts';
import { RTO_MS, SYN_RETRIES } from './retries.ts';
import type { Drop, Header, Hop } from './types.ts';

/**
 * A SYN that went no further: a server's accept queue was full (its listen backlog; Linux drops
 * the SYN, tcp_abort_on_overflow 0), or an L4 balancer's NAT found no free tuple. Nothing answers,
 * so the sender retransmits its SYN one RTO after it last sent it, the RTO doubling from 1 s
 * (RFC 6298): 1 s, 3 s, 7 s, 15 s, 31 s and 63 s after the first (Linux tcp_syn_retries 6), and
 * gives up 127 s after the first. The sender is the client in L4 (it is the client's own
 * connection, through the NAT) and nginx in L7 (its connection to the server), which also gives
 * up at its proxy_connect_timeout, counted from its first SYN.
 */

/** A SYN's drop at `node` (the hop is already written when `node` is null). */
export function synDropped(sim: Simulation, f: Flow, node: string | null, arrived: Header | null, drop: Drop): void {
  if (node !== null) addHop(f, sim.now, node, 'request', arrived, null, drop);
  sim.armClientDeadline(f);
  const l7 = sim.scenario.mode === 'L7';
  const giveUpAt = f.synSentAt + RTO_MS * (2 ** (SYN_RETRIES + 1) - 1 - (2 ** f.synTries - 1));
  let connectDeadline = Infinity;
  if (l7) {
    // nginx's proxy_connect_timeout, armed at its first SYN's first drop.
    connectDeadline = f.sentAt + sim.scenario.timeouts.connectMs;
    if (f.synTries === 0) sim.flowEvent(Math.max(sim.now, Math.min(connectDeadline, giveUpAt)), EventKind.ReadTimeout, f);
  }
  // The next retransmission, or (after the last) the kernel's own give-up.
  const next = f.synSentAt + RTO_MS * 2 ** f.synTries;
  if (next < connectDeadline && (f.synTries < SYN_RETRIES || !l7)) sim.flowEvent(Math.max(sim.now, next), EventKind.SynRetry, f);
}

/** The sender's RTO ran out: it sends its SYN again, or (its retries spent) its connect() fails. */
export function synRetry(sim: Simulation, f: Flow): void {
  const l7 = sim.scenario.mode === 'L7';
  if (f.synTries >= SYN_RETRIES) {
    // L4: the client's connect() times out (ETIMEDOUT). (L7 gives up through its connect timeout.)
    if (!l7) sim.clientGivesUp(f);
    return;
  }
  f.synTries++;
  f.synSentAt = sim.now;
  const net = sim.scenario.network;
  if (!l7) {
    const sent = f.rec ? lastSent(f, CLIENT_NODE) : null;
    sendAgain(f, sim.now, CLIENT_NODE, sent?.out ?? header(endpoint(f.spec.client, f.clientPort), sim.vipEndpoint()));
    sim.flowEvent(sim.now + net.clientLatencyMs, EventKind.LbRequest, f);
    return;
  }
  const b = sim.balancers[f.balancer];
  // A balancer that died (or restarted) since has forgotten the connection: the client waits.
  if (!b || !b.alive || b.boot !== f.boot || !f.peer) return;
  const server = sim.servers[f.peer.server]!.config;
  const sent = f.rec ? lastSent(f, b.name) : null;
  sendAgain(f, sim.now, b.name, sent?.out ?? header(endpoint(b.ip, f.lbPort), endpoint(server.ip, server.port)));
  sim.flowEvent(sim.now + net.serverLatencyMs, EventKind.ServerRequest, f);
}

/**
 * The node's last request hop that sent something: a SYN sent again carries the same headers,
 * so its hop shares them (a swamped server's many retries then cost little memory).
 */
function lastSent(f: Flow, node: string): Hop | null {
  const hops = f.rec!.hops;
  for (let i = hops.length - 1; i >= 0; i--) {
    const h = hops[i]!;
    if (h.node === node && h.dir === 'request' && h.out) return h;
  }
  return null;
}

/** The sender's hop of a SYN sent again, made whole (as addHop makes its hops). */
function sendAgain(f: Flow, at: number, node: string, out: Header): void {
  f.rec?.hops.push({ at: roundToMicros(at), node, dir: 'request', in: null, out, retransmit: f.synTries });
}

/**
 * L4: a retransmitted SYN reaches balancer `b`. Its conntrack entry pins the connection to the
 * server picked at the first SYN, so the NAT sends it there again. False when `b` has no entry
 * for it (the VIP moved to a balancer that never saw it): it is then a new connection.
 */
export function synAgainThroughNat(sim: Simulation, f: Flow, b: BalancerState): boolean {
  if (f.lbPort === 0) return false;
  // (With sync the other balancer holds the entry too; a restart forgets it.)
  if ((b.index === f.balancer && b.boot !== f.boot) || b.conntrack.get(f.natKey) !== f || !f.peer) return false;
  const net = sim.scenario.network;
  const nat = f.rec?.nat;
  // The same rewrite as the first SYN's: the entry's own addresses.
  if (nat) {
    const sent = lastSent(f, b.name);
    addHop(f, sim.now, b.name, 'request', sent?.in ?? header(nat.client, nat.vip), sent?.out ?? header(nat.local, nat.server));
  }
  f.sentAt = sim.now + net.balancerMs;
  sim.flowEvent(f.sentAt + net.serverLatencyMs, EventKind.ServerRequest, f);
  return true;
}
