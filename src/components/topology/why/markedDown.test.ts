import { describe, expect, it } from 'vitest';
import serverFailure from '../../../scenarios/server-failure.json';
import { simulateRun } from '../../../sim/engine.ts';
import { parseScenario } from '../../../sim/scenario.ts';
import { healthAt } from '../../../trace/config.ts';
import { buildTrace } from '../../../trace/trace.ts';
import { healthMarks, markedDown, passiveMarks } from './markedDown.ts';

function run(input: unknown) {
  const parsed = parseScenario(input);
  if (!parsed.ok) throw new Error(parsed.error);
  return { scenario: parsed.scenario, trace: buildTrace(simulateRun(parsed.scenario)) };
}

const both = new Set(['lb1', 'lb2']);

describe('links marked down', () => {
  const { scenario, trace } = run(serverFailure);
  const firstFail = trace.records
    .flatMap((r) => r.hops)
    .filter((h) => h.node === 'lb1' && h.drop === 'refused')
    .map((h) => h.at)
    .sort((a, b) => a - b)[0]!;

  it('nginx (L7) sets s2 aside at its first failed request, not when it fails', () => {
    expect(firstFail).toBeGreaterThan(5000);
    // s2 failed at 5 s; until a request to it fails, lb1 still believes in it.
    expect(passiveMarks(trace, scenario, firstFail - 1, both)).toEqual([]);
    expect(passiveMarks(trace, scenario, firstFail, both)).toEqual([{ balancer: 'lb1', server: 's2', by: 'passive' }]);
    // Not from a dead balancer.
    expect(passiveMarks(trace, scenario, firstFail, new Set(['lb2']))).toEqual([]);
  });

  it('fail_timeout (10 s, in whole seconds) ends the passive mark', () => {
    const lastFail = trace.records
      .flatMap((r) => r.hops)
      .filter((h) => h.node === 'lb1' && h.drop === 'refused')
      .map((h) => h.at)
      .sort((a, b) => a - b)
      .at(-1)!;
    const after = (Math.floor(lastFail / 1000) + 11) * 1000;
    expect(passiveMarks(trace, scenario, after, both)).toEqual([]);
  });

  it('health checks hold s2 down on each balancer; they win over the passive mark', () => {
    const t = 11_000;
    const active = healthMarks(healthAt(trace, t, scenario.healthCheck!));
    expect(active).toEqual(
      expect.arrayContaining([
        { balancer: 'lb1', server: 's2', by: 'health' },
        { balancer: 'lb2', server: 's2', by: 'health' },
      ]),
    );
    const all = markedDown(active, passiveMarks(trace, scenario, t, both));
    expect(all.filter((m) => m.server === 's2' && m.balancer === 'lb1')).toEqual([{ balancer: 'lb1', server: 's2', by: 'health' }]);
  });

  it('L4 marks nothing: a kernel NAT sees no failures', () => {
    const l4 = run({ ...serverFailure, mode: 'L4', healthCheck: undefined });
    expect(passiveMarks(l4.trace, l4.scenario, 8000, both)).toEqual([]);
  });
});
