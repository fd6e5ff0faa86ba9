import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configFor } from '../../src/export/configs.ts';
import { macOf } from '../../src/sim/forwarding.ts';
import type { Scenario, ServerConfig } from '../../src/sim/scenario.ts';
import { answersViaGateway, insideGateway } from '../../src/sim/topology.ts';
import {
  natRules,
  replayedDnatRules,
  replayedFullNatRules,
  serverPoints,
  type CapturePoint,
  type LabNetwork,
  type Replayed,
} from './l4Network.ts';
import { replaysPicks } from './forwardings.ts';
import type { Namespaces } from './netns.ts';

/** One VRRP advert seen on the inside segment: wall-clock ms, the sender's address, its priority. */
export interface Advert {
  at: number;
  from: string;
  priority: number;
}

/** What the pair network saw of its balancers: every advert, and when each event cut or joined a balancer. */
export interface VrrpLog {
  /** conntrackd copied each balancer's connections to the other (sync on, conntrackd installed). */
  synced: boolean;
  adverts: Advert[];
  events: { at: number; action: 'fail' | 'restore'; target: 'lb1' | 'lb2' }[];
}

const BALANCERS = ['lb1', 'lb2'] as const;

let lastLog: VrrpLog | null = null;
/** The VRRP log of the last pair network this process built (compare reads it after a run). */
export const lastVrrpLog = (): VrrpLog | null => lastLog;
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Does a balancer fail or come back in this scenario (then the lab builds the pair network)? */
export const hasBalancerEvents = (s: Scenario): boolean =>
  s.events.some((e) => (e.action === 'fail' || e.action === 'restore') && (e.target === 'lb1' || e.target === 'lb2'));

/** Why the pair network cannot run this scenario, or null. */
export function pairUnsupported(s: Scenario): string | null {
  if (s.mode === 'L7') return 'the real lab runs a balancer failing with traffic in L4 only yet (nginx on both balancers is not built)';
  if (s.forwarding === 'dr' || s.forwarding === 'tun')
    return `the real lab runs a balancer failing with traffic in "full-nat" and "nat" only yet, not "${s.forwarding}"`;
  return null;
}

/**
 * Two balancers under keepalived, with traffic: the client segment (a bridge) holds the clients
 * and lb1's and lb2's outside links; the inside segment (another bridge) their inside links and
 * the servers. Each balancer runs keepalived with the configuration the lab exports for it
 * (`npm run export -- FILE --format keepalived --balancer lbN`: VRRP on eth1 from its own
 * address, the VIP on eth0, the servers' floating gateway on eth1, one instance so both move
 * together), and the same NAT rules, so whichever is master carries the connections. The
 * servers' default route is the floating gateway: after a takeover their answers reach the new
 * master.
 *
 *   client ns  c0 ── swo ── eth0 lb1 eth1 ── swi ── eth0 s1 …
 *                     └──── eth0 lb2 eth1 ───┘
 *
 * A balancer fails as a crash does: both its links lose their carrier (the switch's ports go
 * down), so it sends no last advert and its peer waits the whole master-down interval;
 * keepalived on it sees the links down and drops its addresses (FAULT). It comes back when the
 * ports come up: keepalived starts over as backup and, with preemption and the higher priority,
 * takes over after its own master-down interval (the peer's lower-priority adverts do not stop
 * that timer: RFC 5798 6.4.2, keepalived's vrrp_state_backup).
 */
