import type { Scenario } from '../sim/scenario.ts';
import { answersViaGateway, insideGateway } from '../sim/topology.ts';
import { preamble, type ExportOptions } from './common.ts';
import { virtualServer } from './keepalivedVirtualServer.ts';
import { Lines } from './lines.ts';

/**
 * keepalived.conf for one balancer (lb1 or lb2: each machine gets its own file). Both share
 * the virtual router and the VIP; their priorities decide which holds it. In L4 the balancer is
 * IPVS, which keepalived drives: a virtual_server with its real servers and their checks
 * (keepalivedVirtualServer.ts), and with sync, IPVS's sync daemon.
 */
export function keepalivedConfig(s: Scenario, o: ExportOptions): string {
  const b = s.balancers;
  const me = o.balancer === 'lb1' ? 0 : 1;
  const other = 1 - me;
  const mine = b.priorities[me]!;
  const theirs = b.priorities[other]!;
  const peer = o.balancer === 'lb1' ? 'lb2' : 'lb1';
  const higher = mine > theirs;
  const l = new Lines();
  l.note(
    ...preamble(`keepalived.conf for ${o.balancer} (${s.network.balancerIps[me]})`, o, 'keepalived -t -f /etc/keepalived/keepalived.conf'),
  );
  l.note(`${peer} gets its own file (export with --balancer ${peer}): the same virtual router, another priority.`);
  l.put('');
  l.open('global_defs');
  l.put(`router_id ${o.balancer}`);
  if (b.version === 3) {
    l.note('VRRPv3 (RFC 5798): adverts in centiseconds.');
    l.put('vrrp_version 3');
  }
  const l4 = s.mode === 'L4';
  // Direct routing and tunnelling: the balancer has one link, to the servers' segment, which
  // also carries the VIP. Otherwise it sits between two: eth0 outside (the VIP), eth1 inside
  // (its own address, the servers), and VRRP talks on the inside one, from its own address.
  const oneLink = l4 && (s.forwarding === 'dr' || s.forwarding === 'tun');
  const vrrpLink = oneLink ? 'eth0' : 'eth1';
  if (b.sync && l4) {
    l.note(
      "Connection sync: IPVS's sync daemon copies the kernel's IPVS connections to the peer, so open connections",
      'survive a failover. Following VI_1, it sends while this balancer is master and listens while it is backup.',
      ...(s.forwarding === 'full-nat'
        ? ["Full NAT's source NAT lives in netfilter's conntrack, which it does not copy: run conntrackd for that."]
        : []),
    );
    l.put(`lvs_sync_daemon ${vrrpLink} VI_1`);
  }
  l.close();
  l.put('');
  l.open('vrrp_instance VI_1');
  if (!b.preempt) {
    l.note(
      'Preemption is off: a balancer that comes back does not take the VIP back. keepalived allows nopreempt only',
      'with state BACKUP, so both start as BACKUP and the higher priority wins the first election.',
    );
    l.put('state BACKUP');
  } else {
    l.note(
      higher
        ? `${o.balancer} has the higher priority (${mine} > ${theirs}): it holds the VIP whenever it is up.`
        : `${o.balancer} has the lower priority (${mine} < ${theirs}): it holds the VIP only while ${peer} is down.`,
    );
    if (higher) l.note(...masterStartNote(s, mine));
    l.put(`state ${higher ? 'MASTER' : 'BACKUP'}`);
  }
  if (oneLink) {
    l.note('The network interface that carries the VIP and the adverts (eth0 is a guess: use yours).');
    l.put('interface eth0');
  } else {
    l.note(
      `The inside interface (eth1 is a guess: use yours), which holds ${o.balancer}'s own address (${s.network.balancerIps[me]}): the adverts`,
      'go there, from that address. The VIP is on the outside one (eth0), which the instance tracks too: either link',
      'down and this balancer gives up the VIP (FAULT).',
    );
    l.put(`interface ${vrrpLink}`);
    l.open('track_interface');
    l.put('eth0');
    l.close();
  }
  l.note(`The virtual router's number: the same on ${o.balancer} and ${peer}, unique on the network.`);
  l.put('virtual_router_id 51');
  l.put(`priority ${mine}`);
  const advert = b.version === 3 ? `${b.advertIntervalMs / 1000}` : `${Math.round(b.advertIntervalMs / 1000)}`;
  l.note(
    `The master sends an advert every ${b.advertIntervalMs} ms; the backup takes over after about three missed ones`,
    `(3 × ${b.advertIntervalMs} ms plus its skew time).`,
  );
  l.put(`advert_int ${advert}`);
  if (!b.preempt) l.put('nopreempt');
  l.note(`The VIP clients connect to: it moves to whichever balancer is master.`);
  l.open('virtual_ipaddress');
  l.put(oneLink ? `${s.network.vip}/32` : `${s.network.vip}/32 dev eth0`);
  if (answersViaGateway(s)) {
    l.note(
      `The servers' default gateway, ${insideGateway(s)}: their answers ${s.forwarding === 'nat' ? 'go to the client' : 'go to the VIP'} and must come back through the master`,
      'to be rewritten, so this inside address moves with the VIP (the same instance: both move together, with',
      'gratuitous ARPs for each). Give each server: ip route replace default via ' + insideGateway(s),
    );
    l.put(`${insideGateway(s)}/24 dev eth1`);
  }
  l.close();
  l.close();
  if (b.sync && !l4) {
    l.put('');
    l.note(
      "Connection sync is on in this scenario, but an L7 balancer's connections are nginx's own sockets, which no",
      'sync daemon copies: as in the lab, a failover loses them.',
    );
  }
  if (l4) {
    l.put('');
    virtualServer(l, s);
  }
  return l.text();
}

/**
 * What `state MASTER` does at start (keepalived 2.2.7, measured in the real lab): below priority
 * 255 the instance starts as BACKUP and becomes master once its master-down interval has passed
 * with no advert. The lab makes it master at 0 ms.
 */
function masterStartNote(s: Scenario, priority: number): string[] {
  const advert = s.balancers.advertIntervalMs;
  const skew = ((256 - priority) / 256) * (s.balancers.version === 3 ? advert : 1000);
  const wait = Math.round((3 * advert + skew) * 10) / 10;
  return [
    'keepalived starts even a state MASTER instance as BACKUP (below priority 255): it takes the VIP only after',
    `hearing no advert for its master-down interval, 3 × ${advert} ms + ${Math.round(skew * 10) / 10} ms skew = ${wait} ms. The lab makes it`,
    'master at 0 ms, as if that wait were over: for the first moments nobody answers for the VIP here.',
  ];
}
