import type { Scenario } from '../sim/scenario.ts';
import { preamble, type ExportOptions } from './common.ts';
import { Lines } from './lines.ts';

/**
 * keepalived.conf for one balancer (lb1 or lb2: each machine gets its own file). Both share
 * the virtual router and the VIP; their priorities decide which holds it.
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
    l.put(`state ${higher ? 'MASTER' : 'BACKUP'}`);
  }
  l.note('The network interface that carries the VIP (eth0 is a guess: use yours).');
  l.put('interface eth0');
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
  l.put(`${s.network.vip}/32`);
  l.close();
  l.close();
  if (b.sync) {
    l.put('');
    l.note(
      'Connection sync is on in this scenario: that is conntrackd (not keepalived), copying the kernel NAT table',
      'to the peer so connections survive a failover. Run conntrackd on both and call its scripts from notify_master',
      "and notify_backup (see conntrackd's primary-backup.sh).",
    );
  }
  return l.text();
}
