import { describe, expect, it } from 'vitest';
import failover from '../../scenarios/failover.json';
import { simulateRun } from '../../sim/engine.ts';
import { scenarioOf } from '../../sim/test/helpers.ts';
import { buildTrace } from '../../trace/trace.ts';
import type { Algorithm } from '../../sim/algorithms/pick.ts';
import { legendItems, whyWords } from './legendItems.ts';

describe('the legend names the gratuitous ARP and the why marks in play', () => {
  const s = scenarioOf(failover);
  const trace = buildTrace(simulateRun(s));
  const takeover = trace.vrrp.find((v) => v.kind === 'garp' && v.balancer === 'lb2')!.at;

  it('the gratuitous ARP from its first drawn burst (the repeat at 5 s), not before', () => {
    expect(legendItems(s, trace, 4999)).not.toContain('garp');
    expect(legendItems(s, trace, 5000)).toContain('garp');
    expect(legendItems(s, trace, takeover)).toContain('garp');
  });

  it('the marks the why draws now: bars or the hash for a decision, dots for least connections, the ring while it runs', () => {
    const at = (why: Parameters<typeof legendItems>[3]) => legendItems(s, trace, 9000, why).filter((i) => i.startsWith('why'));
    expect(at({ algorithm: 'least-connections', decided: false, countdown: true })).toEqual(['whyDots', 'whyRing']);
    expect(at({ algorithm: 'weighted-round-robin', decided: true, countdown: false })).toEqual(['whyBars']);
    expect(at({ algorithm: 'round-robin', decided: false, countdown: false })).toEqual([]);
    expect(at({ algorithm: 'ip-hash', decided: true, countdown: false })).toEqual(['whyHash']);
    expect(at(undefined)).toEqual([]);
  });

  it("in L4 the marks are IPVS's, drawn only for a pick: wrr's bars, rr's walk, lc/wlc's overheads, sh's bucket", () => {
    const at = (algorithm: Algorithm, decided: boolean) =>
      legendItems(s, trace, 9000, { algorithm, decided, countdown: false, mode: 'L4' }).filter((i) => i.startsWith('why'));
    expect(at('weighted-round-robin', true)).toEqual(['whyBars']);
    expect(at('round-robin', true)).toEqual(['whyWalk']);
    expect(at('least-connections', true)).toEqual(['whyDots']);
    expect(at('weighted-least-connections', true)).toEqual(['whyDots']);
    expect(at('ip-hash', true)).toEqual(['whyHash']);
    // IPVS's counts come from the pick: no dots before one.
    expect(at('least-connections', false)).toEqual([]);
    expect([whyWords('whyBars', 'L4'), whyWords('whyDots', 'L4'), whyWords('whyHash', 'L4'), whyWords('whyWalk', 'L4')]).toEqual([
      'legend.whyBarsL4',
      'legend.whyDotsL4',
      'legend.whyHashL4',
      'legend.whyWalk',
    ]);
    expect(whyWords('whyBars', 'L7')).toBeNull();
  });
});
