import { describe, expect, it } from 'vitest';
import sessions from '../scenarios/sessions.json';
import classroom from '../scenarios/classroom.json';
import l7 from '../scenarios/l7-routing.json';
import { simulateRun } from '../sim/engine.ts';
import type { ScenarioInput } from '../sim/scenario.ts';
import { scenarioOf } from '../sim/test/helpers.ts';
import type { Said } from '../sim/said.ts';
import { compareSides, sides } from './sideBySide.ts';

const ok = <T>(x: T | Said): T => {
  if (!Array.isArray(x)) throw new Error((x as Said).en);
  return x;
};

describe('side by side', () => {
  it('runs identical traffic on both sides: same requests, clients and times', () => {
    const [a, b] = sides(classroom as ScenarioInput, [], {
      kind: 'algorithms',
      a: 'round-robin',
      b: 'least-connections',
    });
    const ra = simulateRun(scenarioOf(a)).records,
      rb = simulateRun(scenarioOf(b)).records;
    expect(ra.map((r) => [r.id, r.client, r.at])).toEqual(rb.map((r) => [r.id, r.client, r.at]));
  });

  it('round robin loses sessions where IP hash keeps every one', () => {
    const [rr, hash] = ok(compareSides(sessions as ScenarioInput, [], { kind: 'algorithms', a: 'round-robin', b: 'ip-hash' }));
    expect(rr.sessionsLost).toBeGreaterThan(0);
    expect(hash.sessionsLost).toBe(0);
    expect(hash.sessionsKept).toBeGreaterThan(0);
  });

  it("a user's algorithm change does not undo the comparison", () => {
    const [a, b] = sides(classroom as ScenarioInput, [{ at: 100, action: 'set-algorithm', algorithm: 'ip-hash' }], {
      kind: 'algorithms',
      a: 'round-robin',
      b: 'weighted-round-robin',
    });
    expect(a.events!.some((e) => e.action === 'set-algorithm')).toBe(false);
    expect([a.algorithm, b.algorithm]).toEqual(['round-robin', 'weighted-round-robin']);
  });

  it('L7 costs more per request than L4: its proxying, both ways, shows in the latency', () => {
    const [l4, l7side] = ok(compareSides(classroom as ScenarioInput, [], { kind: 'layers' }));
    const s = scenarioOf(classroom);
    expect(l7side.balancerMsPerRequest - l4.balancerMsPerRequest).toBeCloseTo(2 * (s.network.proxyMs - s.network.balancerMs), 9);
    expect(l7side.latencyMeanMs).toBeGreaterThan(l4.latencyMeanMs + 2 * (s.network.proxyMs - s.network.balancerMs) - 1e-9);
  });

  it('with handshakes, both layers pay the same round trips (L4 end to end, L7 in two halves): L7 still costs its proxying', () => {
    const one = {
      servers: [{ name: 's1' }],
      requests: [
        { at: 0, client: '192.168.0.1', serviceMs: 5 },
        { at: 500, client: '192.168.0.1', serviceMs: 5 },
      ],
    };
    const net = scenarioOf(one).network;
    for (const handshakes of [false, true]) {
      const [l4, l7side] = ok(compareSides({ ...one, network: { handshakes } }, [], { kind: 'layers' }));
      // L4's SYN and SYN-ACK also cross the balancer, which forwards them too.
      const extra = 2 * net.proxyMs - (handshakes ? 4 : 2) * net.balancerMs;
      expect(l7side.latencyMeanMs - l4.latencyMeanMs).toBeCloseTo(extra, 9);
    }
  });

  it('L7 can answer from its cache and block; L4 cannot', () => {
    const [l4, l7side] = ok(compareSides(l7 as ScenarioInput, [], { kind: 'layers' }));
    expect(l4.outcomes.cached + l4.outcomes.blocked).toBe(0);
    expect(l7side.outcomes.cached + l7side.outcomes.blocked).toBeGreaterThan(0);
  });
});

describe('evenness counts idle servers', () => {
  it('110, 118 and 0 requests is far from even: busiest ÷ average', async () => {
    const { figuresOf } = await import('./sideBySide.ts');
    const { scenarioOf } = await import('../sim/test/helpers.ts');
    const s = scenarioOf({
      servers: [{ name: 's1' }, { name: 's2' }, { name: 's3' }],
      requests: [{ at: 0, client: '203.0.113.10' }],
    });
    const rec = (server: string) => ({ outcome: 'ok', server, status: 200, latencyMs: 1, session: null }) as never;
    const records = [...Array.from({ length: 110 }, () => rec('s1')), ...Array.from({ length: 118 }, () => rec('s2'))];
    expect(figuresOf('ip-hash', s, records).spread).toBeCloseTo(118 / (228 / 3), 6);
    const even = [
      ...Array.from({ length: 100 }, () => rec('s1')),
      ...Array.from({ length: 100 }, () => rec('s2')),
      ...Array.from({ length: 100 }, () => rec('s3')),
    ];
    expect(figuresOf('round-robin', s, even).spread).toBe(1);
  });
});
