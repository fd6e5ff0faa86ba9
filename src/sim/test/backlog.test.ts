import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKLOG } from '../defaults.ts';
import { Simulation, simulateRun } from '../engine.ts';
import { RTO_MS, SYN_RETRIES } from '../retries.ts';
import { parseScenario } from '../scenario.ts';
import type { Hop, RequestRecord } from '../types.ts';
import { scenarioOf } from './helpers.ts';

const net = { clientLatencyMs: 10, serverLatencyMs: 1, dnsLatencyMs: 5, balancerMs: 0.1, proxyMs: 0.5 };
const at = (ms: number, serviceMs = 100_000) => ({ at: ms, client: '203.0.113.10', serviceMs });
const byId = (records: RequestRecord[], id: number) => records.find((r) => r.id === id)!;
const sentAgain = (r: RequestRecord, node: string) => r.hops.filter((h) => h.node === node && h.retransmit !== undefined);
const overflows = (r: RequestRecord) => r.hops.filter((h) => h.drop === 'overflow');

describe('the listen backlog, against its source', () => {
  it("defaults to 511, nginx's listen backlog on Linux (NGX_LISTEN_BACKLOG, src/os/unix/ngx_linux_config.h)", () => {
    expect(DEFAULT_BACKLOG).toBe(511);
    expect(scenarioOf({ servers: [{ name: 's1' }], requests: [at(0)] }).servers[0]!.backlog).toBe(511);
    expect(scenarioOf({ servers: [{ name: 's1', backlog: 3 }], requests: [at(0)] }).servers[0]!.backlog).toBe(3);
  });

  it('refuses a backlog that is not a whole number from 1 to 65535, naming the field, in both languages', () => {
    for (const [backlog, says] of [
      [0, 'must be at least 1 (got 0)'],
      [1.5, 'must be a whole number (got 1.5)'],
      [70_000, 'must be at most 65535 (got 70000)'],
      ['511', 'must be a listen backlog'],
    ] as const) {
      const r = parseScenario({ servers: [{ name: 's1', backlog }], requests: [at(0)] });
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.error).toContain('backlog');
      expect(r.error).toContain(says);
      expect(r.problem.ko).toContain('backlog');
    }
  });
});

describe("RFC 6298's initial RTO and Linux's tcp_syn_retries", () => {
  it('the first retransmission timeout is 1 s (RFC 6298, 2.1), doubled each time (5.5); a SYN is sent again 6 times (tcp_syn_retries)', () => {
    expect(RTO_MS).toBe(1000);
    expect(SYN_RETRIES).toBe(6);
  });
});