export async function buildPairNetwork(
  ns: Namespaces,
  s: Scenario,
  clients: readonly string[],
  servers: readonly ServerConfig[],
  replay: readonly Replayed[],
): Promise<LabNetwork & { vrrp: VrrpLog }> {
  const net = s.network;
  const dir = mkdtempSync(join(tmpdir(), `${ns.prefix}-pair-`));
  ns.removeAtCleanup(dir);
  const client = ns.add('c');
  const sw = ns.add('sw');
  const lbs = BALANCERS.map((b) => ns.add(b));
  const made = new Map(servers.map((x) => [x.name, ns.server(x.name)]));
  const clientMac = macOf(clients[0] ?? net.vip);
  // Outside MACs: 02:01 and the balancer's address (its inside link has macOf of it).
  const outsideMac = (i: number) => macOf(net.balancerIps[i]!).replace(/^02:00/, '02:01');
  const veth = (a: string, aNs: string, mac: string | null, b: string) => [
    'link',
    'add',
    a,
    'netns',
    aNs,
    ...(mac ? ['address', mac] : []),
    'type',
    'veth',
    'peer',
    'name',
    b,
    'netns',
    sw,
  ];
  ns.ip(null, [
    veth('c0', client, clientMac, 'pc'),
    ...lbs.flatMap((lb, i) => [veth('eth0', lb, outsideMac(i), `o${i + 1}`), veth('eth1', lb, macOf(net.balancerIps[i]!), `i${i + 1}`)]),
    ...servers.map((x, i) => veth('eth0', made.get(x.name)!, macOf(x.ip), `s${i}`)),
  ]);
  ns.ip(sw, [
    ['link', 'add', 'swo', 'type', 'bridge'],
    ['link', 'add', 'swi', 'type', 'bridge'],
    ['link', 'set', 'swo', 'up'],
    ['link', 'set', 'swi', 'up'],
    ['link', 'set', 'pc', 'master', 'swo', 'up'],
    ...lbs.flatMap((_, i) => [
      ['link', 'set', `o${i + 1}`, 'master', 'swo', 'up'],
      ['link', 'set', `i${i + 1}`, 'master', 'swi', 'up'],
    ]),
    ...servers.map((_, i) => ['link', 'set', `s${i}`, 'master', 'swi', 'up']),
  ]);
  ns.ip(client, [
    ...clients.map((ip) => ['addr', 'add', `${ip}/32`, 'dev', 'c0']),
    ['link', 'set', 'c0', 'up'],
    ['route', 'add', 'default', 'dev', 'c0'],
  ]);
  const gateway = answersViaGateway(s) ? insideGateway(s) : null;
  lbs.forEach((lb, i) => {
    ns.ip(lb, [
      ['addr', 'add', `${net.balancerIps[i]}/24`, 'dev', 'eth1'],
      ['link', 'set', 'eth0', 'up'],
      ['link', 'set', 'eth1', 'up'],
      ...clients.map((ip) => ['route', 'add', `${ip}/32`, 'dev', 'eth0']),
    ]);
    ns.exec(lb, 'sysctl', ['-qw', 'net.ipv4.ip_forward=1']);
    ns.exec(lb, 'nft', ['-f', '-'], rulesFor(s, servers, replay, i));
  });
  for (const server of servers) {
    ns.ip(made.get(server.name)!, [
      ['addr', 'add', `${server.ip}/24`, 'dev', 'eth0'],
      ['link', 'set', 'eth0', 'up'],
      ...(gateway ? [['route', 'add', 'default', 'via', gateway]] : []),
    ]);
  }
  const synced = s.mode === 'L4' && s.balancers.sync && hasConntrackd();
  const vrrp: VrrpLog = { synced, adverts: [], events: [] };
  lastLog = vrrp;
  // Every advert on the inside segment, from either balancer, up or down: the bridge sees them all.
  // "1764000000.123456 IP 10.0.0.2 > 224.0.0.18: VRRPv2, Advertisement, vrid 51, prio 150, …"
  const watch = ns.start(sw, 'tcpdump', ['-tt', '-l', '-n', '-i', 'swi', 'vrrp']);
  let rest = '';
  watch.stdout!.on('data', (d: Buffer) => {
    const lines = (rest + d.toString()).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) {
      const m = /^(\d+\.\d+) IP (\S+) >.*\bprio (\d+)/.exec(line);
      if (m) vrrp.adverts.push({ at: Number(m[1]) * 1000, from: m[2]!, priority: Number(m[3]) });
    }
  });
  lbs.forEach((lb, i) => {
    const name = BALANCERS[i]!;
    const conf = join(dir, `${name}.conf`);
    // This kernel has no IPVS: keepalived 2.2.7's VRRP process crashes (SIGSEGV, respawned) on
    // lvs_sync_daemon without it, so the sync daemon's line goes; VRRP is what runs here.
    writeFileSync(conf, configFor(s, 'keepalived', { balancer: name }).replace(/^\s*lvs_sync_daemon .*\n/m, ''));
    const pid = (what: string) => join(dir, `${name}-${what}.pid`);
    ns.start(lb, 'keepalived', ['-n', '--vrrp', '-f', conf, '-p', pid('main'), '-r', pid('vrrp'), '-c', pid('checkers')]);
  });
  if (synced) {
    lbs.forEach((lb, i) => {
      const conf = join(dir, `${BALANCERS[i]}-conntrackd.conf`);
      writeFileSync(conf, conntrackdConf(net.balancerIps[i]!, net.balancerIps[1 - i]!, join(dir, BALANCERS[i]!)));
      ns.start(lb, 'conntrackd', ['-C', conf]);
    });
  }
  // keepalived starts every instance as backup, whatever its `state` (vrrp_init_state): the
  // first master appears after a master-down interval, 3 adverts and the skew.
  const advertMs = s.balancers.advertIntervalMs;
  const first = s.balancers.priorities[0]! >= s.balancers.priorities[1]! ? 0 : 1;
  const holds = (i: number) => ns.exec(lbs[i]!, 'ip', ['-o', 'addr', 'show', 'dev', 'eth0']).includes(` ${net.vip}/`);
  await until(() => holds(first), 4 * advertMs + 5000, `${BALANCERS[first]} never took the VIP`);
  await until(() => vrrp.adverts.some((a) => a.from === net.balancerIps[first]), 2 * advertMs + 1000, 'tcpdump saw no adverts');
  const points: CapturePoint[] = [
    { file: 'clients', where: client, device: 'c0', mac: clientMac, role: 'client' },
    ...lbs.flatMap((lb, i): CapturePoint[] => [
      { file: `${BALANCERS[i]}-outside`, where: lb, device: 'eth0', mac: outsideMac(i), role: 'balancer', node: BALANCERS[i] },
      { file: `${BALANCERS[i]}-inside`, where: lb, device: 'eth1', mac: macOf(net.balancerIps[i]!), role: 'balancer', node: BALANCERS[i] },
    ]),
    ...serverPoints(servers, made),
  ];
  return {
    client,
    lb: lbs[0]!,
    servers: made,
    points,
    listenOn: null,
    vrrp,
    balancerEvent(action, target) {
      const i = BALANCERS.indexOf(target);
      // The switch's ports, not the balancer's links: the balancer's own links stay up (no
      // carrier), so its routes and tcpdump on them live on, as on a machine whose cables were pulled.
      const state = action === 'fail' ? 'down' : 'up';
      ns.ip(sw, [
        ['link', 'set', `o${i + 1}`, state],
        ['link', 'set', `i${i + 1}`, state],
      ]);
      // The kernel dropped the routes through the link while it had no carrier (measured: the
      // clients' routes were gone after a restore): they come back with it.
      if (action === 'restore')
        ns.ip(
          lbs[i]!,
          clients.map((ip) => ['route', 'replace', `${ip}/32`, 'dev', 'eth0']),
        );
      vrrp.events.push({ at: now(), action, target });
    },
  };
}

