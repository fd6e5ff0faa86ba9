import { createPeers, type Peer } from './algorithms/peers.ts';
import type { Flow } from './flow.ts';
import { createL7State, type L7State } from './l7.ts';

/**
 * One load balancer of the VRRP pair, as the simulation runs it: alive or not, its VRRP role,
 * its own upstream state (as two nginx processes each have theirs), its connection-tracking
 * table and its view of each server's health.
 */
export interface BalancerState {
  readonly index: number;
  readonly name: 'lb1' | 'lb2';
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
  /** Connection tracking: the balancer's port toward the server -> the flow. */
  conntrack: Map<number, Flow>;
  nextPort: number;
  /** Ports in use, by this balancer or (with sync) by its peer. */
  portUsed: Uint8Array;
  /** Active health checks: each server's state as this balancer sees it. */
  health: ServerHealth[];
  /** Invalidates master-down timers set before the last advert heard. */
  timerEpoch: number;
  /** L7: its response cache and each client's recent requests (for rate limits). */
  l7: L7State;
}

export interface Upstream {
  peers: Peer[];
  /** The current peer for each server, or undefined while it is not in this list. */
  peerOf: (Peer | undefined)[];
}

export interface ServerHealth {
  up: boolean;
  passes: number;
  fails: number;
}

// Linux's default ip_local_port_range, halved: with connection sync the two balancers must
// never hand out the same port, so each takes its own half.
const PORT_LOW = 32768;
const PORT_HALF = (61000 - PORT_LOW) >> 1;

export function createBalancer(index: number, ip: string, priority: number, startPort: number): BalancerState {
  return {
    index,
    name: index === 0 ? 'lb1' : 'lb2',
    ip,
    priority,
    alive: true,
    role: 'backup',
    boot: 0,
    upstreams: [],
    conntrack: new Map(),
    nextPort: startPort % PORT_HALF,
    portUsed: new Uint8Array(65536),
    health: [],
    timerEpoch: 0,
    l7: createL7State(),
  };
}

export function takePort(b: BalancerState): number {
  const base = PORT_LOW + b.index * PORT_HALF;
  let p = b.nextPort;
  for (let n = 0; n < PORT_HALF && b.portUsed[base + p]; n++) p = (p + 1) % PORT_HALF;
  b.nextPort = (p + 1) % PORT_HALF;
  b.portUsed[base + p] = 1;
  return base + p;
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
    const peers = createPeers(members.map(({ s, i }) => ({
      name: s.name,
      server: i,
      // nginx's plain round robin is smooth WRR with every weight 1.
      weight: plainRoundRobin ? 1 : s.weight,
      maxFails: passive.maxFails,
      failTimeoutMs: passive.failTimeoutMs,
      maxConns: s.maxConns,
      down: s.down || b.health[i]?.up === false,
    })));
    const peerOf: (Peer | undefined)[] = servers.map(() => undefined);
    for (const p of peers) {
      p.conns = previous?.peerOf[p.server]?.conns ?? 0;
      peerOf[p.server] = p;
    }
    return { peers, peerOf };
  });
}

/** VRRP's master-down interval: how long a backup waits without adverts before taking over. */
export function masterDownMs(advertMs: number, priority: number): number {
  return 3 * advertMs + ((256 - priority) * advertMs) / 256;
}
