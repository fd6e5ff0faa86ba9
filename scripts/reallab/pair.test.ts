import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { simulateRun } from '../../src/sim/engine.ts';
import { macOf } from '../../src/sim/forwarding.ts';
import { parseScenario, type Scenario } from '../../src/sim/scenario.ts';
import { insideGateway } from '../../src/sim/topology.ts';
import { tcpPackets } from './captures.ts';
import { differences, knownDifferences, sortDifferences } from './compare.ts';
import { failoverTiming, stepAgrees } from './failover.ts';
import { lastVrrpLog } from './pairNetwork.ts';
import { runRealLab, type RealRecord } from './realLab.ts';
import type { AppliedEvent } from './timeline.ts';

/**
 * failover.json with its requests flowing: lb1 and lb2 run keepalived 2.2.7 with the exported
 * configs (pairNetwork.ts), lb1's links go down at 8 s and come back at 20 s. keepalived decides:
 * the backup takes over after its master-down interval, 3 × advert_int + (256 − priority)/256 s
 * (RFC 3768 6.1, keepalived's vrrp_state_backup), and the restored lb1 preempts after its own,
 * lb2's lower-priority adverts not resetting its timer (RFC 3768 6.4.2).
 */

function parse(file: string): Scenario {
  const p = parseScenario(JSON.parse(readFileSync(file, 'utf8')));
  if (!p.ok) throw new Error(p.problem.en);
  return p.scenario;
}
const s = parse('src/scenarios/failover.json');
const dir = mkdtempSync(join(tmpdir(), 'lblab-pair-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Gratuitous ARPs in a capture: wall-clock ms, the address announced, the sender's MAC. */
function garps(pcap: string): { at: number; ip: string; mac: string }[] {
  const out = execFileSync('tcpdump', ['-r', pcap, '-nn', '-e', '-tt', 'arp'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  // "1764….123 02:00:0a:00:00:03 > ff:ff:ff:ff:ff:ff, ethertype ARP (0x0806), length 42: Request who-has 10.0.0.1 (ff:ff:ff:ff:ff:ff) tell 10.0.0.1, length 28"
  return [...out.matchAll(/^(\d+\.\d+) (\S+) > ff:ff:ff:ff:ff:ff.*who-has (\S+)(?: \([^)]*\))? tell \3,/gm)].map((m) => ({
    at: Number(m[1]) * 1000,
    mac: m[2]!,
    ip: m[3]!,
  }));
}

describe('the real lab: a balancer fails and comes back while requests flow (two balancers under keepalived)', () => {
  it("failover.json: keepalived's takeover and preemption as the engine's, the VIP and the servers' gateway moving together, lb2 carrying both ways meanwhile", async () => {
    const engine = simulateRun(s).records;
    const applied: AppliedEvent[] = [];
    const real = await runRealLab(s, dir, applied);
    const log = lastVrrpLog()!;
    const timing = failoverTiming(s, log, applied);
    // Master-down 3609.4 ms in the engine, preemption 3414.1 ms: within 20% for real.
    expect(timing.steps).toHaveLength(2);
    for (const step of timing.steps) expect(stepAgrees(step), `${step.what}: ${step.engineMs} against ${step.realMs}`).toBe(true);
    const [takeover, preempt] = timing.transitions;
    expect(takeover?.real?.balancer).toBe('lb2');
    expect(preempt?.real?.balancer).toBe('lb1');

    // The VIP (outside) and the gateway (inside) are announced by lb2 together: one instance.
    const [ip2] = [s.network.balancerIps[1]];
    const lb2Inside = macOf(ip2!);
    const lb2Outside = lb2Inside.replace(/^02:00/, '02:01');
    const vipAt = garps(join(dir, 'lb2-outside.pcap')).find((g) => g.ip === s.network.vip && g.mac === lb2Outside)?.at;
    const gatewayAt = garps(join(dir, 'lb2-inside.pcap')).find((g) => g.ip === insideGateway(s) && g.mac === lb2Inside)?.at;
    expect(vipAt).toBeDefined();
    expect(gatewayAt).toBeDefined();
    expect(Math.abs(vipAt! - gatewayAt!)).toBeLessThan(50);

    // Between the takeover and the preemption: lb2 carries each request, and the answer comes
    // back through it (its outside capture holds packets to the client's end).
    const from = takeover!.real!.at + 200;
    const to = preempt!.real!.at - 700;
    const middle = real.filter((r) => r.at > from && r.at + r.latencyMs < to);
    expect(middle.length).toBeGreaterThan(20);
    const lb2Out = await tcpPackets(join(dir, 'lb2-outside.pcap'));
    const toClient = new Set(lb2Out.filter((p) => p.mac.src === lb2Outside).map((p) => p.dst));
    const end = (r: RealRecord) => r.hops[0]!.out!.src;
    for (const r of middle) {
      expect(r, `#${r.id}`).toMatchObject({ balancer: 'lb2', outcome: 'ok' });
      expect(toClient.has(end(r)), `#${r.id}: lb2 sent its answer`).toBe(true);
      expect(r.hops.map((h) => h.node)).toEqual(['client', 'lb2', r.server, r.server, 'lb2', 'client']);
    }
    // After the preemption lb1 carries them again.
    const after = real.filter((r) => r.at > preempt!.real!.at + 200);
    expect(after.length).toBeGreaterThan(5);
    expect(after.every((r) => r.balancer === 'lb1' && r.outcome === 'ok')).toBe(true);

    // Request by request, nothing but the moments' edges differs (the engine's lb1 fails just
    // before an advert; keepalived's adverts keep their own phase).
    const { unknown } = sortDifferences(differences(s, engine, real), knownDifferences(s, engine, timing.transitions, real));
    expect(unknown.map((d) => d.text)).toEqual([]);
  }, 180_000);

  it("failover-sync.json: conntrackd copies the NAT connections, so the one open on lb1 when it fails is answered through lb2, as the engine's sync has it", async () => {
    const sync = parse('src/scenarios/failover-sync.json');
    const engine = simulateRun(sync).records;
    // The engine: #38 was sent 20 ms before lb1 failed and is answered through lb2 (the only one sent before the failure that lb2 carries).
    const open = engine.filter((r) => r.at < 8000 && r.balancer === 'lb2');
    expect(open.map((r) => [r.outcome, r.balancer])).toEqual([['ok', 'lb2']]);
    const applied: AppliedEvent[] = [];
    const real = await runRealLab(sync, undefined, applied);
    expect(lastVrrpLog()!.synced).toBe(true);
    expect(real.find((r) => r.id === open[0]!.id)).toMatchObject({ outcome: 'ok', balancer: 'lb2', server: open[0]!.server });
    const timing = failoverTiming(sync, lastVrrpLog()!, applied);
    const { unknown } = sortDifferences(differences(sync, engine, real), knownDifferences(sync, engine, timing.transitions, real, true));
    expect(unknown.map((d) => d.text)).toEqual([]);
  }, 180_000);
});
