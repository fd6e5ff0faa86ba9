import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulateRun } from '../../src/sim/engine.ts';
import { macOf } from '../../src/sim/forwarding.ts';
import { parseScenario, type Scenario } from '../../src/sim/scenario.ts';
import { differences, knownDifferences } from './compare.ts';
import { engineTakeover, realTakeover } from './failover.ts';
import { needsOf, pickerOf } from './forwardings.ts';
import { missingForLab } from './netns.ts';
import { plan, runRealLab, unsupported } from './realLab.ts';

const example = (name: string): Scenario => scenario(JSON.parse(readFileSync(`src/scenarios/${name}`, 'utf8')));
function scenario(input: unknown): Scenario {
  const p = parseScenario(input);
  if (!p.ok) throw new Error(p.problem.en);
  return p.scenario;
}
const namespaces = () => execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' });

describe('the real lab: L7 through nginx 1.22 running the exported nginx.conf', () => {
  // The four algorithms, each on its example made L7, then routing, the cache and a 403.
  for (const file of ['round-robin-turns.json', 'weighted-round-robin.json', 'ip-hash.json', 'least-connections.json', 'l7-routing.json']) {
    it(`${file}: every request's server, outcome, status and addresses as in the engine`, async () => {
      const s = scenario({ ...JSON.parse(readFileSync(`src/scenarios/${file}`, 'utf8')), mode: 'L7' });
      const engine = simulateRun(s).records;
      const real = await runRealLab(s);
      expect(real.map((r) => r.server)).toEqual(engine.map((r) => r.server));
      expect(differences(s, engine, real)).toEqual([]);
    });
  }
});