describe('L4: a full accept queue drops the SYN; the client sends it again', () => {
  // s1 serves one request at a time and queues one more: the third finds its queue full.
  const records = simulateRun(
    scenarioOf({
      servers: [{ name: 's1', concurrency: 1, backlog: 1 }],
      network: net,
      timeouts: { clientMs: 3_600_000 },
      requests: [at(0, 200_000), at(1, 200_000), at(2)],
    }),
  ).records;
  const r = byId(records, 3);
  const firstSyn = r.hops[0]!.at;

  it('drops it at the server, as it arrives', () => {
    expect(overflows(r).length).toBe(SYN_RETRIES + 1);
    expect(overflows(r).every((h) => h.node === 's1' && h.dir === 'request' && h.in !== null && h.out === null)).toBe(true);
  });

  it('the client sends its SYN again 1 s, 3 s, 7 s, 15 s, 31 s and 63 s after the first, then gives up at 127 s', () => {
    const again = sentAgain(r, 'client');
    expect(again.map((h) => h.retransmit)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(again.map((h) => Math.round(h.at - firstSyn))).toEqual([1000, 3000, 7000, 15_000, 31_000, 63_000]);
    expect(again.every((h) => h.out?.src === r.hops[0]!.out!.src && h.out.dst === r.hops[0]!.out!.dst)).toBe(true);
    const last = r.hops[r.hops.length - 1]!;
    expect([last.node, last.dir, last.drop]).toEqual(['client', 'response', 'timeout']);
    expect(last.at - firstSyn).toBeCloseTo(127_000, 6);
    expect(r.outcome).toBe('timeout');
  });

  it('each SYN sent again passes the NAT to the same server, through the same conntrack entry', () => {
    const atLb: Hop[] = r.hops.filter((h) => h.node === 'lb1');
    expect(atLb.length).toBe(SYN_RETRIES + 1);
    expect(new Set(atLb.map((h) => JSON.stringify(h.out))).size).toBe(1);
  });

  it('a client whose deadline comes first stops then (timeouts.clientMs)', () => {
    const early = simulateRun(
      scenarioOf({
        servers: [{ name: 's1', concurrency: 1, backlog: 1 }],
        network: net,
        timeouts: { clientMs: 10_000 },
        requests: [at(0, 200_000), at(1, 200_000), at(2)],
      }),
    ).records;
    const x = byId(early, 3);
    expect(sentAgain(x, 'client').map((h) => h.retransmit)).toEqual([1, 2, 3]);
    expect(x.doneAt).toBeCloseTo(10_002, 6);
  });
});

describe('L4: once the queue has room, the SYN sent again gets in, at the server picked at the first SYN', () => {
  // Round robin: #1 s1, #2 s2, #3 queued at s1, #4 queued at s2, #5 finds s1's queue full.
  const records = simulateRun(
    scenarioOf({
      servers: [
        { name: 's1', concurrency: 1, backlog: 1 },
        { name: 's2', concurrency: 1, backlog: 1 },
      ],
      network: net,
      requests: [at(0, 1500), at(1, 1500), at(2, 10), at(3, 1500), at(4, 10)],
    }),
  ).records;
  const r = byId(records, 5);

  it('is dropped at 1 s (s1 still full), then accepted at 3 s and answered', () => {
    expect(overflows(r).length).toBe(2);
    expect(sentAgain(r, 'client').map((h) => h.retransmit)).toEqual([1, 2]);
    expect(r.server).toBe('s1');
    expect(r.hops.filter((h) => h.node === 's2')).toEqual([]);
    expect(r.outcome).toBe('ok');
    expect(r.latencyMs).toBeGreaterThan(3000);
  });
});

describe("L7: nginx's connection to the server is the one that retries", () => {
  const runL7 = (connectMs: number, servers: object[]) =>
    simulateRun(
      scenarioOf({
        mode: 'L7',
        servers,
        network: net,
        timeouts: { connectMs },
        requests: [at(0, 200_000), at(1, 200_000), at(2)],
      }),
    ).records;

  it('nginx sends its SYN again at 1 s and 3 s, then gives up at proxy_connect_timeout (5 s): 504 with one server', () => {
    const r = byId(runL7(5000, [{ name: 's1', concurrency: 1, backlog: 1 }]), 3);
    const again = sentAgain(r, 'lb1');
    expect(again.map((h) => h.retransmit)).toEqual([1, 2]);
    const first = r.hops.find((h) => h.node === 'lb1' && h.dir === 'request' && h.out)!;
    expect(again.map((h) => Math.round(h.at - first.at))).toEqual([1000, 3000]);
    expect(again.every((h) => h.in === null && h.out?.dst === '10.0.0.11:8080')).toBe(true);
    expect(sentAgain(r, 'client')).toEqual([]);
    const gaveUp = r.hops.find((h) => h.node === 'lb1' && h.drop === 'timeout')!;
    expect(gaveUp.at - first.at).toBeCloseTo(5000, 6);
    expect([r.outcome, r.status]).toEqual(['timeout', 504]);
  });

  it('after its connect timeout nginx tries the next server (proxy_next_upstream timeout), and answers 504 when none is left', () => {
    // Round robin: #1 s1, #2 s2, #3 queued at s1, #4 queued at s2; #5 finds both full.
    const records = simulateRun(
      scenarioOf({
        mode: 'L7',
        servers: [
          { name: 's1', concurrency: 1, backlog: 1 },
          { name: 's2', concurrency: 1, backlog: 1 },
        ],
        network: net,
        timeouts: { connectMs: 2000 },
        requests: [at(0), at(1), at(2), at(3), at(4)],
      }),
    ).records;
    const r = byId(records, 5);
    expect(overflows(r).map((h) => h.node)).toEqual(['s1', 's1', 's2', 's2']);
    expect(r.hops.filter((h) => h.node === 'lb1' && h.drop === 'timeout').length).toBe(2);
    expect([r.outcome, r.status]).toEqual(['timeout', 504]);
  });
});

describe('with handshakes, a dropped SYN is a SYN segment of the connection that opened later', () => {
  it('keeps its drop in `tcp`', () => {
    const records = simulateRun(
      scenarioOf({
        servers: [
          { name: 's1', concurrency: 1, backlog: 1 },
          { name: 's2', concurrency: 1, backlog: 1 },
        ],
        network: { ...net, handshakes: true },
        // #5 comes once #3 and #4 are in the queues (a handshake takes a round trip).
        requests: [at(0, 1500), at(1, 1500), at(2, 10), at(3, 1500), at(100, 10)],
      }),
    ).records;
    const r = byId(records, 5);
    expect(r.outcome).toBe('ok');
    const dropped = (r.tcp ?? []).filter((s) => s.drop === 'overflow');
    expect(dropped.length).toBeGreaterThan(0);
    expect(dropped.every((s) => s.flags === 'SYN' && s.node === 's1')).toBe(true);
    expect(r.hops.some((h) => h.drop === 'overflow')).toBe(false);
  });
});

describe('bounded cost', () => {
  const load = (servers: number) =>
    simulateRun(
      scenarioOf({
        servers: Array.from({ length: servers }, (_, i) => ({ name: `s${i + 1}` })),
        load: { clients: 6, ratePerSec: 6000, durationMs: 2000 },
      }),
    );

  it('a swamped server costs a few times the events per request of the same requests spread over six, no more', () => {
    const spread = load(6);
    const swamped = load(1);
    expect(swamped.records.length).toBe(spread.records.length);
    expect(swamped.records.some((r) => r.hops.some((h) => h.drop === 'overflow'))).toBe(true);
    const perRequest = (r: typeof spread) => r.records.reduce((n, x) => n + x.hops.length + (x.tcp?.length ?? 0), 0) / r.records.length;
    expect(perRequest(swamped)).toBeLessThan(5 * perRequest(spread));
  });

  it('however deep the overload, a request costs a bounded number of events: at most 7 SYNs, 3 events each, and a few more', () => {
    const swamp = (seconds: number) => {
      const sim = new Simulation(
        scenarioOf({ servers: [{ name: 's1' }], load: { clients: 6, ratePerSec: 6000, durationMs: seconds * 1000 } }),
        { record: false },
      );
      sim.run();
      return sim.stats.events / sim.stats.finished;
    };
    const bound = 3 * (SYN_RETRIES + 1) + 6;
    for (const seconds of [1, 4]) expect(swamp(seconds)).toBeLessThan(bound);
  });
});
