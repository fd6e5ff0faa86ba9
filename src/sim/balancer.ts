import { createPeers, type Peer } from './algorithms/peers.ts';
import type { Flow } from './flow.ts';
import type { IpvsService } from './ipvs.ts';
import { createL7State, type L7State } from './l7.ts';
import { balancerAt, type BalancerName } from './nodes.ts';
import { LINUX_PORT_HIGH, LINUX_PORT_LOW, PortSet, SNAT_PORT_HIGH, SNAT_PORT_LOW } from './ports.ts';

/**
 * One load balancer of the VRRP pair, as the simulation runs it: alive or not, its VRRP role,
 * its own upstream state (as two nginx processes each have theirs), its connection-tracking
 * table and its view of each server's health.
 */
export interface BalancerState {
  readonly index: number;
  readonly name: BalancerName;
  readonly ip: string;
  readonly priority: number;
  alive: boolean;
  role: 'master' | 'backup';
  /** Counts restarts: state from before a restart must not be touched. */
  boot: number;
  /**
   * Upstream lists, each with its own balancing state (as each nginx `upstream` block has):
   * 0 is every member server; 1 + k serves L7 routing rule k.
   */
  upstreams: Upstream[];
  /** Connection tracking: `natKey(port toward the server, server)` -> the flow. */
  conntrack: Map<number, Flow>;
  /** L7: where its next ephemeral port search starts, as an offset in its half of the range. */
  nextPort: number;
  /**
   * Source ports in use toward each server (a port is unique per destination, as Linux's
   * connect() and SNAT keep it), by this balancer or (with sync) by its peer; made at first use.
   */
  ports: (PortSet | undefined)[];
  /** Active health checks: each server's state as this balancer sees it. */
  health: ServerHealth[];
  /** Invalidates master-down timers set before the last advert heard. */
  timerEpoch: number;
  /** Counts the times it became master: a repeat of the gratuitous ARPs is for one of them. */
  masterEpoch: number;
  /** L7: its response cache and each client's recent requests (for rate limits). */
  l7: L7State;
  /** L4: its IPVS virtual service (ipvs.ts), made at first reload; null in L7 and after a failure. */
  ipvs: IpvsService | null;
}

export interface Upstream {
  peers: Peer[];
  /** The current peer for each server, or undefined while it is not in this list. */
  peerOf: (Peer | undefined)[];
}

/**
 * HAProxy's health counter (src/check.c, set_server_check_status): from 0 to rise + fall − 1;
 * the server is up from `rise` on. A pass adds one and, once at `rise`, jumps to the top; a
 * failure takes one off and, below `rise`, drops to 0 (down). keepalived's TCP_CHECK (L4) is
 * this counter with rise 1 and fall retry + 1 (health.ts). `up` false: keepalived has set the
 * server's IPVS weight to 0 (L4), HAProxy has it down (L7).
 */
export interface ServerHealth {
  up: boolean;
  health: number;
}

/**
 * One check's result, as HAProxy counts it (src/check.c, set_server_check_status): the new
 * health counter and whether the server is now up. It goes down only at 0, up only at rise.
 */
export function checkResult(h: ServerHealth, ok: boolean, hc: { rise: number; fall: number }): ServerHealth {
  const top = hc.rise + hc.fall - 1;
  let health = h.health;
  if (ok && health < top) health = health + 1 >= hc.rise ? top : health + 1;
  else if (!ok && health > 0) health = health - 1 < hc.rise ? 0 : health - 1;
  return { health, up: h.up ? health > 0 : health >= hc.rise };
}

/** HAProxy starts a server at health = rise: up, but it falls at the first failure (src/server.c). */
export function freshHealth(rise: number): ServerHealth {
  return { up: true, health: rise };
}

// Linux's default ip_local_port_range, halved: with connection sync the two balancers must
// never hand out the same port, so each takes its own half.
const PORT_HALF = (LINUX_PORT_HIGH + 1 - LINUX_PORT_LOW) >> 1;

export function createBalancer(index: number, ip: string, priority: number, startPort: number): BalancerState {
  return {
    index,
    name: balancerAt(index),
    ip,
    priority,
    alive: true,
    role: 'backup',
    boot: 0,
    upstreams: [],
    conntrack: new Map(),
    nextPort: startPort % PORT_HALF,
    ports: [],
    health: [],
    timerEpoch: 0,
    masterEpoch: 0,
    l7: createL7State(),
    ipvs: null,
  };
}

