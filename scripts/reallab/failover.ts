import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configFor } from '../../src/export/configs.ts';
import { simulateRun } from '../../src/sim/engine.ts';
import type { Scenario } from '../../src/sim/scenario.ts';
import { Namespaces } from './netns.ts';

/**
 * A takeover, measured as keepalived defines it: from the last advert of the failed master that
 * the backup heard to the backup's own first advert as master (its master-down interval).
 */
export interface Takeover {
  /** From lb1's last advert to lb2's first advert as master, ms. */
  masterDownMs: number;
}

/** The engine's takeover for the scenario's first failure of lb1, or null when it has none. */
export function engineTakeover(s: Scenario): Takeover | null {
  const failed = s.events.find((e) => e.action === 'fail' && e.target === 'lb1');
  if (!failed) return null;
  const vrrp = simulateRun(s).vrrp;
  const lastAdvert = vrrp.filter((v) => v.balancer === 'lb1' && v.kind === 'advert' && v.at <= failed.at).at(-1);
  const master = vrrp.find((v) => v.balancer === 'lb2' && v.kind === 'master' && v.at > failed.at);
  if (!lastAdvert || !master) return null;
  return { masterDownMs: master.at - lastAdvert.at };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const now = () => performance.timeOrigin + performance.now();

/**
 * The same failover for real: lb1 and lb2 on one segment, each running keepalived with the
 * configuration the lab exports for it (`npm run export -- FILE --format keepalived`). Once lb1
 * holds the VIP, lb1's link goes down; tcpdump on lb2 timestamps every advert, lb1's last and
 * lb2's first.
 */
export async function realTakeover(s: Scenario): Promise<Takeover> {
  const ns = new Namespaces(`lbl${process.pid}f`);
  const dir = mkdtempSync(join(tmpdir(), `${ns.prefix}-`));
  ns.removeAtCleanup(dir);
  try {
    const sw = ns.add('sw');
    ns.exec(sw, 'ip', ['link', 'add', 'br0', 'type', 'bridge']);
    ns.exec(sw, 'ip', ['link', 'set', 'br0', 'up']);
    const lbs = (['lb1', 'lb2'] as const).map((name, i) => {
      const lb = ns.add(name);
      ns.veth(lb, 'eth0', sw, `p${i}`);
      ns.exec(sw, 'ip', ['link', 'set', `p${i}`, 'master', 'br0', 'up']);
      ns.exec(lb, 'ip', ['addr', 'add', `${s.network.balancerIps[i]}/24`, 'dev', 'eth0']);
      ns.exec(lb, 'ip', ['link', 'set', 'eth0', 'up']);
      const conf = join(dir, `${name}.conf`);
      // This kernel has no IPVS: keepalived 2.2.7's VRRP process crashes (SIGSEGV, respawned) on
      // lvs_sync_daemon without it, so the sync daemon's line goes; VRRP is what is measured here.
      writeFileSync(conf, configFor(s, 'keepalived', { balancer: name }).replace(/^\s*lvs_sync_daemon .*\n/m, ''));
      const pid = (what: string) => join(dir, `${name}-${what}.pid`);
      ns.start(lb, 'keepalived', ['-n', '--vrrp', '-f', conf, '-p', pid('main'), '-r', pid('vrrp'), '-c', pid('checkers')]);
      return lb;
    });
    const [lb1, lb2] = lbs as [string, string];
    const holdsVip = (lb: string) => ns.exec(lb, 'ip', ['-o', 'addr', 'show', 'dev', 'eth0']).includes(` ${s.network.vip}/`);
    await until(() => holdsVip(lb1), 15_000, 'lb1 never took the VIP');
    const advertMs = s.balancers.advertIntervalMs;
    // "1764000000.123456 IP 10.0.0.2 > 224.0.0.18: VRRPv2, Advertisement, …"
    const adverts: { at: number; from: string }[] = [];
    const watch = ns.start(lb2, 'tcpdump', ['-tt', '-l', '-n', '-i', 'eth0', 'vrrp']);
    let rest = '';
    watch.stdout!.on('data', (d: Buffer) => {
      const lines = (rest + d.toString()).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) {
        const m = /^(\d+\.\d+) IP (\S+) >/.exec(line);
        if (m) adverts.push({ at: Number(m[1]) * 1000, from: m[2]! });
      }
    });
    await until(() => adverts.length >= 2, 5 * advertMs, 'tcpdump saw no adverts');
    ns.exec(lb1, 'ip', ['link', 'set', 'eth0', 'down']);
    await until(() => holdsVip(lb2), 10 * advertMs, 'lb2 never took the VIP');
    const [ip1, ip2] = s.network.balancerIps as [string, string];
    await until(() => adverts.some((a) => a.from === ip2), 5 * advertMs, 'lb2 sent no advert as master');
    const last = adverts.filter((a) => a.from === ip1).at(-1)!;
    const first = adverts.find((a) => a.from === ip2)!;
    return { masterDownMs: first.at - last.at };
  } finally {
    ns.cleanup();
  }
}

async function until(test: () => boolean, withinMs: number, why: string): Promise<void> {
  const end = now() + withinMs;
  while (!test()) {
    if (now() > end) throw new Error(why);
    await sleep(5);
  }
}
