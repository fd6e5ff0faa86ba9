import type { Scenario, ServerConfig } from '../sim/scenario.ts';
import { preamble, type ExportOptions } from './common.ts';
import { Lines } from './lines.ts';

/**
 * The nftables ruleset of the lab's own kernel full NAT: the one the real lab loads on lb1 for
 * an L4 full-NAT scenario (scripts/reallab/l4Network.ts, natRules; scripts/export/configs.test.ts
 * holds the two alike). nftables picks the server at a connection's first packet (`dnat`) and
 * conntrack rewrites the rest of it both ways; `snat` makes the answers come back through it.
 * It is not IPVS: nftables has IPVS's rr, but not its wrr, lc, wlc or sh (the keepalived export
 * has the IPVS service).
 */
export function nftablesConfig(s: Scenario, o: ExportOptions): string {
  const net = s.network;
  const up = s.servers.filter((x) => !x.down);
  const l = new Lines();
  l.note(...preamble('nftables.conf', o, 'nft -c -f /etc/nftables.conf (nft -f loads it; nft delete table ip lab removes it)'));
  l.note(
    "The lab's own kernel full NAT (what its real lab loads on lb1): nftables picks each connection's server, not IPVS.",
    'Forwarding must be on: sysctl -w net.ipv4.ip_forward=1. The servers answer through this machine (their gateway).',
  );
  l.put('');
  l.open('table ip lab');
  l.open('chain pre');
  l.put('type nat hook prerouting priority dstnat; policy accept;');
  if (up.length === 0) {
    l.note('Every server is configured down: no server to send a connection to, so it is refused.');
    l.put(`ip daddr ${net.vip} tcp dport ${net.vipPort} reject with tcp reset`);
  } else {
    l.note(...PICK_NOTE[pickKind(s)]);
    l.put(`ip daddr ${net.vip} tcp dport ${net.vipPort} dnat ip to ${nftablesPick(s, up)}`);
  }
  l.close();
  l.open('chain post');
  l.put('type nat hook postrouting priority srcnat; policy accept;');
  l.note(
    `Full NAT: toward the servers the source becomes ${net.natSource === 'balancer' ? "this balancer's own address" : 'the VIP'}, so the answers come back here`,
    "and conntrack turns them back toward the client (the kernel keeps the client's port when it is free).",
  );
  l.put(snatRule(s));
  l.close();
  l.close();
  return l.text();
}

/** Full NAT's source rewrite toward the inside network (the balancers' /24, where the servers are). */
export function snatRule(s: Scenario): string {
  const net = s.network;
  const inside = `${net.balancerIps[0].split('.').slice(0, 3).join('.')}.0/24`;
  return `ip daddr ${inside} snat ip to ${net.natSource === 'balancer' ? net.balancerIps[0] : net.vip}`;
}

type PickKind = 'turns' | 'weighted' | 'no-least' | 'hash';

function pickKind(s: Scenario): PickKind {
  switch (s.algorithm) {
    case 'round-robin':
      return 'turns';
    case 'weighted-round-robin':
      return 'weighted';
    case 'least-connections':
    case 'weighted-least-connections':
      return 'no-least';
    case 'ip-hash':
      return 'hash';
  }
}

/**
 * The `dnat` target: a map from a counter or a hash to each server that is not down. The real
 * lab loads the same (scripts/reallab/l4Network.ts, natRules).
 */
export function nftablesPick(s: Scenario, up: readonly ServerConfig[]): string {
  const target = (x: ServerConfig) => `${x.ip} . ${x.port}`;
  if (pickKind(s) === 'hash') return `jhash ip saddr mod ${up.length} map { ${up.map((x, i) => `${i} : ${target(x)}`).join(', ')} }`;
  const weighted = pickKind(s) === 'weighted';
  const entries: string[] = [];
  let from = 0;
  for (const x of up) {
    const w = weighted ? x.weight : 1;
    entries.push(`${w === 1 ? from : `${from}-${from + w - 1}`} : ${target(x)}`);
    from += w;
  }
  return `numgen inc mod ${from} map { ${entries.join(', ')} }`;
}

const PICK_NOTE: Record<PickKind, string[]> = {
  turns: ["A counter (numgen inc) gives each new connection the next server: IPVS's rr and nginx's round robin alike."],
  weighted: [
    'A counter (numgen inc) over a range per server as long as its weight: each server takes that many new connections',
    "in a row. IPVS's wrr interleaves them (3, 2, 1 gives s1 s1 s2 s1 s2 s3; 5, 1, 1 gives s1 five times alike); nginx's is smooth.",
  ],
  'no-least': [
    'nftables has no least-connections pick: this counter (numgen inc) takes turns, as round robin.',
    "The keepalived export has IPVS's lc/wlc (lb_algo).",
  ],
  hash: [
    "The kernel's jhash of the client's address, modulo the servers: the same client, the same server, but neither",
    "IPVS's sh (hash_32 over 256 buckets) nor nginx's ip_hash picks the same one.",
  ],
};
