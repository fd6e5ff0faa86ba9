import { describe, expect, it } from 'vitest';
import failover from '../scenarios/failover.json';
import { simulateRun } from '../sim/engine.ts';
import { scenarioOf } from '../sim/test/helpers.ts';
import { firstGarp, garpAt, GARP_SHOW_MS } from './garp.ts';
import { buildTrace } from './trace.ts';

describe('the gratuitous ARP burst on the drawing', () => {
  const trace = buildTrace(simulateRun(scenarioOf(failover)));
  const takeover = trace.vrrp.find((v) => v.kind === 'garp' && v.balancer === 'lb2' && !v.repeat)!;
  const repeat = trace.vrrp.find((v) => v.kind === 'garp' && v.balancer === 'lb2' && v.repeat)!;

  it('is drawn from the takeover for GARP_SHOW_MS, spreading, and again at its repeat', () => {
    expect(garpAt(trace, takeover.at - 1)).toBeNull();
    expect(garpAt(trace, takeover.at)).toMatchObject({ garp: { balancer: 'lb2' }, frac: 0 });
    expect(garpAt(trace, takeover.at)!.garp.repeat).toBeUndefined();
    expect(garpAt(trace, takeover.at + GARP_SHOW_MS / 2)!.frac).toBeCloseTo(0.5);
    expect(garpAt(trace, takeover.at + GARP_SHOW_MS)).toBeNull();
    expect(garpAt(trace, repeat.at + 1)).toMatchObject({ garp: { balancer: 'lb2', repeat: true } });
  });

  it('not the first election at 0 ms: the starting state', () => {
    expect(garpAt(trace, 0)).toBeNull();
    expect(firstGarp(trace)).toBe(5000);
  });
});
