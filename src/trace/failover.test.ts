import { describe, expect, it } from 'vitest';
import { simulateRun } from '../sim/engine.ts';
import { scenarioOf } from '../sim/test/helpers.ts';
import { checksToFlip, failedAt, healthAt, vrrpAt } from './config.ts';
import { advertsAt, dropsAt, probesAt, PROBE_RESULT_MS } from './packets.ts';
import { buildTrace } from './trace.ts';

const three = [{ name: 's1' }, { name: 's2' }, { name: 's3' }];
const every = (n: number, gap: number) => Array.from({ length: n }, (_, i) => ({ at: i * gap, client: '203.0.113.10', serviceMs: 5 }));

function traced(input: object) {
  const s = scenarioOf(input);
  return { s, trace: buildTrace(simulateRun(s)) };
}

describe('what is failed at t', () => {
  it('follows the fail and restore events, inclusive of t', () => {
    const { trace } = traced({
      servers: three,
      requests: every(1, 0),
      events: [
        { at: 100, action: 'fail', target: 's2' },
        { at: 200, action: 'fail', target: 'lb1' },
        { at: 300, action: 'restore', target: 's2' },
      ],
    });
    expect([...failedAt(trace.config, 99)]).toEqual([]);
    expect([...failedAt(trace.config, 100)]).toEqual(['s2']);
    expect([...failedAt(trace.config, 250)].sort()).toEqual(['lb1', 's2']);
    expect([...failedAt(trace.config, 300)]).toEqual(['lb1']);
  });
});

describe('the VRRP pair at t', () => {
  const { s, trace } = traced({
    servers: three,
    requests: every(40, 500),
    events: [
      { at: 5000, action: 'fail', target: 'lb1' },
      { at: 15_000, action: 'restore', target: 'lb1' },
    ],
  });

  it('starts with lb1 master holding the VIP, lb2 counting down from each advert', () => {
    const v = vrrpAt(trace, s, 4500);
    expect(v.balancers.map((b) => [b.name, b.role, b.alive])).toEqual([
      ['lb1', 'master', true],
      ['lb2', 'backup', true],
    ]);
    expect(v.vip).toBe('lb1');
    expect(v.vipAnswered).toBe(true);
    expect(v.balancers[0].lastAdvert).toBe(4000);
    expect(v.takeover).toEqual({ balancer: 'lb2', at: 7609.375, reason: 'silence', masterDownMs: 3609.375 });
  });

  it('while lb1 is dead, the VIP still points at it and nobody answers until lb2 takes over', () => {
    const gap = vrrpAt(trace, s, 6000);
    expect(gap.vip).toBe('lb1');
    expect(gap.vipAnswered).toBe(false);
    expect(gap.balancers[0].alive).toBe(false);
    expect(gap.takeover?.at).toBe(7609.375);
    const after = vrrpAt(trace, s, 7609.375);
    expect(after.vip).toBe('lb2');
    expect(after.vipAnswered).toBe(true);
    expect(after.balancers[1]).toMatchObject({ role: 'master', since: 7609.375 });
    expect(after.takeover).toBeNull();
  });

  it('the restored lb1 waits as backup, then preempts when its own master-down timer runs out', () => {
    // keepalived (VRRPv2): 3 × 1,000 + (256 − 150)/256 × 1,000 ms after lb1 starts listening, the skew
    // floored to whole microseconds: 3,414.062 ms.
    const back = vrrpAt(trace, s, 15_100);
    expect(back.balancers[0]).toMatchObject({ alive: true, role: 'backup', since: 15_000 });
    expect(back.takeover).toEqual({ balancer: 'lb1', at: 18_414.062, reason: 'preempt', masterDownMs: 3414.062 });
    // lb2's next advert does not hand the VIP back: lb1 ignores a lower priority's adverts and keeps waiting.
    const advert = vrrpAt(trace, s, 15_700);
    expect(advert.balancers[1].lastAdvert).toBe(15_609.375);
    expect(advert.vip).toBe('lb2');
    expect(advert.balancers.map((b) => b.role)).toEqual(['backup', 'master']);
    expect(advert.takeover).toEqual(back.takeover);
    expect(vrrpAt(trace, s, 18_414).vip).toBe('lb2');
    const again = vrrpAt(trace, s, back.takeover!.at);
    expect(again.vip).toBe('lb1');
    expect(again.balancers.map((b) => b.role)).toEqual(['master', 'backup']);
    // The engine agrees: lb1 became master then, and its gratuitous ARPs went out in a burst, repeated 5 s later.
    const garps = trace.vrrp.filter((v) => v.balancer === 'lb1' && v.kind === 'garp' && v.at > 15_000);
    expect(garps.map((v) => [v.at, v.count, v.repeat ?? false])).toEqual([
      [18_414.062, 5, false],
      [23_414.062, 5, true],
    ]);
  });
});

