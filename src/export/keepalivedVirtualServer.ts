import { IPVS_SCHEDULERS } from '../sim/algorithms/ipvs/registry.ts';
import { keepalivedRealServerOrder } from '../sim/algorithms/ipvs/list.ts';
import { FORWARDING, type Forwarding } from '../sim/forwarding.ts';
import type { Scenario, ServerConfig } from '../sim/scenario.ts';
import { insideGateway } from '../sim/topology.ts';
import type { Lines } from './lines.ts';
import { snatRule } from './nftablesConfig.ts';

/**
 * keepalived's `virtual_server` for an L4 scenario: the IPVS service the kernel balances with
 * (lb_algo, lb_kind, persistence_timeout) and each real_server with its weight and TCP_CHECK.
 * keepalived's timers are seconds, with decimals down to the microsecond (read_timer,
 * lib/parser.c).
 */
export function virtualServer(l: Lines, s: Scenario): void {
  const net = s.network;
  const hc = s.healthCheck;
  const scheduler = IPVS_SCHEDULERS[s.algorithm];
  const mode = FORWARDING[s.forwarding];
  l.note(
    "IPVS's virtual service: the Linux kernel balances the VIP's connections itself (LVS);",
    'keepalived sets the service up, checks the real servers and changes their weights.',
  );
  l.open(`virtual_server ${net.vip} ${net.vipPort}`);
  if (hc) {
    l.note(`keepalived's checks: the next one ${seconds(hc.intervalMs)} s after each check ended (the lab's intervalMs).`);
    l.put(`delay_loop ${seconds(hc.intervalMs)}`);
  }
  l.note(`IPVS's ${scheduler.kernel} scheduler (${scheduler.source}):`, ...SCHEDULER_NOTE[scheduler.kernel]);
  l.put(`lb_algo ${scheduler.kernel}`);
  l.note(...FORWARDING_NOTE[s.forwarding](s));
  l.put(`lb_kind ${mode.lbKind}`);
  if (s.persistenceTimeoutMs > 0) {
    l.note(
      `A client's connections go to the server its first one went to while it keeps coming back within ${s.persistenceTimeoutMs / 1000} s`,
      "(IPVS's persistence template). The lab drops a template whose server has weight 0 (checked down); so does",
      'the kernel with: sysctl -w net.ipv4.vs.expire_quiescent_template=1 (by default it keeps sending the client there).',
    );
    l.put(`persistence_timeout ${s.persistenceTimeoutMs / 1000}`);
  }
  l.put('protocol TCP');
  l.note(
    'The real servers are listed last-first: IPVS puts each new destination at the head of its list',
    '(list_add_rcu in __ip_vs_update_dest, net/netfilter/ipvs/ip_vs_ctl.c), and keepalived adds them in this',
    `file's order, so IPVS holds them as the lab's page does: ${s.servers.map((x) => x.name).join(', ')}.`,
  );
  for (const x of keepalivedRealServerOrder(s.servers)) realServer(l, s, x);
  l.close();
}

function realServer(l: Lines, s: Scenario, x: ServerConfig): void {
  const hc = s.healthCheck;
  l.note(
    x.down
      ? `${x.name}: configured down in the scenario, so weight 0: IPVS sends it no new connections.`
      : `${x.name}: weight ${x.weight}.`,
  );
  // In dr and tun nothing translates ports: the scenario gives every server the VIP's port
  // (keepalived -t resets another, with a warning).
  l.open(`real_server ${x.ip} ${x.port}`);
  l.put(`weight ${x.down ? 0 : x.weight}`);
  if (x.maxConns > 0) {
    l.note(`At most ${x.maxConns} connections: IPVS marks it overloaded there (active + inactive), and takes it back below 3/4.`);
    l.put(`uthreshold ${x.maxConns}`);
  }
  if (hc?.keepalived) {
    l.note(
      'When its checks fail keepalived sets its weight to 0 and keeps it in the list, as the lab does (by default it',
      'would remove it, and adding it back would put it at the head of the list).',
    );
    l.put('inhibit_on_failure');
    l.note(
      `A TCP connect to ${x.ip}:${x.port}, failed after ${seconds(hc.timeoutMs)} s; a failure is retried ${hc.keepalived.retries} time(s),`,
      `${seconds(hc.keepalived.retryDelayMs)} s apart, before the server goes down; one pass brings it back.`,
    );
    l.open('TCP_CHECK');
    l.put(`connect_timeout ${seconds(hc.timeoutMs)}`);
    l.put(`retry ${hc.keepalived.retries}`);
    l.put(`delay_before_retry ${seconds(hc.keepalived.retryDelayMs)}`);
    l.close();
  } else {
    l.note('No active health checks in this scenario: without a checker keepalived keeps the server in IPVS.');
  }
  l.close();
}