/** The conntrack key of a connection: its port toward the server, and the server. */
export const natKey = (port: number, server: number): number => port * 64 + server;

/**
 * The ports balancer `b` uses toward server `server`: L4's SNAT range (1024–65535), or, L7, its
 * own half of Linux's ephemeral range.
 */
export function serverPorts(b: BalancerState, server: number, l7: boolean): PortSet {
  let set = b.ports[server];
  if (!set) {
    const base = LINUX_PORT_LOW + b.index * PORT_HALF;
    set = l7 ? new PortSet(base, base + PORT_HALF - 1) : new PortSet(SNAT_PORT_LOW, SNAT_PORT_HIGH);
    b.ports[server] = set;
  }
  return set;
}

/**
 * Linux SNAT's source port (nf_nat_core.c, get_unique_tuple): the client's own port when the
 * rewritten tuple (source, port → server) is not in use, otherwise another from 1024–65535.
 * Which one the kernel then takes is its own choice (a hash); the lab takes the next free one
 * after the client's, found through the bitmap (never a probe of conntrack port by port).
 * 0 when every port toward that server is in use: the NAT finds no tuple.
 */
export function snatPort(b: BalancerState, clientPort: number, server: number): number {
  const set = serverPorts(b, server, false);
  return set.has(clientPort) ? set.nextFree(clientPort + 1) : clientPort;
}

/**
 * An L7 proxy's own connection: an ephemeral port, as connect() takes one, the search starting
 * after the last one taken; 0 when none is free toward that server (EADDRNOTAVAIL).
 */
export function takePort(b: BalancerState, server: number): number {
  const set = serverPorts(b, server, true);
  const p = set.nextFree(set.low + b.nextPort);
  if (p) b.nextPort = (p + 1 - set.low) % PORT_HALF;
  return p;
}

export interface UpstreamServer {
  name: string;
  member: boolean;
  weight: number;
  maxConns: number;
  down: boolean;
}

/**
 * Builds a balancer's upstream lists from the servers that are members (and, for each L7
 * rule, those it names), as an nginx reload does: the balancing state starts afresh; open
 * connections stay counted, since they are still open. A server its health checks found down
 * is `down` to the algorithm.
 */
export function reloadPeers(
  b: BalancerState,
  servers: readonly UpstreamServer[],
  rules: readonly (readonly string[])[],
  plainRoundRobin: boolean,
  passive: { maxFails: number; failTimeoutMs: number },
): void {
  const lists = [null, ...rules];
  b.upstreams = lists.map((only, k) => {
    const previous = b.upstreams[k];
    const members = servers.map((s, i) => ({ s, i })).filter(({ s }) => s.member && (!only || only.includes(s.name)));
    const peers = createPeers(
      members.map(({ s, i }) => ({
        name: s.name,
        server: i,
        // nginx's plain round robin is smooth WRR with every weight 1.
        weight: plainRoundRobin ? 1 : s.weight,
        maxFails: passive.maxFails,
        failTimeoutMs: passive.failTimeoutMs,
        maxConns: s.maxConns,
        down: s.down || b.health[i]?.up === false,
      })),
    );
    const peerOf: (Peer | undefined)[] = servers.map(() => undefined);
    for (const p of peers) {
      p.conns = previous?.peerOf[p.server]?.conns ?? 0;
      peerOf[p.server] = p;
    }
    return { peers, peerOf };
  });
}

export type VrrpVersion = 2 | 3;

/**
 * VRRP's skew time in ms, as keepalived 2.2 computes it in microseconds (vrrp.h,
 * VRRP_TIMER_SKEW): VRRPv2 (RFC 3768, keepalived's default) (256 − priority)/256 s, whatever
 * the advert interval; VRRPv3 (RFC 5798) (256 − priority)/256 × the advert interval.
 */
export function skewMs(version: VrrpVersion, advertMs: number, priority: number): number {
  const us =
    version === 3
      ? Math.floor(((256 - priority) * Math.floor(advertMs / 10) * 625) / 16)
      : Math.floor(((256 - priority) * 1_000_000) / 256);
  return us / 1000;
}

/** VRRP's master-down interval: how long a backup waits without adverts before taking over. */
export function masterDownMs(b: { advertIntervalMs: number; version: VrrpVersion }, priority: number): number {
  return 3 * b.advertIntervalMs + skewMs(b.version, b.advertIntervalMs, priority);
}
