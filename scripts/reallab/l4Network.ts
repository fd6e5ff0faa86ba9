import type { Scenario, ServerConfig } from '../../src/sim/scenario.ts';
import type { Namespaces } from './netns.ts';

/**
 * The scenario's network, built for real: a client namespace holding every client address,
 * lb1 with the VIP on its outside link and its inside address on a bridge, and one namespace
 * per server on that bridge. In L4, lb1 is a Linux kernel full NAT (nftables `dnat` + `snat`,
 * with conntrack), as the lab's L4 copies; in L7 nginx runs there (l7Nginx.ts).
 *
 *   client ns  c0 ──veth── o0  lb1 ns  br0 ──veth── eth0  s1 ns
 *                                       └───veth── eth0  s2 ns …
 */
export interface L4Network {
  client: string;
  lb: string;
  servers: Map<string, string>;
}

export function buildL4Network(ns: Namespaces, s: Scenario, clients: readonly string[], servers: readonly ServerConfig[]): L4Network {
  const net = s.network;
  const client = ns.add('c');
  const lb = ns.add('lb1');
  ns.veth(client, 'c0', lb, 'o0');
  for (const ip of clients) ns.exec(client, 'ip', ['addr', 'add', `${ip}/32`, 'dev', 'c0']);
  ns.exec(client, 'ip', ['link', 'set', 'c0', 'up']);
  ns.exec(client, 'ip', ['route', 'add', 'default', 'dev', 'c0']);

  const lbIp = net.balancerIps[0]!;
  ns.exec(lb, 'ip', ['link', 'add', 'br0', 'type', 'bridge']);
  ns.exec(lb, 'ip', ['addr', 'add', `${lbIp}/24`, 'dev', 'br0']);
  ns.exec(lb, 'ip', ['link', 'set', 'br0', 'up']);
  ns.exec(lb, 'ip', ['addr', 'add', `${net.vip}/32`, 'dev', 'o0']);
  ns.exec(lb, 'ip', ['link', 'set', 'o0', 'up']);
  for (const ip of clients) ns.exec(lb, 'ip', ['route', 'add', `${ip}/32`, 'dev', 'o0']);
  ns.exec(lb, 'sysctl', ['-qw', 'net.ipv4.ip_forward=1']);

  const made = new Map<string, string>();
  servers.forEach((server, i) => {
    const name = ns.add(server.name);
    ns.veth(name, 'eth0', lb, `b${i}`);
    ns.exec(lb, 'ip', ['link', 'set', `b${i}`, 'master', 'br0', 'up']);
    ns.exec(name, 'ip', ['addr', 'add', `${server.ip}/24`, 'dev', 'eth0']);
    ns.exec(name, 'ip', ['link', 'set', 'eth0', 'up']);
    ns.exec(name, 'ip', ['route', 'add', 'default', 'via', lbIp]);
    made.set(server.name, name);
  });
  // In L7 nginx on lb1 takes the connections itself: no NAT.
  if (s.mode === 'L4') ns.exec(lb, 'nft', ['-f', '-'], natRules(s, servers));
  return { client, lb, servers: made };
}

/**
 * lb1's ruleset. The kernel has no smooth weighted round robin, ip_hash or least_conn: round
 * robin is `numgen inc` over the servers (the same turns as nginx's with equal weights);
 * weights become ranges of that counter (the same shares, not nginx's smooth order); IP hash
 * is the kernel's `jhash` of the source address (a different hash from nginx's).
 */
export function natRules(s: Scenario, servers: readonly ServerConfig[]): string {
  const up = servers.filter((x) => !x.down);
  const net = s.network;
  const target = (x: ServerConfig) => `${x.ip} . ${x.port}`;
  let pick: string;
  if (s.algorithm === 'ip-hash') {
    pick = `jhash ip saddr mod ${up.length} map { ${up.map((x, i) => `${i} : ${target(x)}`).join(', ')} }`;
  } else {
    const weighted = s.algorithm === 'weighted-round-robin';
    const entries: string[] = [];
    let from = 0;
    for (const x of up) {
      const w = weighted ? x.weight : 1;
      entries.push(`${w === 1 ? from : `${from}-${from + w - 1}`} : ${target(x)}`);
      from += w;
    }
    pick = `numgen inc mod ${from} map { ${entries.join(', ')} }`;
  }
  const source = net.natSource === 'balancer' ? net.balancerIps[0]! : net.vip;
  const inside = `${net.balancerIps[0]!.split('.').slice(0, 3).join('.')}.0/24`;
  return `table ip lab {
  chain pre {
    type nat hook prerouting priority dstnat; policy accept;
    ip daddr ${net.vip} tcp dport ${net.vipPort} dnat ip to ${pick}
  }
  chain post {
    type nat hook postrouting priority srcnat; policy accept;
    ip daddr ${inside} snat ip to ${source}
  }
}
`;
}