/** Milliseconds as keepalived's seconds: decimals to the microsecond, no trailing zeros. */
export function seconds(ms: number): string {
  return String(Number((ms / 1000).toFixed(6)));
}

const SCHEDULER_NOTE = {
  rr: ['each new connection to the next server in the list.'],
  wrr: [
    "a current weight starts at the largest and steps down by the weights' gcd; each pass walks the list for",
    "a server at least that heavy (5, 1, 1 gives s1 five in a row: not nginx's smooth order).",
  ],
  lc: ['the fewest connections, active × 256 + inactive; weights are ignored (only 0 is skipped).'],
  wlc: ['the fewest connections (active × 256 + inactive) for the weight.'],
  sh: [
    "256 buckets filled in list order, each server for as many as its weight; a client's bucket is hash_32 of",
    "its whole address (not nginx's first three octets).",
  ],
} as const;

const FORWARDING_NOTE: Record<Forwarding, (s: Scenario) => string[]> = {
  'full-nat': (s) => [
    'Full NAT: IPVS masquerading (NAT) rewrites the destination to the server; keepalived has no SNAT of its own,',
    `so add the source NAT the lab does (the server then sees ${s.network.natSource === 'balancer' ? "this balancer's address" : 'the VIP'}, and answers through it). Keep IPVS's connections`,
    'in netfilter conntrack so a NAT rule sees them (as kube-proxy in IPVS mode does):',
    '  sysctl -w net.ipv4.vs.conntrack=1',
    `  nft add rule ip nat postrouting ${snatRule(s)}`,
    '(a table ip nat with a postrouting nat chain; npm run export -- FILE --format nftables writes the whole ruleset',
    "of the lab's own kernel NAT, which picks servers with nftables instead of IPVS).",
  ],
  nat: (s) => [
    'LVS-NAT (masquerading): only the destination is rewritten, the server sees the client. Each real server must',
    'route its answers back through the balancer: its default gateway is the inside address that moves with the VIP',
    `(${insideGateway(s)}, in virtual_ipaddress above).`,
  ],
  dr: (s) => [
    'Direct routing (an L2 balancer): only the Ethernet destination is rewritten; the server answers the client itself.',
    'The balancer and the servers share one link. Each server holds the VIP on lo and must not answer ARP for it:',
    `  ip addr add ${s.network.vip}/32 dev lo; sysctl -w net.ipv4.conf.all.arp_ignore=1 net.ipv4.conf.all.arp_announce=2`,
    "Nothing translates ports: each server listens on the VIP's port.",
  ],
  tun: (s) => [
    'IP tunnelling (an L3 balancer): each packet goes to the server inside an IP-in-IP packet; the server answers the',
    'client itself. Each server decapsulates and holds the VIP:',
    `  ip link set tunl0 up; ip addr add ${s.network.vip}/32 dev tunl0; sysctl -w net.ipv4.conf.tunl0.rp_filter=0 net.ipv4.conf.all.rp_filter=0`,
    "Nothing translates ports: each server listens on the VIP's port.",
  ],
};
