import type { Algorithm, Decision } from './algorithms/pick.ts';
import type { IpvsDecision } from './algorithms/ipvs/registry.ts';
import type { BalancerName } from './nodes.ts';

/** An address as the trace shows it: "ip:port". */
export type Endpoint = string;

export interface Header {
  src: Endpoint;
  dst: Endpoint;
  /**
   * Direct routing (forwarding "dr"): the Ethernet addresses the balancer wrote, the server's
   * MAC as destination, while the IP header stays client → VIP. Only on the balancer's outgoing
   * header and the server's incoming one.
   */
  mac?: { src: string; dst: string };
  /**
   * IP tunnelling (forwarding "tun"): the outer IP header (IP-in-IP, addresses without ports)
   * wrapped round the client's packet, balancer → server; the server takes it off.
   */
  outer?: { src: string; dst: string };
}

export type NodeName = string; // "client" | "lb1" | "lb2" | a server's name

export type Direction = 'request' | 'response';

/** Why a packet went no further at a hop. */
export type Drop =
  | 'lost' // nobody holds the VIP, or the node is down: the packet vanishes
  | 'refused' // the server refused the connection (RST)
  | 'timeout' // nothing answered in time
  | 'reset' // a balancer without the connection's state reset it
  /** A server's accept queue was full (its listen backlog): the kernel dropped the SYN (tcp_abort_on_overflow 0). */
  | 'overflow'
  /** connect() found no free ephemeral port toward the destination (EADDRNOTAVAIL): nothing was sent. */
  | 'no-port';

/** One stop of a packet: the headers as it arrived (`in`) and as it left (`out`). */
export interface Hop {
  at: number;
  node: NodeName;
  dir: Direction;
  in: Header | null;
  out: Header | null;
  /** Present when the packet ended here without going on. */
  drop?: Drop;
  /**
   * Present on the hop that sends a SYN again after one was dropped (a full accept queue, or a
   * balancer with no port for it): 1 for the first retransmission (1 s after the first SYN), 2
   * (3 s), 3 (7 s) … (RFC 6298's initial RTO, doubled; Linux tcp_syn_retries). The sender's hop:
   * the client's in L4, the balancer's in L7.
   */
  retransmit?: number;
}

export type TcpFlags = 'SYN' | 'SYN-ACK' | 'ACK' | 'RST';

/**
 * One TCP segment of a connection's setup at one node, shaped like a hop. `after` is how many
 * of the record's hops came before it, so hops and segments merge in the order they happened.
 */
export interface TcpSegment {
  at: number;
  node: NodeName;
  flags: TcpFlags;
  in: Header | null;
  out: Header | null;
  drop?: Drop;
  after: number;
}

/** An active health check: one balancer's probe of one server. */
export interface ProbeRecord {
  at: number;
  doneAt: number;
  balancer: BalancerName;
  server: string;
  ok: boolean;
}

/** A balancer's view of a server changing after enough probes (HAProxy's fall/rise). */
export interface HealthChange {
  at: number;
  balancer: BalancerName;
  server: string;
  state: 'up' | 'down';
}

/** What the VRRP pair did: adverts, roles, the gratuitous ARP that moves the VIP. */
export interface VrrpRecord {
  at: number;
  balancer: BalancerName;
  kind: 'advert' | 'master' | 'backup' | 'garp' | 'fail' | 'restore';
  /** A 'garp' stands for a burst of gratuitous ARPs sent back to back: how many. */
  count?: number;
  /** A 'garp' burst repeated after the takeover's (keepalived's garp_master_delay). */
  repeat?: true;
}

/** One setting of the configuration in force, as it is from some time on. */
export type ConfigSetting =
  | { kind: 'algorithm'; algorithm: Algorithm }
  | { kind: 'weight'; server: string; weight: number }
  /** Whether the upstream lists the server (add-server, remove-server). */
  | { kind: 'member'; server: string; member: boolean }
  /** The generated load from then on. */
  | { kind: 'load'; clients: string[]; ratePerSec: number }
  /** A server or a balancer ("lb1", "lb2") failed or restored. */
  | { kind: 'failed'; node: NodeName; failed: boolean };

/**
 * A change the engine made to the configuration in force, at the time it made it. Written when
 * a scenario event (or a user's action) is applied, so a view replays these to know the
 * configuration at any time, and never interprets the events again.
 */
export type ConfigChange = { at: number } & ConfigSetting;

/** 'no-port': the client's connect() found no free ephemeral port toward the VIP (EADDRNOTAVAIL) and failed at once. */
export const OUTCOMES = ['ok', 'cached', 'blocked', 'unavailable', 'reset', 'timeout', 'no-port'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** The balancer's connection-tracking entry for one flow (full NAT). */
export interface NatEntry {
  /** Client side: the client's socket and the VIP it addressed. */
  client: Endpoint;
  vip: Endpoint;
  /** Server side: the balancer's socket toward the server, and the server's. */
  local: Endpoint;
  server: Endpoint;
  openedAt: number;
  closedAt: number | null;
}

export interface DnsLookup {
  at: number;
  answeredAt: number;
  name: string;
  answer: string;
}

/** Everything that happened to one request, as the command line prints it. */
export interface RequestRecord {
  id: number;
  at: number;
  client: string;
  method: string;
  path: string;
  /** The server that was chosen, or null when none was. */
  server: string | null;
  /** The balancer that handled it. */
  balancer: NodeName | null;
  outcome: Outcome;
  /** HTTP status the client got, or null when no response came. */
  status: number | null;
  /** When the client got its answer (or gave up). */
  doneAt: number;
  latencyMs: number;
  dns: DnsLookup | null;
  nat: NatEntry | null;
  /** L7: nginx's pick, with its workings; null in L4. */
  decision: Decision | null;
  /** L4: IPVS's scheduler's pick, with its workings (null in L7, or when a persistence template chose). */
  ipvs: IpvsDecision | null;
  /** L4 persistence (keepalived's persistence_timeout): the client's template sent it to its server. */
  persistent?: true;
  hops: Hop[];
  /** The HTTP headers as the server received them (Host, Cookie; X-Forwarded-For in L7). */
  headers: Record<string, string> | null;
  /** Cookies the response set (an L7 sticky cookie, a login's session). */
  setCookie: Record<string, string> | null;
  /** L7: the index of the routing rule that chose the servers, or null for all of them. */
  rule: number | null;
  /** L7: the sticky cookie sent the request to its server, without the algorithm. */
  sticky: boolean;
  /** A login session: made by this request, found on the server, or lost (another server). */
  session: 'created' | 'found' | 'lost' | null;
  /** With `network.handshakes`: the handshakes' segments (L4: one, end to end; L7: two). */
  tcp?: TcpSegment[];
}
