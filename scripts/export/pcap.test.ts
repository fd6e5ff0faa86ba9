import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EPOCH_SECONDS, pcapOf, splitEndpoint } from '../../src/export/pcap.ts';
import { stepsOf } from '../../src/export/pcapSteps.ts';
import { simulateRun } from '../../src/sim/engine.ts';
import type { RunResult } from '../../src/sim/simOptions.ts';
import { parseScenarioText, type Scenario } from '../../src/sim/scenario.ts';

/** What the real tshark reads in the pcaps exported from the example scenarios. */

const SCENARIOS = 'src/scenarios';
const root = mkdtempSync(join(tmpdir(), 'lblab-pcap-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Every check tshark has for these protocols' checksums, on. */
const CHECKS = ['-o', 'ip.check_checksum:TRUE', '-o', 'tcp.check_checksum:TRUE', '-o', 'udp.check_checksum:TRUE'];

interface Export {
  scenario: Scenario;
  run: RunResult;
  file: string;
}

function exported(name: string): Export {
  const parsed = parseScenarioText(readFileSync(join(SCENARIOS, `${name}.json`), 'utf8'));
  if (!parsed.ok) throw new Error(`${name}: ${parsed.error}`);
  const run = simulateRun(parsed.scenario);
  const file = join(root, `${name}.pcap`);
  writeFileSync(file, pcapOf(parsed.scenario, run));
  return { scenario: parsed.scenario, run, file };
}

/** tshark's fields, one row per frame; fails the test unless tshark exits 0 and says nothing on stderr but its root notice. */
function tshark(file: string, filter: string | null, fields: string[]): string[][] {
  const args = ['-r', file, ...CHECKS, '-T', 'fields', '-E', 'separator=\t', '-E', 'occurrence=a', '-E', 'aggregator=,'];
  if (filter) args.push('-Y', filter);
  for (const f of fields) args.push('-e', f);
  const r = spawnSync('tshark', args, { encoding: 'utf8', timeout: 60_000, maxBuffer: 256 * 1024 * 1024 });
  expect(r.error).toBeUndefined();
  const stderr = r.stderr
    .split('\n')
    .filter((l) => l && !l.startsWith('Running as user'))
    .join('\n');
  expect(stderr).toBe('');
  expect(r.status).toBe(0);
  return r.stdout
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => l.split('\t'));
}

/** Simulated ms of tshark's frame.time_epoch, from its decimal digits (no float on the seconds). */
function msOf(epoch: string): number {
  const [sec = '', frac = ''] = epoch.split('.');
  return (Number(sec) - EPOCH_SECONDS) * 1000 + Number(frac.padEnd(9, '0')) / 1e6;
}

const SEGMENT_FLAGS = { SYN: 0x002, 'SYN-ACK': 0x012, ACK: 0x010, RST: 0x014 } as const;

/** The documented rule: one frame per hop or segment with an `out`, at its time, in time order (stable). */
function expectedTcp(run: RunResult) {
  const rows: { at: number; src: string; dst: string; flags: number | null }[] = [];
  for (const r of run.records)
    for (const s of stepsOf(r)) {
      const step = s.hop ?? s.segment;
      if (step.out)
        rows.push({ at: step.at, src: step.out.src, dst: step.out.dst, flags: s.segment ? SEGMENT_FLAGS[s.segment.flags] : null });
    }
  return rows
    .map((row, i) => ({ row, i }))
    .sort((a, b) => a.row.at - b.row.at || a.i - b.i)
    .map(({ row }) => row);
}

describe.each(['nat-walkthrough', 'l7-routing', 'failover', 'dns-vip', 'server-failure'])('tshark reads %s.pcap', (name) => {
  const e = exported(name);

  it('with no malformed packet and no bad checksum', () => {
    const rows = tshark(e.file, null, ['frame.number', '_ws.expert.message', '_ws.malformed']);
    expect(rows.length).toBeGreaterThan(0);
    const complaints = rows.filter((r) => /malformed|checksum|bad|incorrect|not captured|unknown/i.test(`${r[1]} ${r[2]}`));
    expect(complaints).toEqual([]);
  });

  it('with the addresses and ports of the records, hop by hop', () => {
    const want = expectedTcp(e.scenario.healthCheck ? { ...e.run, probes: [] } : e.run);
    // Health checks are TCP too: they come from the balancers' own addresses on dynamic ports.
    const file = e.scenario.healthCheck ? join(root, `${name}-requests.pcap`) : e.file;
    if (e.scenario.healthCheck) writeFileSync(file, pcapOf(e.scenario, { records: e.run.records, vrrp: e.run.vrrp }));
    const got = tshark(file, 'tcp', ['frame.time_epoch', 'ip.src', 'tcp.srcport', 'ip.dst', 'tcp.dstport', 'tcp.flags']);
    expect(got).toHaveLength(want.length);
    got.forEach(([epoch = '', srcIp, srcPort, dstIp, dstPort, flags = ''], i) => {
      const w = want[i]!;
      const src = splitEndpoint(w.src);
      const dst = splitEndpoint(w.dst);
      expect([srcIp, Number(srcPort), dstIp, Number(dstPort)], `frame ${i + 1}`).toEqual([src.ip, src.port, dst.ip, dst.port]);
      expect(Math.abs(msOf(epoch) - w.at)).toBeLessThan(1e-3);
      // Hops carry data (PSH, ACK) or a reset (RST, ACK); segments their own flags.
      if (w.flags === null) expect([0x018, 0x014]).toContain(Number(flags));
      else expect(Number(flags)).toBe(w.flags);
    });
  });
});

describe('tshark reads what failover, DNS and L7 put on the wire', () => {
  it('DNS: every lookup is a query and an A answer with the VIP', () => {
    const e = exported('dns-vip');
    const lookups = e.run.records.filter((r) => r.dns);
    expect(lookups.length).toBeGreaterThan(0);
    const queries = tshark(e.file, 'dns.flags.response == 0', ['ip.src', 'udp.dstport', 'dns.qry.name']);
    expect(queries).toEqual(lookups.map((r) => [r.client, '53', r.dns!.name]));
    const answers = tshark(e.file, 'dns.flags.response == 1', ['ip.dst', 'udp.srcport', 'dns.qry.name', 'dns.a']);
    expect(answers).toEqual(lookups.map((r) => [r.client, '53', r.dns!.name, e.scenario.network.vip]));
    expect(lookups.every((r) => r.dns!.answer === e.scenario.network.vip)).toBe(true);
  });

  it('VRRP: adverts decode with VRID 51, the master’s priority and the VIP; gratuitous ARPs follow the failover', () => {
    const e = exported('failover');
    const { balancerIps, vip } = e.scenario.network;
    const adverts = tshark(e.file, 'vrrp', ['frame.time_epoch', 'ip.src', 'ip.ttl', 'vrrp.virt_rtr_id', 'vrrp.prio', 'vrrp.ip_addr']);
    const recorded = e.run.vrrp.filter((v) => v.kind === 'advert');
    expect(adverts).toHaveLength(recorded.length);
    adverts.forEach(([epoch = '', src, ttl, vrid, prio, addr], i) => {
      const v = recorded[i]!;
      const index = v.balancer === 'lb2' ? 1 : 0;
      expect([src, ttl, vrid, prio, addr]).toEqual([balancerIps[index], '255', '51', String(e.scenario.balancers.priorities[index]), vip]);
      expect(Math.abs(msOf(epoch) - v.at)).toBeLessThan(1e-3);
    });
    // Both balancers advertised: lb1 before the failover, lb2 after.
    expect(new Set(adverts.map((a) => a[1]))).toEqual(new Set(balancerIps));

    const failAt = e.run.vrrp.find((v) => v.kind === 'fail')!.at;
    const garps = tshark(e.file, 'arp.isgratuitous == 1', ['frame.time_epoch', 'eth.src', 'arp.src.hw_mac', 'arp.src.proto_ipv4']);
    const bursts = e.run.vrrp.filter((v) => v.kind === 'garp');
    expect(garps).toHaveLength(bursts.reduce((n, v) => n + (v.count ?? 1), 0));
    for (const g of garps) expect(g.slice(1)).toEqual(['00:00:5e:00:01:33', '00:00:5e:00:01:33', vip]);
    expect(garps.some(([epoch = '']) => msOf(epoch) > failAt)).toBe(true);
  });

  it('L7: HTTP request lines decode on both sides of the proxy, with X-Forwarded-For toward the server', () => {
    const e = exported('l7-routing');
    expect(e.scenario.network.handshakes).toBe(true);
    const requests = tshark(e.file, 'http.request', [
      'ip.src',
      'ip.dst',
      'http.request.method',
      'http.request.uri',
      'http.host',
      'http.x_forwarded_for',
    ]);
    const vip = e.scenario.network.vip;
    const toVip = requests.filter((r) => r[1] === vip);
    const toServers = requests.filter((r) => r[1] !== vip);
    expect(toVip.map((r) => [r[0], r[2], r[3], r[5]])).toEqual(e.run.records.map((r) => [r.client, r.method, r.path, '']));
    const served = e.run.records.filter((r) => r.server);
    expect(toServers.map((r) => [r[2], r[3], r[5]])).toEqual(served.map((r) => [r.method, r.path, r.client]));
    const statuses = tshark(e.file, 'http.response && ip.src == ' + vip, ['http.response.code']);
    expect(statuses.map((s) => Number(s[0]))).toEqual(e.run.records.filter((r) => r.status !== null).map((r) => r.status));
  });

  it('a refused connection is a reset from the server, and L7 tries the next one', () => {
    const e = exported('server-failure');
    const refused = e.run.records.flatMap((r) => r.hops.filter((h) => h.drop === 'refused' && h.dir === 'request'));
    expect(refused.length).toBeGreaterThan(0);
    const resets = tshark(e.file, 'tcp.flags.reset == 1 && tcp.srcport == 8080 && tcp.flags.syn == 0', ['ip.src', 'ip.dst', 'tcp.dstport']);
    for (const h of refused)
      expect(resets).toContainEqual([splitEndpoint(h.in!.dst).ip, splitEndpoint(h.in!.src).ip, String(splitEndpoint(h.in!.src).port)]);
  });
});

describe('tshark reassembles HTTP messages longer than the MSS', () => {
  // 100 headers of 200 characters (the schema's most): a request of about 21 kB in 15 segments.
  const headers = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`X-Big-${i}`, String(i % 10).repeat(200)]));
  const requests = [
    { at: 0, client: '203.0.113.10', path: '/search?q=big', headers },
    { at: 5, client: '192.0.2.77', path: '/map', headers },
    { at: 2000, client: '203.0.113.10', path: '/', headers },
  ];

  it.each([
    ['L7 with handshakes', { mode: 'L7', network: { handshakes: true } }],
    ['L7, connections taken as open (later requests carry on the same numbers)', { mode: 'L7', network: { handshakes: false } }],
    ['L4', { mode: 'L4' }],
  ])('%s: every request and response, with its fields', (name, settings) => {
    const parsed = parseScenarioText(JSON.stringify({ ...settings, servers: [{ name: 's1' }, { name: 's2' }], requests }));
    if (!parsed.ok) throw new Error(parsed.error);
    const run = simulateRun(parsed.scenario);
    const file = join(root, `big-${name.length}.pcap`);
    writeFileSync(file, pcapOf(parsed.scenario, run));
    const rows = tshark(file, null, ['frame.number', '_ws.expert.message', '_ws.malformed', 'ip.len']);
    expect(rows.filter((r) => /malformed|checksum|bad|incorrect|not captured|unknown/i.test(`${r[1]} ${r[2]}`))).toEqual([]);
    expect(rows.reduce((most, r) => Math.max(most, Number(r[3] || 0)), 0)).toBeLessThanOrEqual(1500);

    const got = tshark(file, 'http.request', ['http.request.method', 'http.request.uri', 'http.request.line']);
    // Each request as it left the client, and again as the balancer sent it on (in time order: compared as sets).
    const sent = run.records.flatMap((r) => r.hops.filter((h) => h.dir === 'request' && h.out).map(() => `${r.method} ${r.path}`));
    expect(got.map(([method, uri]) => `${method} ${uri}`).sort()).toEqual(sent.sort());
    for (const [, , lines = ''] of got) {
      // Host and the 100 headers, each whole (X-Forwarded-For too past an L7 balancer).
      const names = lines.split(',').map((l) => l.slice(0, l.indexOf(':')));
      for (let h = 0; h < 100; h++) expect(names).toContain(`X-Big-${h}`);
      expect(lines).toContain(`X-Big-7: ${'7'.repeat(200)}`);
    }
    const responses = tshark(file, 'http.response', ['http.response.code']);
    const back = run.records.flatMap((r) => r.hops.filter((h) => h.dir === 'response' && h.out));
    expect(responses).toHaveLength(back.length);
    expect(run.records.every((r) => r.status === 200)).toBe(true);
  });
});