describe("health as each balancer sees it (L7: HAProxy's checks; L4's keepalived checks: src/sim/test/keepalivedChecks.test.ts)", () => {
  const { trace } = traced({
    mode: 'L7',
    servers: three,
    healthCheck: {},
    requests: every(40, 500),
    events: [
      { at: 5000, action: 'fail', target: 's2' },
      { at: 12_000, action: 'restore', target: 's2' },
    ],
  });
  const down = trace.health.find((h) => h.balancer === 'lb1' && h.state === 'down')!;

  // HAProxy's health counter with the defaults rise 2, fall 3: 0–1 down, 2–4 up; a pass while up goes to 4.
  const hc = { rise: 2, fall: 3 };

  it("counts HAProxy's health down while up, then shows down after `fall` failed checks", () => {
    const failedProbes = trace.probes.filter((p) => p.balancer === 'lb1' && p.server === 's2' && !p.ok);
    const view = (t: number) => healthAt(trace, t, hc).get('lb1')?.get('s2');
    expect(view(4000)).toEqual({ state: 'up', health: 4 });
    expect(checksToFlip(view(4000)!, hc)).toBe(3);
    expect(view(failedProbes[0]!.doneAt)).toEqual({ state: 'up', health: 3 });
    expect(view(failedProbes[1]!.doneAt)).toEqual({ state: 'up', health: 2 });
    expect(checksToFlip(view(failedProbes[1]!.doneAt)!, hc)).toBe(1);
    expect(down.at).toBe(failedProbes[2]!.doneAt);
    expect(view(down.at)).toEqual({ state: 'down', health: 0 });
    expect(checksToFlip(view(down.at)!, hc)).toBe(2);
    expect(healthAt(trace, down.at, hc).get('lb1')?.get('s1')).toEqual({ state: 'up', health: 4 });
    // Restored at 12,000 ms: one pass is not enough (rise 2), the second brings it up, straight to the top.
    const up = trace.health.find((h) => h.balancer === 'lb1' && h.state === 'up')!;
    const passed = trace.probes.filter((p) => p.balancer === 'lb1' && p.server === 's2' && p.ok && p.at >= 12_000);
    expect(view(passed[0]!.doneAt)).toEqual({ state: 'down', health: 1 });
    expect(up.at).toBe(passed[1]!.doneAt);
    expect(view(up.at)).toEqual({ state: 'up', health: 4 });
    expect(view(trace.end)?.state).toBe('up');
  });

  it('agrees with the engine on every change it records', () => {
    for (const h of trace.health) {
      expect(healthAt(trace, h.at, hc).get(h.balancer)?.get(h.server)?.state, `${h.balancer} ${h.server} at ${h.at}`).toBe(h.state);
      expect(
        healthAt(trace, h.at - 0.001, hc)
          .get(h.balancer)
          ?.get(h.server)?.state ?? 'up',
      ).not.toBe(h.state);
    }
  });

  it('forgets a failed balancer and starts a restarted one afresh', () => {
    const { trace: t2 } = traced({
      mode: 'L7',
      servers: three,
      healthCheck: {},
      requests: every(40, 500),
      events: [
        { at: 1000, action: 'fail', target: 's2' },
        { at: 9000, action: 'fail', target: 'lb1' },
        { at: 9500, action: 'restore', target: 'lb1' },
      ],
    });
    const hc = { rise: 2, fall: 3 };
    expect(healthAt(t2, 8999, hc).get('lb1')?.get('s2')?.state).toBe('down');
    expect(healthAt(t2, 9200, hc).has('lb1')).toBe(false);
    expect(healthAt(t2, 9500, hc).get('lb1')?.get('s2')).toBeUndefined();
    // Afresh means up at health = rise, as HAProxy starts a server: its first failed check takes it down.
    const first = t2.probes.find((p) => p.balancer === 'lb1' && p.server === 's2' && p.at >= 9500)!;
    expect(first.ok).toBe(false);
    expect(healthAt(t2, first.doneAt, hc).get('lb1')?.get('s2')).toEqual({ state: 'down', health: 0 });
    expect(
      t2.health
        .filter((h) => h.balancer === 'lb1' && h.server === 's2')
        .map((h) => [h.at, h.state])
        .at(-1),
    ).toEqual([first.doneAt, 'down']);
  });
});

describe('the balancers own packets on the drawing', () => {
  const { trace } = traced({
    servers: [{ name: 's1' }, { name: 's2', onFailure: 'timeout' }],
    healthCheck: {},
    requests: every(10, 500),
    network: { serverLatencyMs: 5 },
    events: [
      { at: 3000, action: 'fail', target: 's2' },
      { at: 3000, action: 'fail', target: 'lb1' },
    ],
  });
  const leg = 5;

  it('moves a probe out and back, then shows its result', () => {
    const p = trace.probes.find((x) => x.ok)!;
    const at = (t: number) =>
      probesAt(trace, t, leg)
        .filter((x) => x.balancer === p.balancer && x.server === p.server)
        .map((x) => `${x.phase} ${x.frac.toFixed(2)}`);
    expect(at(p.at + 2.5)).toEqual(['out 0.50']);
    expect(at(p.at + 7.5)).toEqual(['back 0.50']);
    expect(at(p.doneAt + 1)).toEqual(['result 0.90']);
    expect(at(p.doneAt + PROBE_RESULT_MS)).toEqual([]);
  });

  it('a probe of a server that does not answer goes out and never comes back', () => {
    const p = trace.probes.find((x) => !x.ok && x.server === 's2')!;
    const at = (t: number) =>
      probesAt(trace, t, leg)
        .filter((x) => x.index === trace.probes.indexOf(p))
        .map((x) => x.phase);
    expect(at(p.at + 1)).toEqual(['out']);
    expect(at(p.at + 50)).toEqual([]);
    expect(at(p.doneAt + 1)).toEqual(['result']);
  });

  it('draws each advert from the master to the other balancer for a moment', () => {
    expect(advertsAt(trace, 1100)).toEqual([{ index: 1, from: 'lb1', to: 'lb2', frac: 0.5 }]);
    expect(advertsAt(trace, 1300)).toEqual([]);
  });

  it('marks where packets were lost', () => {
    const lost = trace.records.flatMap((r) => r.hops.filter((h) => h.drop === 'lost' && h.node === 'lb1'));
    expect(lost.length).toBeGreaterThan(0);
    const marks = dropsAt(trace, lost[0]!.at + 1);
    expect(marks.some((m) => m.node === 'lb1' && m.drop === 'lost')).toBe(true);
    expect(dropsAt(trace, 2000)).toEqual([]);
  });
});