describe('the real lab: L4 through the Linux kernel NAT (nftables dnat + snat, conntrack)', () => {
  it('has what it needs (root, iproute2, nftables, and python3 for the tunnel ends)', () => {
    expect(missingForLab(needsOf())).toBeNull();
  });

  it('round robin: every request reaches the same server as in the engine, with the same addresses at every hop', async () => {
    const s = example('round-robin-turns.json');
    const captures = mkdtempSync(join(tmpdir(), 'lblab-captures-'));
    const real = await runRealLab(s, captures);
    expect(real.map((r) => r.server)).toEqual(['s1', 's2', 's3', 's1', 's2', 's3']);
    expect(differences(s, simulateRun(s).records, real)).toEqual([]);
    // The server saw the VIP with the client's own port: full NAT keeps a unique source port.
    const hop = real[0]!.hops[2]!;
    expect(hop.in?.src).toBe(`198.51.100.1:${real[0]!.hops[0]!.out!.src.split(':')[1]}`);
    expect(namespaces()).not.toContain(`lbl${process.pid}`);
    // tcpdump's capture at s1 holds each request s1 served, with the engine's addresses.
    const seen = execFileSync(
      'tshark',
      [
        '-r',
        join(captures, 'server-s1.pcap'),
        '-Y',
        'http.request',
        '-T',
        'fields',
        '-e',
        'ip.src',
        '-e',
        'tcp.srcport',
        '-e',
        'ip.dst',
        '-e',
        'tcp.dstport',
      ],
      { encoding: 'utf8' },
    );
    const atS1 = simulateRun(s)
      .records.filter((r) => r.server === 's1')
      .map((r) => r.hops.find((h) => h.node === 's1' && h.dir === 'request')!.in!)
      .map((h) => `${h.src.replace(':', '\t')}\t${h.dst.replace(':', '\t')}`);
    expect(seen.trim().split('\n')).toEqual(atS1);
    // Every file is complete to its end: each connection's close, both ways, is in it (the last
    // connection's FINs are the run's last packets; a tcpdump stopped early lost them). A
    // connection is named by its client-side port (lb1's inside link sees it on both sides of
    // the NAT, under two pairs of addresses); a side, by whether the FIN left the service port.
    const service = new Set(['80', '8080']);
    for (const file of ['clients', 'lb1-outside', 'lb1-inside', 'server-s1', 'server-s2', 'server-s3']) {
      const fins = execFileSync(
        'tshark',
        ['-r', join(captures, `${file}.pcap`), '-Y', 'tcp.flags.fin == 1', '-T', 'fields', '-e', 'tcp.srcport', '-e', 'tcp.dstport'],
        { encoding: 'utf8' },
      );
      const closed = new Map<string, Set<boolean>>();
      for (const [src, dst] of fins
        .trim()
        .split('\n')
        .map((l) => l.split('\t'))) {
        const fromService = service.has(src!);
        const key = fromService ? dst! : src!;
        closed.set(key, (closed.get(key) ?? new Set()).add(fromService));
      }
      const connections = file.startsWith('server') ? 2 : 6;
      expect(
        [...closed.values()].filter((sides) => sides.size === 2),
        `${file}.pcap: connections closed both ways`,
      ).toHaveLength(connections);
    }
    rmSync(captures, { recursive: true, force: true });
  });

  it("generated load, and the servers seeing the balancer's own address: still no difference", async () => {
    const s = scenario({
      seed: 5,
      network: { natSource: 'balancer' },
      servers: [{ name: 's1' }, { name: 's2' }],
      load: { clients: 4, ratePerSec: 20, durationMs: 1000, serviceMs: 5 },
    });
    const engine = simulateRun(s).records;
    expect(engine.length).toBeGreaterThan(10);
    const real = await runRealLab(s);
    expect(real.every((r) => r.hops[2]?.in?.src.startsWith('10.0.0.2:'))).toBe(true);
    expect(differences(s, engine, real)).toEqual([]);
  });

  it("weighted round robin 5,1,1: nftables' runs of numgen values give IPVS's order, s1 five times, then s2, s3", async () => {
    // IPVS's wrr (net/netfilter/ipvs/ip_vs_wrr.c, ip_vs_wrr_schedule): cw starts at the largest
    // weight and steps down by the gcd; only s1 reaches cw 5..2, all three cw 1.
    const s = example('weighted-round-robin.json');
    const engine = simulateRun(s).records;
    const real = await runRealLab(s);
    expect(engine.map((r) => r.server)).toEqual(['s1', 's1', 's1', 's1', 's1', 's2', 's3']);
    expect(real.map((r) => r.server)).toEqual(engine.map((r) => r.server));
    expect(real.every((r) => r.picked === 'nftables')).toBe(true);
    expect(differences(s, engine, real)).toEqual([]);
    // Other weights part the two orders (3,2,1: IPVS s1 s1 s2 s1 s2 s3, nftables s1 s1 s1 s2 s2 s3).
    expect(
      knownDifferences(s, engine)
        .map((x) => x.why)
        .join(),
    ).toMatch(/3,2,1/);
  });

  it('keepalived with the exported configs takes over as the engine says: the master-down interval within 20%', async () => {
    for (const s of [
      example('failover.json'),
      // A lower backup priority waits longer: (256 − 20)/256 s of skew instead of (256 − 100)/256.
      scenario({ ...JSON.parse(readFileSync('src/scenarios/failover.json', 'utf8')), balancers: { priorities: [150, 20] } }),
    ]) {
      const engine = engineTakeover(s)!;
      const real = await realTakeover(s);
      expect(Math.abs(real.masterDownMs - engine.masterDownMs) / engine.masterDownMs).toBeLessThan(0.2);
    }
    expect(namespaces()).not.toContain(`lbl${process.pid}`);
  });

  it('says why it cannot run a scenario, and runs what it once refused (sessions, lc in full NAT, events)', () => {
    const sessions = scenario({
      mode: 'L7',
      sessions: { loginPath: '/login' },
      servers: [{ name: 's1' }],
      requests: [{ at: 0, client: '203.0.113.10' }],
    });
    expect(unsupported(sessions, 1, 0)).toBeNull();
    const l4LeastConn = scenario({
      algorithm: 'least-connections',
      servers: [{ name: 's1' }],
      requests: [{ at: 0, client: '203.0.113.10' }],
    });
    // Full NAT replays the engine's picks where nftables has no such scheduler (forwardings.ts).
    expect(unsupported(l4LeastConn, 1, 0)).toBeNull();
    expect(pickerOf(l4LeastConn)).toBe('replayed');
    expect(pickerOf({ ...l4LeastConn, algorithm: 'round-robin' })).toBe('nftables');
    expect(pickerOf({ ...l4LeastConn, algorithm: 'round-robin', persistenceTimeoutMs: 5000 })).toBe('replayed');
    expect(unsupported({ ...l4LeastConn, forwarding: 'dr' }, 1, 0)).toBeNull();
    const failing = scenario({
      servers: [{ name: 's1' }, { name: 's2' }],
      requests: [{ at: 0, client: '203.0.113.10' }],
      events: [{ at: 500, action: 'fail', target: 's1' }],
    });
    expect(unsupported(failing, plan(failing).length, 0)).toBeNull();
    expect(pickerOf(failing)).toBe('replayed');
    expect(unsupported(example('round-robin-turns.json'), 1001, 0)).toMatch(/at most 1000/);
    expect(unsupported(example('round-robin-turns.json'), 6, 90_001)).toMatch(/at most 90000 ms/);
    expect(unsupported({ ...l4LeastConn, mode: 'L7', sticky: { cookie: 'lb' } } as Scenario, 1, 0)).toMatch(/sticky/);
  });
});

