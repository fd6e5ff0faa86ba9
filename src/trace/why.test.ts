import { describe, expect, it } from 'vitest';
import failover from '../scenarios/failover.json';
import l7Routing from '../scenarios/l7-routing.json';
import { simulateRun } from '../sim/engine.ts';
import { scenarioOf } from '../sim/test/helpers.ts';
import { buildTrace } from './trace.ts';
import { decidedAt, whyAt } from './why.ts';

function traced(input: object) {
  const s = scenarioOf(input);
  return { s, trace: buildTrace(simulateRun(s)) };
}

describe('the why across a failover (failover.json: lb1 fails at 8 s, lb2 takes over, lb1 is back and preempts)', () => {
  const { s, trace } = traced(failover);
  const master = (b: string, after: number) => trace.vrrp.find((v) => v.kind === 'master' && v.balancer === b && v.at > after)!.at;
  const takeover = master('lb2', 8000);
  const back = master('lb1', 20_000);
  const firstBy = (b: string, after: number) =>
    trace.records
      .filter((r) => r.balancer === b && decidedAt(r) !== null && decidedAt(r)! > after)
      .sort((x, y) => decidedAt(x)! - decidedAt(y)!)[0]!;

  it("before the failure: lb1 decided, and it is named; in L4 the pick is IPVS's lc (the scenario's least-connections), not nginx's", () => {
    const w = whyAt(trace, s, 7000, null);
    expect(w.kind).toBe('ipvs');
    if (w.kind === 'ipvs') {
      expect(w.balancer).toBe('lb1');
      expect(w.ipvs.scheduler).toBe('lc');
      expect(w.record.decision).toBeNull();
    }
  });

  it('after lb1 dies and before lb2 decides anything: lb1 is down, lb2 takes over at the run’s time', () => {
    const lb2First = decidedAt(firstBy('lb2', 8000))!;
    expect(lb2First).toBeGreaterThan(takeover);
    for (const t of [8000, 9000, takeover - 1, takeover, lb2First - 0.001]) {
      const w = whyAt(trace, s, t, null);
      expect(w.kind, `at ${t}`).toBe('takeover');
      if (w.kind === 'takeover') expect([w.from, w.down, w.to, w.at]).toEqual(['lb1', true, 'lb2', takeover]);
    }
  });

  it('once lb2 has decided, its decisions are told, never lb1’s', () => {
    const first = firstBy('lb2', 8000);
    const w = whyAt(trace, s, decidedAt(first)!, null);
    expect(w.kind).toBe('ipvs');
    if (w.kind === 'ipvs') expect([w.balancer, w.record.id]).toEqual(['lb2', first.id]);
    for (let t = decidedAt(first)!; t < 20_000; t += 250) {
      const later = whyAt(trace, s, t, null);
      expect(later.kind === 'ipvs' && later.balancer, `at ${t}`).toBe('lb2');
    }
  });

  it('a request lost at dead lb1 and retransmitted to lb2 waits for lb2, not lb1', () => {
    const retried = trace.records.find((r) => r.balancer === 'lb2' && r.hops.some((h) => h.node === 'lb1' && h.drop === 'lost'))!;
    const lostAt = retried.hops.find((h) => h.node === 'lb1')!.at;
    const w = whyAt(trace, s, lostAt, retried);
    expect(w.kind).toBe('waiting');
    if (w.kind === 'waiting') expect([w.balancer, w.at]).toEqual(['lb2', decidedAt(retried)]);
  });

  it('when lb1 preempts back, lb2’s last pick gives way to "lb1 took over"', () => {
    const w = whyAt(trace, s, back, null);
    expect(w.kind).toBe('takeover');
    if (w.kind === 'takeover') expect([w.from, w.down, w.to, w.at]).toEqual(['lb2', false, 'lb1', back]);
  });
});

describe('the why in L7 (l7-routing.json)', () => {
  const { s, trace } = traced(l7Routing);
  const byPath = (p: string, n = 0) => trace.records.filter((r) => r.path === p)[n]!;

  it('names the rule that routed the request: its match and servers', () => {
    const r = byPath('/map');
    const w = whyAt(trace, s, decidedAt(r)!, r);
    expect(w.kind).toBe('decision');
    if (w.kind === 'decision') expect(w.rule).toEqual({ index: 1, match: { pathPrefix: '/map' }, servers: ['s2'] });
  });

  it('a request no rule matches: no rule, in a scenario that has rules', () => {
    const r = byPath('/static/app.js');
    const w = whyAt(trace, s, r.doneAt, r);
    expect(w.kind === 'decision' && [w.rule, w.rules]).toEqual([null, true]);
  });

  it('a cache hit is answered by the balancer itself, at its answer, not "step forward"', () => {
    const r = byPath('/static/app.js', 1);
    expect(r.outcome).toBe('cached');
    const w = whyAt(trace, s, r.doneAt, r);
    expect(w.kind).toBe('answered');
    if (w.kind === 'answered') expect([w.how, w.balancer]).toEqual(['cached', 'lb1']);
    // Latest decision too: at the moment of its answer it is the one told.
    const latest = whyAt(trace, s, decidedAt(r)!, null);
    expect(latest.kind === 'answered' && latest.record.id).toBe(r.id);
  });

  it('a block is answered by the balancer itself, with its status', () => {
    const r = byPath('/admin');
    const w = whyAt(trace, s, r.doneAt, r);
    expect(w.kind === 'answered' && [w.how, w.status]).toEqual(['blocked', 403]);
  });

  it('nothing decided yet: none', () => {
    expect(whyAt(trace, s, 0, null).kind).toBe('none');
  });
});

describe('the why in L4: IPVS picks, or a persistence template does', () => {
  it("IPVS's 'no destination available' is told at the balancer's ICMP answer, not as a lost request (ip_vs_leave, ip_vs_core.c)", () => {
    const { s, trace } = traced({ servers: [{ name: 's1', down: true }], requests: [{ at: 0, client: '192.0.2.1' }] });
    const r = trace.records[0]!;
    const answer = r.hops.find((h) => h.node === 'lb1' && h.dir === 'response')!;
    expect(decidedAt(r)).toBe(answer.at);
    const w = whyAt(trace, s, r.doneAt, r);
    expect(w.kind === 'ipvs' && [w.ipvs.chosen, w.ipvs.error]).toEqual([null, 'no destination available']);
    expect(whyAt(trace, s, answer.at, null).kind).toBe('ipvs');
  });

  it("a client's template (keepalived's persistence_timeout; ip_vs_sched_persist) picks its second connection, no scheduler", () => {
    const { s, trace } = traced({
      persistenceTimeoutMs: 300_000,
      servers: [{ name: 's1' }, { name: 's2' }],
      requests: [
        { at: 0, client: '192.0.2.1' },
        { at: 100, client: '192.0.2.1' },
      ],
    });
    const second = trace.records[1]!;
    const w = whyAt(trace, s, second.doneAt, second);
    expect(w.kind === 'persistent' && [w.timeoutMs, w.record.server]).toEqual([300_000, 's1']);
  });
});
