import type { IpHashCursor } from './algorithms/ipHash.ts';
import type { Peer } from './algorithms/peers.ts';
import type { IpvsService } from './ipvs.ts';
import type { RequestSpec } from './scenario.ts';
import type { NumberedRequest } from './traffic.ts';
import type { Drop, Header, Hop, NodeName, RequestRecord } from './types.ts';

/** Where a request is at its server: not there, waiting for a worker, or being served. */
export type AtServer = 'away' | 'queued' | 'serving';

/** One request in flight: its sockets, its balancer state, and (when recording) its record. */
export interface Flow extends IpHashCursor {
  /** Flows are reused; the slot is this one's handle in the event queue. */
  readonly slot: number;
  active: boolean;
  /**
   * Bumped whenever pending events of this flow stop applying (an attempt is abandoned, the
   * flow ends or is reused); events carry the epoch they were scheduled in.
   */
  epoch: number;
  id: number;
  spec: NumberedRequest;
  octets: [number, number, number];
  clientPort: number;
  /** The balancer that picked the server (-1 before), and its boot then. */
  balancer: number;
  boot: number;
  /** The balancer's source port toward the server, 0 before one is taken. */
  lbPort: number;
  /** Its conntrack key (natKey of the port and the server). */
  natKey: number;
  peer: Peer | null;
  /** Which of the balancer's upstream lists the peer came from (0, or 1 + an L7 rule). */
  upstream: number;
  /** Bit i set: the upstream's peer i was already tried for this request (nginx's `tried` bitmap). */
  triedPeers: number;
  atServer: AtServer;
  /** When the balancer sent the request to the server (read timeouts count from here). */
  sentAt: number;
  /** The current attempt's request reached the server (a POST is then never sent again). */
  sent: boolean;
  /** Retransmissions so far: the client's (request lost) and the server's (response lost). */
  clientTries: number;
  serverTries: number;
  /** When the client stops waiting (its deadline timer), or -1 while no trouble has armed it. */
  clientDeadlineAt: number;
  /** Cookies the request carries (the client's jar and the scenario's), or null for none. */
  cookies: Record<string, string> | null;
  /** L7 sticky cookie: the server index it names, or -1. */
  stickTo: number;
  /** The HTTP status the server answers with (200, or 401 when a session was lost). */
  status: number;
  /** Cookies the response sets, or null. */
  setCookie: Record<string, string> | null;
  rec: RequestRecord | null;
  /** With handshakes: the client's connection is open at the L7 balancer. */
  accepted: boolean;
  /** With handshakes: the current attempt's connection to the server is up. */
  connected: boolean;
  /** The first hop of the connection setup under way (what a handshake turns into segments). */
  setupFrom: number;
  /** Its place in its server's accept queue (FlowQueue), 0 while not queued. */
  queueTicket: number;
  /** SYNs of the current connection attempt sent again after a drop, and when its last SYN left. */
  synTries: number;
  synSentAt: number;
  /**
   * L4: the IPVS services counting this connection (the picking balancer's and, with sync, its
   * peer's copy), and whether it has reached ESTABLISHED there; null while none holds it.
   */
  ipvsAt: IpvsService | null;
  ipvsSync: IpvsService | null;
  ipvsActive: boolean;
}

/** A flow object for a new slot, idle until a request takes it (the engine sets every field then). */
export function blankFlow(slot: number, spec: NumberedRequest): Flow {
  return {
    slot,
    active: false,
    epoch: 0,
    id: 0,
    spec,
    octets: [0, 0, 0],
    clientPort: 0,
    balancer: -1,
    boot: 0,
    lbPort: 0,
    natKey: 0,
    peer: null,
    upstream: 0,
    triedPeers: 0,
    hash: 0,
    hashTries: 0,
    atServer: 'away',
    sentAt: 0,
    sent: false,
    clientTries: 0,
    serverTries: 0,
    clientDeadlineAt: -1,
    cookies: null,
    stickTo: -1,
    status: 200,
    setCookie: null,
    rec: null,
    accepted: false,
    connected: false,
    setupFrom: 0,
    queueTicket: 0,
    synTries: 0,
    synSentAt: 0,
    ipvsAt: null,
    ipvsSync: null,
    ipvsActive: false,
  };
}

/** An address as the trace writes it: "ip:port". */
export const endpoint = (ip: string, port: number): string => `${ip}:${port}`;

export function header(src: string, dst: string): Header {
  return { src, dst };
}

/** Simulated times are kept to the microsecond in the trace, so sums of delays read cleanly. */
export const roundToMicros = (ms: number): number => Math.round(ms * 1000) / 1000;

export function addHop(f: Flow, at: number, node: NodeName, dir: Hop['dir'], inH: Header | null, outH: Header | null, drop?: Drop): void {
  if (!f.rec) return;
  // Made whole, never extended: a property added later costs an allocation of its own.
  const t = roundToMicros(at);
  f.rec.hops.push(drop ? { at: t, node, dir, in: inH, out: outH, drop } : { at: t, node, dir, in: inH, out: outH });
}

/** The header the flow's packet carries as it last left a node. */
export function lastOut(f: Flow): Header | null {
  const hops = f.rec?.hops;
  if (!hops) return null;
  for (let i = hops.length - 1; i >= 0; i--) if (hops[i]!.out) return hops[i]!.out;
  return null;
}

export function newRecord(id: number, spec: RequestSpec): RequestRecord {
  return {
    id,
    // To the microsecond, as every time in the trace is.
    at: roundToMicros(spec.at),
    client: spec.client,
    method: spec.method,
    path: spec.path,
    server: null,
    balancer: null,
    outcome: 'ok',
    status: null,
    doneAt: spec.at,
    latencyMs: 0,
    dns: null,
    nat: null,
    decision: null,
    ipvs: null,
    hops: [],
    headers: null,
    setCookie: null,
    rule: null,
    sticky: false,
    session: null,
  };
}
