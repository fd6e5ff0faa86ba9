import { describe, expect, it } from 'vitest';
import { simulateRun } from '../engine.ts';
import { INSTANT, run, scenarioOf } from './helpers.ts';

const three = [{ name: 's1' }, { name: 's2' }, { name: 's3' }];
const every = (n: number, gap: number, from = 0, client = '203.0.113.10') =>
  Array.from({ length: n }, (_, i) => ({ at: from + i * gap, client, serviceMs: 5 }));
const path = (r: { hops: { node: string; dir: string; drop?: string }[] }) =>
  r.hops.map((h) => `${h.node}/${h.dir}${h.drop ? `:${h.drop}` : ''}`).join(' ');

describe('a failed server that refuses connections', () => {
  const recs = run({
    servers: three, network: INSTANT, requests: every(9, 100),
    events: [{ at: 50, action: 'fail', target: 's2' }],
  });

  it('refuses the next request sent to it; nginx retries it on the next server', () => {
    const r = recs[1]!;
    expect(r.outcome).toBe('ok');
    expect(r.server).toBe('s3');
    expect(path(r)).toBe('client/request lb1/request s2/request:refused s2/response lb1/response:refused lb1/request s3/request s3/response lb1/response client/response');
  });

  it('is then skipped for fail_timeout (10 s), as max_fails=1 says', () => {
    expect(recs.slice(2).map((r) => r.server)).not.toContain('s2');
    expect(recs.slice(2).every((r) => r.outcome === 'ok')).toBe(true);
    expect(recs[2]!.decision!.skipped).toContainEqual({ name: 's2', reason: 'failed' });
  });

  it('answers 503 when no server is left', () => {
    const all = run({
      servers: three, network: INSTANT, requests: every(2, 100),
      events: ['s1', 's2', 's3'].map((target) => ({ at: 50, action: 'fail' as const, target })),
    });
    expect(all[1]).toMatchObject({ outcome: 'unavailable', status: 503, server: null });
  });
});

describe('a failed server that does not answer', () => {
  it('holds the request until the connect timeout, then nginx tries the next server', () => {
    const [r] = run({
      servers: [{ name: 's1', onFailure: 'timeout' }, { name: 's2' }], network: INSTANT,
      timeouts: { connectMs: 3000 }, requests: every(1, 0, 100),
      events: [{ at: 0, action: 'fail', target: 's1' }],
    });
    expect(r!.outcome).toBe('ok');
    expect(r!.server).toBe('s2');
    expect(r!.latencyMs).toBeCloseTo(3005, 0);
    expect(path(r!)).toContain('s1/request:lost lb1/response:timeout lb1/request s2/request');
  });

  it('times out the requests it was serving when it hung (read timeout)', () => {
    const [r] = run({
      servers: [{ name: 's1', onFailure: 'timeout' }, { name: 's2' }], network: INSTANT,
      timeouts: { readMs: 2000 }, requests: [{ at: 0, client: '203.0.113.10', serviceMs: 500 }],
      events: [{ at: 100, action: 'fail', target: 's1' }],
    });
    // Read timeout at 2 s, then the whole 500 ms of work again on s2.
    expect(r).toMatchObject({ outcome: 'ok', server: 's2' });
    expect(r!.latencyMs).toBeCloseTo(2500, 0);
  });

  it('the client gives up after its own timeout', () => {
    const [r] = run({
      servers: [{ name: 's1', onFailure: 'timeout' }], network: INSTANT,
      timeouts: { connectMs: 60_000, clientMs: 10_000 }, requests: every(1, 0, 100),
      events: [{ at: 0, action: 'fail', target: 's1' }],
    });
    expect(r).toMatchObject({ outcome: 'timeout', status: null });
    expect(r!.doneAt).toBe(10_100);
  });
});

