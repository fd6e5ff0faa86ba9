import { describe, expect, it } from 'vitest';
import { configAt, failedAt } from '../../trace/config.ts';
import { assemble, CHUNKED, type ChunkedKey } from '../../store/workerProtocol.ts';
import { buildTrace } from '../../trace/trace.ts';
import { simulateRun } from '../engine.ts';
import { scenarioOf } from './helpers.ts';

const scenario = scenarioOf({
  servers: [{ name: 's1' }, { name: 's2' }, { name: 's3' }],
  requests: [{ at: 0, client: '203.0.113.10', serviceMs: 5 }],
  events: [
    { at: 100, action: 'set-algorithm', algorithm: 'least-connections' },
    { at: 200, action: 'set-weight', target: 's1', weight: 4 },
    { at: 300, action: 'remove-server', target: 's2' },
    { at: 400, action: 'add-server', server: { name: 's4', weight: 2 } },
    { at: 500, action: 'set-load', clients: 2, durationMs: 100 },
    { at: 600, action: 'request', client: '192.0.2.77' },
    { at: 700, action: 'fail', target: 's3' },
    { at: 800, action: 'fail', target: 'lb1' },
    { at: 900, action: 'restore', target: 's3' },
  ],
});
const run = simulateRun(scenario);

describe("the engine's configuration records", () => {
  it('record each change as the engine applied it, and nothing for a request', () => {
    expect(run.config).toEqual([
      { at: 100, kind: 'algorithm', algorithm: 'least-connections' },
      { at: 200, kind: 'weight', server: 's1', weight: 4 },
      { at: 300, kind: 'member', server: 's2', member: false },
      { at: 400, kind: 'member', server: 's4', member: true },
      // No rate given and no load before: the engine's own default, 1 a second.
      { at: 500, kind: 'load', clients: ['203.0.113.10', '192.0.2.77'], ratePerSec: 1 },
      { at: 700, kind: 'failed', node: 's3', failed: true },
      { at: 800, kind: 'failed', node: 'lb1', failed: true },
      { at: 900, kind: 'failed', node: 's3', failed: false },
    ]);
  });

  it('are what configAt and failedAt replay, inclusive of t', () => {
    const at = (t: number) => configAt(scenario, t, run.config);
    expect(at(99).algorithm).toBe('round-robin');
    expect(at(100).algorithm).toBe('least-connections');
    expect(at(250).servers.map((x) => [x.name, x.weight, x.member])).toEqual([
      ['s1', 4, true],
      ['s2', 1, true],
      ['s3', 1, true],
      ['s4', 2, false],
    ]);
    expect(at(Infinity).servers.map((x) => x.member)).toEqual([true, false, true, true]);
    expect([at(550).clients, at(550).ratePerSec]).toEqual([['203.0.113.10', '192.0.2.77'], 1]);
    expect([...at(850).failed].sort()).toEqual(['lb1', 's3']);
    expect([...failedAt(run.config, 950)]).toEqual(['lb1']);
  });

  it('cross from the worker with the rest of the trace', () => {
    const trace = buildTrace(run);
    expect(CHUNKED).toContain('config');
    const pieces = Object.fromEntries(CHUNKED.map((k) => [k, [trace[k].slice(0, 3), trace[k].slice(3)]])) as Record<
      ChunkedKey,
      unknown[][]
    >;
    const empty = Object.fromEntries(CHUNKED.map((k) => [k, []]));
    expect(assemble({ ...trace, ...empty }, pieces).config).toEqual(run.config);
  });
});
