import { describe, expect, it } from 'vitest';
import { run, scenarioOf } from '../../sim/test/helpers.ts';
import { configAt } from '../../trace/config.ts';
import { snapshotAt } from '../../trace/snapshot.ts';
import { buildTrace } from '../../trace/trace.ts';
import { serverStats } from './statsRows.ts';

describe('per-server statistics', () => {
  const input = {
    algorithm: 'weighted-round-robin',
    servers: [{ name: 's1', weight: 2 }, { name: 's2' }, { name: 's3', down: true }],
    requests: Array.from({ length: 6 }, (_, i) => ({ at: i * 100, client: '192.0.2.1', serviceMs: 5 })),
  };
  const s = scenarioOf(input);
  const trace = buildTrace(run(input));

  it("counts, shares and the weights' expected shares", () => {
    const snap = snapshotAt(trace, ['s1', 's2', 's3'], Infinity);
    expect(serverStats(snap, configAt(s, Infinity, trace.config))).toEqual([
      { name: 's1', count: 4, share: 67, expected: 67, open: 0 },
      { name: 's2', count: 2, share: 33, expected: 33, open: 0 },
      { name: 's3', count: 0, share: 0, expected: 0, open: 0 },
    ]);
  });

  it('shows no expected share for least connections', () => {
    const lc = scenarioOf({ ...input, algorithm: 'least-connections' });
    const snap = snapshotAt(trace, ['s1', 's2', 's3'], 0);
    expect(serverStats(snap, configAt(lc, 0, [])).map((r) => r.expected)).toEqual([null, null, null]);
  });
});
