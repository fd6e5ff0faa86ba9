import { nftablesPick } from '../../src/export/nftablesConfig.ts';
import { macOf } from '../../src/sim/forwarding.ts';
import type { Scenario, ServerConfig } from '../../src/sim/scenario.ts';
import type { Namespaces } from './netns.ts';

/** Where tcpdump listens: one link end, named for the file it writes (clients.pcap, s1.pcap …). */
export interface CapturePoint {
  file: string;
  where: string;
  device: string;
  /** The link end's MAC, so a frame a switch flooded past it is not taken for its own. */
  mac: string;
  role: 'client' | 'balancer' | 'server';
  /** The balancer it belongs to, where there are two (pairNetwork.ts): which one carried a connection. */
  node?: 'lb1' | 'lb2';
}

/** Each server's one link end, as tcpdump records it: `server-<name>.pcap` (a prefix, so no name clashes with clients.pcap). */
export const serverPoints = (servers: readonly ServerConfig[], made: ReadonlyMap<string, string>): CapturePoint[] =>
  servers.map((x) => ({ file: `server-${x.name}`, where: made.get(x.name)!, device: 'eth0', mac: macOf(x.ip), role: 'server' }));

/** The scenario's machines as namespaces, and where to watch them. */
export interface LabNetwork {
  client: string;
  lb: string;
  servers: Map<string, string>;
  points: CapturePoint[];
  /** The address the servers' programs listen on: null for their own, the VIP where it is not rewritten. */
  listenOn: string | null;
  /**
   * A balancer fails or comes back while requests flow (a scenario event on lb1 or lb2): the
   * event timeline (realLab.ts) calls it at the event's time. Networks with one balancer leave
   * it out, and the lab refuses balancer events there; the pair network (two balancers under
   * keepalived) sets it.
   */
  balancerEvent?: (action: 'fail' | 'restore', target: 'lb1' | 'lb2') => Promise<void> | void;
}

/** One connection lb1 sends where the engine sent it (the client's end names the connection). */
export interface Replayed {
  client: string;
  port: number;
  server: ServerConfig;
}

/**
 * The balancer in the path both ways: a client namespace holding every client address, lb1 with
 * the VIP on its outside link and its inside address on a bridge, one namespace per server on
 * that bridge, each server's default route via lb1. Full NAT and LVS-NAT run here (the answer
 * must come back through lb1 to be rewritten), and so does L7's nginx (l7Nginx.ts).
 *
 *   client ns  c0 ──veth── o0  lb1 ns  br0 ──veth── eth0  s1 ns
 *                                       └───veth── eth0  s2 ns …
 */
export function buildInPathNetwork(ns: Namespaces, s: Scenario, clients: readonly string[], servers: readonly ServerConfig[]): LabNetwork {
  const net = s.network;
  const lbIp = net.balancerIps[0]!;
  const client = ns.add('c');
  const lb = ns.add('lb1');
  const made = new Map(servers.map((x) => [x.name, ns.server(x.name)]));
  const clientMac = macOf(clients[0] ?? net.vip);
  // Each link end with the MAC the engine gives its machine; lb1's outside link holds the VIP
  // and takes the VIP's.
  ns.ip(null, [
    [
      'link',
      'add',
      'c0',
      'netns',
      client,
      'address',
      clientMac,
      'type',
      'veth',
      'peer',
      'name',
      'o0',
      'netns',
      lb,
      'address',
      macOf(net.vip),
    ],
    ...servers.map((x, i) => [
      'link',
      'add',
      'eth0',
      'netns',
      made.get(x.name)!,
      'address',
      macOf(x.ip),
      'type',
      'veth',
      'peer',
      'name',
      `b${i}`,
      'netns',
      lb,
    ]),
  ]);
  ns.ip(client, [
    ...clients.map((ip) => ['addr', 'add', `${ip}/32`, 'dev', 'c0']),
    ['link', 'set', 'c0', 'up'],
    ['route', 'add', 'default', 'dev', 'c0'],
  ]);
  ns.ip(lb, [
    ['link', 'add', 'br0', 'address', macOf(lbIp), 'type', 'bridge'],
    ['addr', 'add', `${lbIp}/24`, 'dev', 'br0'],
    ['link', 'set', 'br0', 'up'],
    ['addr', 'add', `${net.vip}/32`, 'dev', 'o0'],
    ['link', 'set', 'o0', 'up'],
    ...clients.map((ip) => ['route', 'add', `${ip}/32`, 'dev', 'o0']),
    ...servers.map((_, i) => ['link', 'set', `b${i}`, 'master', 'br0', 'up']),
  ]);
  ns.exec(lb, 'sysctl', ['-qw', 'net.ipv4.ip_forward=1']);
  for (const server of servers) {
    // The servers' gateway is lb1: their answers go back through it (LVS-NAT needs that).
    ns.ip(made.get(server.name)!, [
      ['addr', 'add', `${server.ip}/24`, 'dev', 'eth0'],
      ['link', 'set', 'eth0', 'up'],
      ['route', 'add', 'default', 'via', lbIp],
    ]);
  }
  // One file per link end, so no packet is written twice: lb1's two sides apart.
  const points: CapturePoint[] = [
    { file: 'clients', where: client, device: 'c0', mac: clientMac, role: 'client' },
    { file: 'lb1-outside', where: lb, device: 'o0', mac: macOf(net.vip), role: 'balancer' },
    { file: 'lb1-inside', where: lb, device: 'br0', mac: macOf(lbIp), role: 'balancer' },
    ...serverPoints(servers, made),
  ];
  return { client, lb, servers: made, points, listenOn: null };
}

