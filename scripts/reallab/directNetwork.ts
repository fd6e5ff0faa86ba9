import { macOf } from '../../src/sim/forwarding.ts';
import type { Scenario, ServerConfig } from '../../src/sim/scenario.ts';
import { serverPoints, type CapturePoint, type LabNetwork, type Replayed } from './l4Network.ts';
import type { Namespaces } from './netns.ts';
import { tunnelDevice, tunnelEnd } from './tunnel.ts';

/**
 * The servers answer the client themselves (direct routing, IP tunnelling): lb1 is no longer in
 * the answer's path, so the client reaches the servers' segment through a router of its own, as
 * in LVS's own diagrams. lb1, the router and the servers share one switch (a bridge in a
 * namespace of its own, so a frame between two of them crosses no other's namespace). The
 * router sends the VIP's traffic onto the segment by ARP; lb1 holds the VIP on its link and
 * answers; each server holds it on `lo` with `arp_ignore=1` (answer ARP only for addresses on
 * the asking link) and `arp_announce=2` (never give the VIP as an ARP source), so only lb1
 * answers for it. The servers' gateway is the router, not lb1.
 *
 *   client ns  c0 ──veth── o0  gw ns  eth0 ──┐
 *                              lb1 ns eth0 ──┤ sw ns (br0)
 *                              s1 ns  eth0 ──┤
 *                              s2 ns  eth0 ──┘ …
 */
export function buildDirectNetwork(ns: Namespaces, s: Scenario, clients: readonly string[], servers: readonly ServerConfig[]): LabNetwork {
  const net = s.network;
  const lbIp = net.balancerIps[0]!;
  const gwIp = routerAddress(s, servers);
  const sw = ns.add('sw');
  const client = ns.add('c');
  const gw = ns.add('gw');
  const lb = ns.add('lb1');
  const made = new Map(servers.map((x) => [x.name, ns.server(x.name)]));
  // On the segment: each machine's eth0, with the MAC the engine gives it, into a switch port.
  const segment: [where: string, ip: string][] = [
    [gw, gwIp],
    [lb, lbIp],
    ...servers.map((x): [string, string] => [made.get(x.name)!, x.ip]),
  ];
  const clientMac = macOf(clients[0] ?? net.vip);
  ns.ip(null, [
    ['link', 'add', 'c0', 'netns', client, 'address', clientMac, 'type', 'veth', 'peer', 'name', 'o0', 'netns', gw],
    ...segment.map(([where, ip], i) => [
      'link',
      'add',
      'eth0',
      'netns',
      where,
      'address',
      macOf(ip),
      'type',
      'veth',
      'peer',
      'name',
      `p${i}`,
      'netns',
      sw,
    ]),
  ]);
  ns.ip(sw, [
    ['link', 'add', 'br0', 'type', 'bridge'],
    ['link', 'set', 'br0', 'up'],
    ...segment.map((_, i) => ['link', 'set', `p${i}`, 'master', 'br0', 'up']),
  ]);
  const onSegment = (ip: string) => [
    ['addr', 'add', `${ip}/24`, 'dev', 'eth0'],
    ['link', 'set', 'eth0', 'up'],
  ];

  ns.ip(client, [
    ...clients.map((ip) => ['addr', 'add', `${ip}/32`, 'dev', 'c0']),
    ['link', 'set', 'c0', 'up'],
    ['route', 'add', 'default', 'dev', 'c0'],
  ]);
  // The client asks ARP for every address; the router answers for those it routes elsewhere.
  ns.exec(gw, 'sysctl', ['-qw', 'net.ipv4.ip_forward=1', 'net.ipv4.conf.o0.proxy_arp=1']);
  ns.ip(gw, [
    ['link', 'set', 'o0', 'up'],
    ...onSegment(gwIp),
    ...clients.map((ip) => ['route', 'add', `${ip}/32`, 'dev', 'o0']),
    ['route', 'add', `${net.vip}/32`, 'dev', 'eth0'],
  ]);
  ns.ip(lb, [...onSegment(lbIp), ['addr', 'add', `${net.vip}/32`, 'dev', 'eth0'], ['route', 'add', 'default', 'via', gwIp]]);
  for (const server of servers) {
    const where = made.get(server.name)!;
    ns.exec(where, 'sysctl', ['-qw', 'net.ipv4.conf.all.arp_ignore=1', 'net.ipv4.conf.all.arp_announce=2']);
    ns.ip(where, [...onSegment(server.ip), ['addr', 'add', `${net.vip}/32`, 'dev', 'lo'], ['route', 'add', 'default', 'via', gwIp]]);
  }
  const points: CapturePoint[] = [
    { file: 'clients', where: client, device: 'c0', mac: clientMac, role: 'client' },
    { file: 'lb1', where: lb, device: 'eth0', mac: macOf(lbIp), role: 'balancer' },
    ...serverPoints(servers, made),
  ];
  // Nothing rewrites the destination: the servers take connections for the VIP itself.
  return { client, lb, servers: made, points, listenOn: net.vip };
}