describe('active health checks (interval 2 s, fall 3, rise 2)', () => {
  const run1 = simulateRun(scenarioOf({
    servers: three, healthCheck: {}, requests: every(40, 500),
    events: [{ at: 5000, action: 'fail', target: 's2' }, { at: 12_000, action: 'restore', target: 's2' }],
  }));
  const lb1 = run1.health.filter((h) => h.balancer === 'lb1');

  it('marks the server down after three failed probes, and up after two good ones', () => {
    expect(lb1.map((h) => [h.server, h.state])).toEqual([['s2', 'down'], ['s2', 'up']]);
    expect(lb1[0]!.at).toBeGreaterThan(5000 + 2 * 2000);
    expect(lb1[0]!.at).toBeLessThanOrEqual(5000 + 3 * 2000 + 10);
    expect(lb1[1]!.at).toBeGreaterThan(12_000 + 2000);
    expect(lb1[1]!.at).toBeLessThanOrEqual(12_000 + 2 * 2000 + 10);
    expect(run1.probes.filter((p) => p.server === 's2' && !p.ok).length).toBeGreaterThanOrEqual(3);
  });

  it('leaves no request lost in the window; s2 gets none while down', () => {
    expect(run1.records.every((r) => r.outcome === 'ok')).toBe(true);
    const down = run1.records.filter((r) => r.at > lb1[0]!.at && r.at < lb1[1]!.at);
    expect(down.length).toBeGreaterThan(5);
    expect(down.map((r) => r.server)).not.toContain('s2');
  });
});

describe('balancer failover (VRRP)', () => {
  const failover = (extra: object) => simulateRun(scenarioOf({
    servers: three, requests: [...every(30, 400), { at: 4000, client: '192.0.2.77', serviceMs: 4000 }],
    events: [{ at: 5000, action: 'fail', target: 'lb1' }, { at: 15_000, action: 'restore', target: 'lb1' }],
    ...extra,
  }));
  const plain = failover({});

  it('the standby takes the VIP after 3 × advert + (256 − 100)/256 s of silence, and announces it', () => {
    const lb2 = plain.vrrp.filter((v) => v.balancer === 'lb2' && (v.kind === 'master' || v.kind === 'garp'));
    expect(lb2.map((v) => v.kind).slice(0, 2)).toEqual(['master', 'garp']);
    // lb1's last advert went out at 4 s (it died at 5 s): 4000 + 3000 + 609.375.
    expect(lb2[0]!.at).toBeCloseTo(7609.375, 3);
  });

  it('requests sent while nobody answers for the VIP are retransmitted and served by lb2', () => {
    const gap = plain.records.filter((r) => r.at > 5000 && r.at < 7600);
    expect(gap.length).toBeGreaterThan(3);
    for (const r of gap) {
      expect(r.outcome).toBe('ok');
      expect(r.balancer).toBe('lb2');
      expect(path(r)).toContain('lb1/request:lost');
    }
  });

  it('a connection open through lb1 is reset without sync, and survives with sync', () => {
    const long = (res: typeof plain) => res.records.find((r) => r.client === '192.0.2.77')!;
    expect(long(plain)).toMatchObject({ outcome: 'reset', status: null });
    expect(long(failover({ balancers: { sync: true } }))).toMatchObject({ outcome: 'ok', status: 200, balancer: 'lb2' });
  });

  it('the restored primary takes the VIP back (preemption), unless preemption is off', () => {
    const back = plain.vrrp.filter((v) => v.at >= 15_000 && v.kind === 'master').map((v) => v.balancer);
    expect(back).toEqual(['lb1']);
    const after = plain.records.filter((r) => r.at > 16_500);
    expect(after.every((r) => r.balancer === 'lb1')).toBe(true);
    const stay = failover({ balancers: { preempt: false } });
    expect(stay.vrrp.filter((v) => v.at >= 15_000 && v.kind === 'master')).toEqual([]);
    expect(stay.records.filter((r) => r.at > 16_500).every((r) => r.balancer === 'lb2')).toBe(true);
  });
});

describe('connection sync across a failover and back', () => {
  it('a returning primary takes a copy of its peer\'s table: flows picked by lb2 are answered through lb1 after preemption', async () => {
    const scenario = (await import('../../scenarios/failover-sync.json')).default;
    const recs = simulateRun(scenarioOf(scenario)).records;
    const crossed = recs.filter((r) => r.hops.some((h) => h.node === 'lb2' && h.dir === 'request') && r.hops.some((h) => h.node === 'lb1' && h.dir === 'response'));
    expect(crossed.length).toBeGreaterThan(0);
    expect(crossed.every((r) => r.outcome === 'ok')).toBe(true);
    expect(recs.filter((r) => r.outcome === 'reset')).toEqual([]);
  });
});