/**
 * lb1's full NAT (`dnat` + `snat`), picking on its own. The kernel has no smooth weighted round
 * robin, ip_hash or least_conn: round robin is `numgen inc` over the servers (the same turns as
 * IPVS's rr and nginx's); weights become ranges of that counter (a run as long as each weight);
 * IP hash is the kernel's `jhash` of the source address (neither IPVS's sh nor nginx's hash).
 */
export function natRules(s: Scenario, servers: readonly ServerConfig[]): string {
  const up = servers.filter((x) => !x.down);
  const net = s.network;
  // Every server down: no server to send a connection to, so it is refused, as in the export
  // (nftablesConfig.ts); nftablesPick has no map to give.
  const pick = up.length ? `dnat ip to ${nftablesPick(s, up)}` : 'reject with tcp reset';
  const source = net.natSource === 'balancer' ? net.balancerIps[0]! : net.vip;
  return `table ip lab {
  chain pre {
    type nat hook prerouting priority dstnat; policy accept;
    ip daddr ${net.vip} tcp dport ${net.vipPort} ${pick}
  }
  chain post {
    type nat hook postrouting priority srcnat; policy accept;
    ip daddr ${insideOf(s)} snat ip to ${source}
  }
}
`;
}

/**
 * lb1 as LVS-NAT (ip_vs_nat_xmit): only the destination is rewritten, to the server the engine
 * chose for that connection; no `snat`, so the server sees the client. Its answer comes back
 * through lb1, its gateway, where conntrack turns the source back into the VIP.
 */
export function replayedDnatRules(s: Scenario, replay: readonly Replayed[]): string {
  const net = s.network;
  const map = replay.map((r) => `${r.client} . ${r.port} : ${r.server.ip} . ${r.server.port}`);
  return `table ip lab {
  chain pre {
    type nat hook prerouting priority dstnat; policy accept;
${map.length ? `    ip daddr ${net.vip} tcp dport ${net.vipPort} dnat ip to ip saddr . tcp sport map { ${map.join(', ')} }\n` : ''}  }
}
`;
}

/**
 * Full NAT replaying the engine's picks: LVS-NAT's map (replayedDnatRules) with full NAT's
 * `snat`, for the schedulers nftables has not (lc, wlc, persistence templates) and for runs
 * whose configuration changes on the way (forwardings.ts, replaysPicks).
 */
export function replayedFullNatRules(s: Scenario, replay: readonly Replayed[]): string {
  const net = s.network;
  const source = net.natSource === 'balancer' ? net.balancerIps[0]! : net.vip;
  return replayedDnatRules(s, replay).replace(
    /\n\}\n$/,
    `
  chain post {
    type nat hook postrouting priority srcnat; policy accept;
    ip daddr ${insideOf(s)} snat ip to ${source}
  }
}
`,
  );
}

/** The inside network, lb1's /24. */
export const insideOf = (s: Scenario): string => `${s.network.balancerIps[0]!.split('.').slice(0, 3).join('.')}.0/24`;