/** The router's address on the segment: the highest in lb1's /24 that nobody else holds. */
function routerAddress(s: Scenario, servers: readonly ServerConfig[]): string {
  const taken = new Set([...s.network.balancerIps, ...servers.map((x) => x.ip), s.network.vip]);
  const prefix = s.network.balancerIps[0]!.split('.').slice(0, 3).join('.');
  for (let last = 254; last > 0; last--) if (!taken.has(`${prefix}.${last}`)) return `${prefix}.${last}`;
  throw new Error(`no free address left in ${prefix}.0/24 for the router`);
}

/**
 * Direct routing (ip_vs_dr_xmit) on lb1: an ingress rule of the `netdev` family, before the IP
 * stack, rewrites the Ethernet header of each packet for the VIP — source lb1's MAC, destination
 * the MAC of the server the engine chose for that connection — and sends it straight back out
 * onto the segment (`fwd`). The IP header is not touched.
 */
export function drRules(s: Scenario, replay: readonly Replayed[]): string {
  const net = s.network;
  const map = replay.map((r) => `${r.client} . ${r.port} : ${macOf(r.server.ip)}`);
  const rule = `ip daddr ${net.vip} tcp dport ${net.vipPort} ether saddr set ${macOf(net.balancerIps[0]!)} ether daddr set ip saddr . tcp sport map { ${map.join(', ')} } fwd to "eth0"`;
  return `table netdev lab {
  chain in {
    type filter hook ingress device "eth0" priority filter; policy accept;
${map.length ? `    ${rule}\n` : ''}  }
}
`;
}

/**
 * IP tunnelling (ip_vs_tunnel_xmit) on lb1: one tunnel to each server (tunnel.ts); a mark per
 * connection, set to the number of the server the engine chose, routes it into that server's
 * tunnel (`ip rule fwmark`, one routing table per tunnel). lb1 holds the VIP, so its own
 * addresses (the `local` table) are looked up after the marks, not before, or lb1 would take the
 * connection itself. Each server unwraps the packet on its tunnel's device and takes it for the
 * VIP on `lo`; its reverse-path filter is off, since its route to the client is not the tunnel.
 */
export async function tunnelling(
  ns: Namespaces,
  net: LabNetwork,
  s: Scenario,
  servers: readonly ServerConfig[],
  replay: readonly Replayed[],
): Promise<void> {
  const lbIp = s.network.balancerIps[0]!;
  ns.exec(net.lb, 'sysctl', ['-qw', 'net.ipv4.ip_forward=1']);
  const ends: Promise<void>[] = [];
  const lbCommands: string[][] = [];
  servers.forEach((server, i) => {
    const mark = String(i + 1),
      table = String(101 + i);
    const where = net.servers.get(server.name)!;
    ns.exec(where, 'sysctl', ['-qw', 'net.ipv4.conf.all.rp_filter=0', 'net.ipv4.conf.default.rp_filter=0']);
    tunnelDevice(ns, where, 'lbt');
    tunnelDevice(ns, net.lb, `lbt${mark}`);
    lbCommands.push(
      ['route', 'add', 'default', 'dev', `lbt${mark}`, 'table', table],
      ['rule', 'add', 'pref', table, 'fwmark', mark, 'lookup', table],
    );
    ends.push(tunnelEnd(ns, where, 'decap', 'lbt', server.ip, lbIp), tunnelEnd(ns, net.lb, 'encap', `lbt${mark}`, lbIp, server.ip));
  });
  ns.ip(net.lb, [...lbCommands, ['rule', 'add', 'pref', '1000', 'lookup', 'local'], ['rule', 'del', 'pref', '0']]);
  await Promise.all(ends);
  const map = replay.map((r) => `${r.client} . ${r.port} : ${servers.findIndex((x) => x.name === r.server.name) + 1}`);
  ns.exec(
    net.lb,
    'nft',
    ['-f', '-'],
    `table ip lab {
  chain pre {
    type filter hook prerouting priority mangle; policy accept;
${map.length ? `    ip daddr ${s.network.vip} tcp dport ${s.network.vipPort} meta mark set ip saddr . tcp sport map { ${map.join(', ')} }\n` : ''}  }
}
`,
  );
}
