import { describe, expect, it } from 'vitest';
import { simulateRun } from '../sim/engine.ts';
import { parseScenario } from '../sim/scenario.ts';
import failover from '../scenarios/failover.json';
import serverFailure from '../scenarios/server-failure.json';
import { MIN_GAP, ticksPath, timelineMarks, TICK_BUCKETS } from './marks.ts';
import { buildTrace, startOf } from './trace.ts';

function run(input: unknown) {
  const p = parseScenario(input);
  if (!p.ok) throw new Error(p.error);
  return { scenario: p.scenario, trace: buildTrace(simulateRun(p.scenario)) };
}

describe('timeline marks', () => {
  const { scenario, trace } = run(failover);
  const m = timelineMarks(trace, scenario.events);

  it('counts every request once, in the bucket of its start', () => {
    expect(m.ticks).toHaveLength(TICK_BUCKETS);
    expect(m.ticks.reduce((a, b) => a + b, 0)).toBe(trace.records.length);
    const r = trace.records[5]!;
    expect(m.ticks[Math.floor((startOf(r) / trace.end) * TICK_BUCKETS)]).toBeGreaterThan(0);
    expect(m.most).toBe(m.ticks.reduce((a, b) => Math.max(a, b), 0));
  });

  it('marks the failure, the restore and each move of the VIP (not the election at 0 ms nor the repeated ARPs)', () => {
    expect(m.marks.map((k) => [k.kind, Math.round(k.at)])).toEqual([
      ['fail', 8000],
      ['failover', 10609],
      ['restore', 20000],
      ['failover', 23414],
    ]);
    const takeover = m.marks[1]!;
    expect(takeover.kind === 'failover' && takeover.vrrp.balancer).toBe('lb2');
    expect(m.marks[0]!.x).toBeCloseTo(8000 / trace.end, 6);
  });

  it('puts marks that would overlap on separate lanes', () => {
    expect(m.lanes).toBe(1);
    const crowded = timelineMarks(trace, [
      { at: 8000, action: 'fail', target: 's1' },
      { at: 8100, action: 'fail', target: 's2' },
      { at: 8000 + trace.end * MIN_GAP, action: 'restore', target: 's1' },
    ]);
    expect(crowded.marks.map((k) => [k.kind, k.lane])).toEqual([
      ['fail', 0],
      ['fail', 1],
      ['restore', 0],
      ['failover', 0],
      ['failover', 0],
    ]);
    expect(crowded.lanes).toBe(2);
  });

  it('marks a server failure from the scenario, with no VIP move', () => {
    const s = run(serverFailure);
    const marks = timelineMarks(s.trace, s.scenario.events).marks;
    expect(marks.length).toBeGreaterThan(0);
    expect(marks.every((k) => k.kind !== 'failover')).toBe(true);
    expect(marks[0]).toMatchObject({ kind: 'fail', at: 5000 });
  });
});

describe('the ticks path', () => {
  it('draws one tick per busy bucket, the busiest full height, none for empty buckets', () => {
    expect(ticksPath([0, 2, 0, 1], 2, 400, 30)).toBe('M150 30V0M350 30V10');
    expect(ticksPath([0, 0], 0, 100, 10)).toBe('');
  });

  it('stays one short path however many requests there are', () => {
    const ticks = Array.from({ length: TICK_BUCKETS }, (_, i) => 10_000 + i);
    expect(ticksPath(ticks, 20_000, 1000, 10).split('M')).toHaveLength(TICK_BUCKETS + 1);
  });
});
