import { momentOf } from './trace.ts';
import { describe, expect, it } from 'vitest';
import { INSTANT, requests, run } from '../sim/test/helpers.ts';
import { unpackStep } from './momentStep.ts';
import { packetsAt } from './packets.ts';
import { snapshotAt } from './snapshot.ts';
import { buildTrace, momentIndexAt, nextMomentTime, prevMomentTime } from './trace.ts';

const three = [{ name: 's1' }, { name: 's2' }, { name: 's3' }];

describe('trace playback queries', () => {
  const records = run({ servers: three, requests: [{ at: 0, client: '203.0.113.10', serviceMs: 5 }] });
  const trace = buildTrace(records);
  const hopTimes = records[0]!.hops.map((h) => h.at);

  it('orders every moment: DNS query, DNS answer, then each hop', () => {
    expect(Array.from(trace.momentHop, (_, i) => unpackStep(momentOf(trace, i).hop))).toEqual([
      { kind: 'dns-query' },
      { kind: 'dns-answer' },
      ...[0, 1, 2, 3, 4, 5].map((hop) => ({ kind: 'hop', hop })),
    ]);
    expect([...trace.times]).toEqual([0, 10, ...hopTimes]);
    expect(trace.end).toBe(records[0]!.doneAt);
  });

  it('steps from moment to moment, forward and back', () => {
    expect(nextMomentTime(trace, 0)).toBe(10);
    expect(nextMomentTime(trace, 10)).toBe(hopTimes[1]);
    expect(prevMomentTime(trace, hopTimes[1]!)).toBe(10);
    expect(prevMomentTime(trace, 0)).toBeNull();
    expect(nextMomentTime(trace, trace.end)).toBeNull();
    expect(momentIndexAt(trace, -1)).toBe(-1);
  });

  it('places the packet on the right link at each time', () => {
    const at = (t: number) => packetsAt(trace, t).map((p) => `${p.kind} ${p.from}->${p.to} ${p.frac.toFixed(2)}`);
    expect(at(2.5)).toEqual(['dns client:203.0.113.10->dns 0.50']);
    expect(at(15)).toEqual(['request client:203.0.113.10->lb1 0.50']);
    expect(at(hopTimes[2]! + 1)).toEqual(['request s1->s1 0.00']);
    expect(at(hopTimes[4]! + 5)).toEqual([`response lb1->client:203.0.113.10 ${(5 / (hopTimes[5]! - hopTimes[4]!)).toFixed(2)}`]);
    expect(at(trace.end)).toEqual([]);
  });

  it('knows the NAT table, connections and statistics at any time', () => {
    const open = snapshotAt(trace, ['s1', 's2', 's3'], hopTimes[2]!);
    expect(open.nat.map((n) => [n.id, n.server])).toEqual([[1, 's1']]);
    expect(open.conns).toEqual({ s1: 1, s2: 0, s3: 0 });
    expect(open.finished).toBe(0);
    const after = snapshotAt(trace, ['s1', 's2', 's3'], trace.end);
    expect(after.nat).toEqual([]);
    expect(after.finished).toBe(1);
    expect(after.latencyMeanMs).toBe(records[0]!.latencyMs);
    expect(after.assigned).toEqual({ s1: 1, s2: 0, s3: 0 });
  });

  it('computes p95 latency over finished requests', () => {
    const recs = run({
      servers: three,
      network: INSTANT,
      requests: requests(20).map((r, i) => ({ ...r, serviceMs: i + 1 })),
    });
    const s = snapshotAt(buildTrace(recs), ['s1', 's2', 's3'], 1000);
    expect(s.finished).toBe(20);
    expect(s.latencyP95Ms).toBe(19);
  });
});

describe('stepping through what the balancers do', () => {
  it('stops at the failover moments too, and leaves no packet drawn where one was lost', async () => {
    const { simulateRun } = await import('../sim/engine.ts');
    const { scenarioOf } = await import('../sim/test/helpers.ts');
    const trace = buildTrace(
      simulateRun(
        scenarioOf({
          servers: three,
          requests: [
            { at: 0, client: '203.0.113.10' },
            { at: 5500, client: '203.0.113.10' },
          ],
          events: [{ at: 5000, action: 'fail', target: 'lb1' }],
        }),
      ),
    );
    expect(nextMomentTime(trace, 4999)).toBe(5000);
    const garp = trace.vrrp.find((v) => v.kind === 'garp' && v.balancer === 'lb2')!;
    expect(nextMomentTime(trace, garp.at - 0.001)).toBe(garp.at);
    expect(prevMomentTime(trace, garp.at + 0.001)).toBe(garp.at);
    const lost = trace.records[1]!.hops.find((h) => h.drop === 'lost')!;
    expect(packetsAt(trace, lost.at + 100)).toEqual([]);
  });
});