/**
 * The forwarding modes, each built from the kernel's own parts (IPVS is not in this kernel), lb1
 * replaying the engine's picks; per request, what the server's capture saw against the engine's
 * header, and whether lb1's captures saw the answer. After Linux's ip_vs_xmit.c: ip_vs_nat_xmit
 * rewrites the destination only, ip_vs_dr_xmit the destination MAC only, ip_vs_tunnel_xmit wraps
 * the packet in an outer IP header to the server; in DR and TUN the server answers the client.
 */
describe("the real lab: LVS-NAT, direct routing and IP tunnelling, replaying the engine's picks", () => {
  const clients = ['203.0.113.10', '198.51.100.77', '203.0.113.10', '192.0.2.5'];
  const run = async (forwarding: string, algorithm: string) => {
    const s = scenario({
      forwarding,
      algorithm,
      servers: [{ name: 's1' }, { name: 's2', weight: 2 }, { name: 's3' }],
      requests: clients.map((client, i) => ({ at: i * 40, client, serviceMs: 5 })),
    });
    const engine = simulateRun(s).records;
    const real = await runRealLab(s);
    expect(namespaces()).not.toContain(`lbl${process.pid}`);
    expect(real.map((r) => `${r.server} ${r.outcome}`)).toEqual(engine.map((r) => `${r.server} ok`));
    expect(real.every((r) => r.picked === 'replayed')).toBe(true);
    expect(differences(s, engine, real)).toEqual([]);
    // Per request: the client's end, the server's address, and the hops in the order they came.
    return real.map((r) => {
      const end = r.hops[0]!.out!.src;
      const server = s.servers.find((x) => x.name === r.server)!;
      const atServer = r.hops.find((h) => h.node === r.server && h.dir === 'request')!.in!;
      return { end, server, atServer, path: r.hops.map((h) => `${h.node} ${h.dir}`) };
    });
  };

  it('LVS-NAT (weighted least-connections): the server sees the client, answers through lb1, its gateway', async () => {
    for (const { end, server, atServer, path } of await run('nat', 'weighted-least-connections')) {
      expect(atServer).toEqual({ src: end, dst: `${server.ip}:8080` });
      expect(path).toEqual([
        'client request',
        'lb1 request',
        `${server.name} request`,
        `${server.name} response`,
        'lb1 response',
        'client response',
      ]);
    }
  });

  it("direct routing (source hashing): the server sees the VIP, lb1's MAC to its own, and answers the client without lb1", async () => {
    for (const { end, server, atServer, path } of await run('dr', 'ip-hash')) {
      expect(atServer).toEqual({ src: end, dst: '198.51.100.1:80', mac: { src: macOf('10.0.0.2'), dst: macOf(server.ip) } });
      expect(server.port).toBe(80);
      // lb1's capture saw no answer: the server's answer is followed by the client's.
      expect(path).toEqual(['client request', 'lb1 request', `${server.name} request`, `${server.name} response`, 'client response']);
    }
  });

  it('IP tunnelling (weighted round robin): the server unwraps lb1 → server IP-in-IP, and answers the client without lb1', async () => {
    for (const { end, server, atServer, path } of await run('tun', 'weighted-round-robin')) {
      expect(atServer).toEqual({ src: end, dst: '198.51.100.1:80', outer: { src: '10.0.0.2', dst: server.ip } });
      expect(path).toEqual(['client request', 'lb1 request', `${server.name} request`, `${server.name} response`, 'client response']);
    }
  });
});