/**
 * Connection sync for the lab's NAT, which lives in netfilter's conntrack (IPVS, whose sync
 * daemon the engine models, is not in this kernel): conntrackd on each balancer sends its
 * connections to the other over the inside link (FTFW: acknowledged, resent when lost) and,
 * with the external cache off, writes the other's straight into its own kernel table, so the
 * balancer that takes over already holds each open connection with its NAT (conntrackd(8),
 * conntrackd.conf(5): DisableExternalCache).
 */
function conntrackdConf(me: string, peer: string, files: string): string {
  return `Sync {
	Mode FTFW {
		DisableExternalCache On
	}
	UDP {
		IPv4_address ${me}
		IPv4_Destination_Address ${peer}
		Port 3780
		Interface eth1
		Checksum on
	}
}
General {
	HashSize 8192
	HashLimit 65535
	LogFile off
	Syslog off
	LockFile ${files}-conntrackd.lock
	UNIX {
		Path ${files}-conntrackd.ctl
	}
	NetlinkBufferSize 2097152
	NetlinkBufferSizeMaxGrowth 8388608
	Filter From Userspace {
		Protocol Accept {
			TCP
		}
		Address Ignore {
			IPv4_address 127.0.0.1
		}
	}
}
`;
}

/** Is conntrackd installed (Debian's conntrackd)? The lab runs without it and says so. */
function hasConntrackd(): boolean {
  try {
    execFileSync('sh', ['-c', 'command -v conntrackd || test -x /usr/sbin/conntrackd'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * The NAT rules of balancer `me` (0 or 1): the same as the one-balancer lab's, with its own
 * address where the servers see it (natSource "balancer").
 */
function rulesFor(s: Scenario, servers: readonly ServerConfig[], replay: readonly Replayed[], me: number): string {
  const [a, b] = s.network.balancerIps;
  const asMe: Scenario = me === 0 ? s : { ...s, network: { ...s.network, balancerIps: [b, a] } };
  if (s.forwarding === 'nat') return replayedDnatRules(asMe, replay);
  // With a balancer's events full NAT replays the engine's picks (replaysPicks): two nftables
  // counters, one per balancer, would not continue each other's turns.
  return replaysPicks(s) ? replayedFullNatRules(asMe, replay) : natRules(asMe, servers);
}

async function until(test: () => boolean, withinMs: number, why: string): Promise<void> {
  const end = now() + withinMs;
  while (!test()) {
    if (now() > end) throw new Error(why);
    await sleep(20);
  }
}
