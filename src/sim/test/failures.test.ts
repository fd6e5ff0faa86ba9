import { describe, expect, it } from 'vitest';
import { simulateRun } from '../engine.ts';
import { INSTANT, run, scenarioOf } from './helpers.ts';

const three = [{ name: 's1' }, { name: 's2' }, { name: 's3' }];
const every = (n: number, gap: number, from = 0, client = '203.0.113.10') =>
  Array.from({ length: n }, (_, i) => ({ at: from + i * gap, client, serviceMs: 5 }));
const path = (r: { hops: { node: string; dir: string; drop?: string }[] }) =>
  r.hops.map((h) => `${h.node}/${h.dir}${h.drop ? `:${h.drop}` : ''}`).join(' ');

// L7 is nginx 1.22's proxy: it retries the next server (ngx_http_upstream.c,
// ngx_http_upstream_next, proxy_next_upstream "error timeout") and answers 502 or 504 itself.
describe('L7 (nginx): a failed server that refuses connections', () => {
  const recs = run({
    mode: 'L7',
    servers: three,
    network: INSTANT,
    requests: every(9, 100),
    events: [{ at: 50, action: 'fail', target: 's2' }],
  });

  it('refuses the next request sent to it; nginx retries it on the next server', () => {
    const r = recs[1]!;
    expect(r.outcome).toBe('ok');
    expect(r.server).toBe('s3');
    expect(path(r)).toBe(
      'client/request lb1/request lb1/request s2/request:refused s2/response lb1/response:refused lb1/request s3/request s3/response lb1/response client/response',
    );
  });

  it('is then skipped for fail_timeout (10 s), as max_fails=1 says', () => {
    expect(recs.slice(2).map((r) => r.server)).not.toContain('s2');
    expect(recs.slice(2).every((r) => r.outcome === 'ok')).toBe(true);
    expect(recs[2]!.decision!.skipped).toContainEqual({ name: 's2', reason: 'failed' });
  });

  it("answers 502 Bad Gateway when no server is left (nginx; 503 would be HAProxy's)", () => {
    const all = run({
      mode: 'L7',
      servers: three,
      network: INSTANT,
      requests: every(2, 100),
      events: ['s1', 's2', 's3'].map((target) => ({ at: 50, action: 'fail' as const, target })),
    });
    expect(all[1]).toMatchObject({ outcome: 'unavailable', status: 502, server: null });
  });
});

describe('L7 (nginx): a failed server that does not answer', () => {
  it('holds the request until the connect timeout, then nginx tries the next server', () => {
    const [r] = run({
      mode: 'L7',
      servers: [{ name: 's1', onFailure: 'timeout' }, { name: 's2' }],
      network: INSTANT,
      timeouts: { connectMs: 3000 },
      requests: every(1, 0, 100),
      events: [{ at: 0, action: 'fail', target: 's1' }],
    });
    expect(r!.outcome).toBe('ok');
    expect(r!.server).toBe('s2');
    expect(r!.latencyMs).toBeCloseTo(3006.5, 3);
    expect(path(r!)).toContain('s1/request:lost lb1/response:timeout lb1/request s2/request');
  });

  it('times out the requests it was serving when it hung (read timeout)', () => {
    const [r] = run({
      mode: 'L7',
      servers: [{ name: 's1', onFailure: 'timeout' }, { name: 's2' }],
      network: INSTANT,
      timeouts: { readMs: 2000 },
      requests: [{ at: 0, client: '203.0.113.10', serviceMs: 500 }],
      events: [{ at: 100, action: 'fail', target: 's1' }],
    });
    // Read timeout at 2 s, then the whole 500 ms of work again on s2.
    expect(r).toMatchObject({ outcome: 'ok', server: 's2' });
    expect(r!.latencyMs).toBeCloseTo(2501.5, 3);
  });

  it('answers 504 Gateway Timeout when the last try timed out', () => {
    const [r] = run({
      mode: 'L7',
      servers: [{ name: 's1', onFailure: 'timeout' }],
      network: INSTANT,
      timeouts: { connectMs: 1000, clientMs: 10_000 },
      requests: every(1, 0, 100),
      events: [{ at: 0, action: 'fail', target: 's1' }],
    });
    expect(r).toMatchObject({ outcome: 'timeout', status: 504, server: null });
  });

  it('the client gives up after its own timeout', () => {
    const [r] = run({
      mode: 'L7',
      servers: [{ name: 's1', onFailure: 'timeout' }],
      network: INSTANT,
      timeouts: { connectMs: 60_000, clientMs: 10_000 },
      requests: every(1, 0, 100),
      events: [{ at: 0, action: 'fail', target: 's1' }],
    });
    expect(r).toMatchObject({ outcome: 'timeout', status: null });
    expect(r!.doneAt).toBe(10_100);
  });
});

// L4 is a Linux kernel NAT with conntrack: the server is chosen at the SYN and pinned
// (nf_conntrack keeps the DNAT for the connection's life); nothing retries, nothing speaks HTTP.
describe('L4 (kernel NAT): a failed server', () => {
  it('refuses: its RST is rewritten back through the NAT to the client; no retry', () => {
    const recs = run({
      servers: three,
      network: INSTANT,
      requests: every(4, 100),
      events: [{ at: 50, action: 'fail', target: 's2' }],
    });
    const r = recs[1]!;
    expect(r).toMatchObject({ server: 's2', outcome: 'reset', status: null });
    expect(path(r)).toBe('client/request lb1/request s2/request:refused s2/response lb1/response client/response:reset');
    const back = r.hops.find((h) => h.node === 'lb1' && h.dir === 'response')!;
    expect(back.in).toEqual({ src: '10.0.0.12:8080', dst: `198.51.100.1:${r.nat!.local.split(':')[1]}` });
    expect(back.out!.src).toBe('198.51.100.1:80');
    // IPVS observes no failures: nginx's max_fails plays no part, s2 keeps its turn in rr
    // (ip_vs_rr.c skips only overloaded or weight-0 dests).
    expect(recs.map((x) => x.server)).toEqual(['s1', 's2', 's3', 's1']);
    expect(r.decision).toBeNull();
    expect(r.ipvs).toMatchObject({ scheduler: 'rr', chosen: 's2', skipped: [] });
  });

  it("with no server at all: the client's connection is reset, and no HTTP status is given", () => {
    const all = run({
      servers: three,
      network: INSTANT,
      requests: every(1, 0, 100),
      events: ['s1', 's2', 's3'].map((target) => ({ at: 0, action: 'remove-server' as const, target })),
    });
    expect(all[0]).toMatchObject({ outcome: 'unavailable', status: null, server: null });
    expect(path(all[0]!)).toBe('client/request lb1/request lb1/response client/response:reset');
  });

  it('that does not answer: the balancer has no timer; the client gives up at its own timeout', () => {
    const [r] = run({
      servers: [{ name: 's1', onFailure: 'timeout' }, { name: 's2' }],
      network: INSTANT,
      timeouts: { connectMs: 1000, clientMs: 10_000 },
      requests: every(1, 0, 100),
      events: [{ at: 0, action: 'fail', target: 's1' }],
    });
    expect(r).toMatchObject({ outcome: 'timeout', status: null, server: 's1' });
    expect(r!.doneAt).toBe(10_100);
    expect(path(r!)).toBe('client/request lb1/request s1/request:lost client/response:timeout');
  });

  it("keeps the client's source port when the rewritten tuple is unique, as Linux SNAT does", () => {
    const recs = run({ servers: three, requests: every(3, 100) });
    for (const r of recs) expect(r.nat!.local.split(':')[1]).toBe(r.nat!.client.split(':')[1]);
  });

  it('picks another port only when the tuple would clash', () => {
    // Two clients on different addresses, same port: the SNAT source is the VIP for both.
    const recs = run({
      servers: [{ name: 's1' }],
      network: { natSource: 'vip' },
      requests: [
        { at: 0, client: '203.0.113.10', serviceMs: 1000 },
        { at: 0, client: '192.0.2.77', serviceMs: 1000 },
      ],
      seed: 3,
    });
    const ports = recs.map((r) => r.nat!.local.split(':')[1]);
    const clientPorts = recs.map((r) => r.nat!.client.split(':')[1]);
    if (clientPorts[0] === clientPorts[1]) expect(ports[0]).not.toBe(ports[1]);
    expect(new Set(ports).size).toBe(2);
  });
});

// L4's checks are keepalived's TCP_CHECK (check_tcp.c, tcp_epilog): delay_loop (the lab's 2 s)
// after each check, retry 1 and delay_before_retry 1 s by default (check_api.c, queue_checker).
describe("active health checks in L4: keepalived's TCP_CHECK (delay_loop 2 s, retry 1, delay_before_retry 1 s)", () => {
  const run1 = simulateRun(
    scenarioOf({
      servers: three,
      healthCheck: {},
      requests: every(40, 500),
      events: [
        { at: 5000, action: 'fail', target: 's2' },
        { at: 12_000, action: 'restore', target: 's2' },
      ],
    }),
  );
  const lb1 = run1.health.filter((h) => h.balancer === 'lb1');

  it('marks the server down at its second failed check in a row (one retry, 1 s after the first), and up at its first pass', () => {
    expect(lb1.map((h) => [h.server, h.state])).toEqual([
      ['s2', 'down'],
      ['s2', 'up'],
    ]);
    const failed = run1.probes.filter((p) => p.balancer === 'lb1' && p.server === 's2' && !p.ok);
    expect(failed.length).toBeGreaterThanOrEqual(2);
    expect(failed[1]!.at).toBe(failed[0]!.doneAt + 1000);
    expect(lb1[0]!.at).toBe(failed[1]!.doneAt);
    expect(failed[0]!.at).toBeLessThanOrEqual(5000 + 2000 + 10);
    const passed = run1.probes.filter((p) => p.balancer === 'lb1' && p.server === 's2' && p.ok && p.at >= 12_000);
    expect(lb1[1]!.at).toBe(passed[0]!.doneAt);
    expect(lb1[1]!.at).toBeLessThanOrEqual(12_000 + 2000 + 10);
  });

  it('in L4, requests pinned to s2 before the checks notice are reset; s2 gets none while down', () => {
    const early = run1.records.filter((r) => r.server === 's2' && r.at >= 5000 && r.at < lb1[0]!.at);
    expect(early.length).toBeGreaterThan(0);
    expect(early.every((r) => r.outcome === 'reset')).toBe(true);
    const down = run1.records.filter((r) => r.at > lb1[0]!.at && r.at < lb1[1]!.at);
    expect(down.length).toBeGreaterThan(5);
    expect(down.map((r) => r.server)).not.toContain('s2');
  });
});

describe('balancer failover (VRRP)', () => {
  const failover = (extra: object) =>
    simulateRun(
      scenarioOf({
        servers: three,
        requests: [...every(30, 400), { at: 4000, client: '192.0.2.77', serviceMs: 4000 }],
        events: [
          { at: 5000, action: 'fail', target: 'lb1' },
          { at: 15_000, action: 'restore', target: 'lb1' },
        ],
        ...extra,
      }),
    );
  const plain = failover({});

  it('the standby takes the VIP after 3 × advert + (256 − 100)/256 s of silence, and announces it', () => {
    const lb2 = plain.vrrp.filter((v) => v.balancer === 'lb2' && (v.kind === 'master' || v.kind === 'garp'));
    expect(lb2.map((v) => v.kind).slice(0, 2)).toEqual(['master', 'garp']);
    // lb1's last advert went out at 4 s (it died at 5 s): 4000 + 3000 + 609.375.
    expect(lb2[0]!.at).toBeCloseTo(7609.375, 3);
  });

  it("announces the VIP with keepalived's burst of 5 gratuitous ARPs, repeated 5 s later (garp_master_repeat, garp_master_delay)", () => {
    const garps = plain.vrrp.filter((v) => v.balancer === 'lb2' && v.kind === 'garp');
    expect(garps.slice(0, 2).map((v) => [v.at, v.count])).toEqual([
      [7609.375, 5],
      [12_609.375, 5],
    ]);
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

  it("without sync, lb2 cannot know the client of a connection open through lb1: it resets the server's side and the client waits until it gives up", () => {
    const long = (res: typeof plain) => res.records.find((r) => r.client === '192.0.2.77')!;
    const lost = long(plain);
    expect(lost).toMatchObject({ outcome: 'timeout', status: null });
    expect(lost.doneAt).toBe(4000 + 120_000);
    const reset = lost.hops.find((h) => h.drop === 'reset')!;
    expect(reset).toMatchObject({ node: 'lb2', dir: 'response' });
    // The reset goes back to the server, never to a client lb2 does not know.
    expect(reset.out!.dst).toBe(lost.nat!.server);
    expect(lost.hops.some((h) => h.node === 'client' && h.dir === 'response' && h.in)).toBe(false);
    // conntrackd copies the kernel's NAT entry: the connection survives.
    expect(long(failover({ balancers: { sync: true } }))).toMatchObject({
      outcome: 'ok',
      status: 200,
      balancer: 'lb2',
    });
  });

  it("sync never saves an L7 proxy's connections: they are sockets of the dead nginx", () => {
    const l7 = (sync: boolean) => failover({ mode: 'L7', balancers: { sync } }).records.find((r) => r.client === '192.0.2.77')!;
    expect(l7(true).outcome).toBe(l7(false).outcome);
    expect(l7(true).outcome).not.toBe('ok');
  });

  it('the restored primary starts as backup and takes the VIP back when its own master-down timer runs out (RFC 3768 §6.4.2, keepalived vrrp.c), unless preemption is off', () => {
    const back = plain.vrrp.filter((v) => v.at >= 15_000 && v.kind === 'master');
    expect(back.map((v) => v.balancer)).toEqual(['lb1']);
    // Priority 150 with 1 s adverts (VRRPv2): 3 s + (256 − 150)/256 s = 3,414.062 ms after it returned.
    expect(back[0]!.at).toBeCloseTo(15_000 + 3414.062, 3);
    const after = plain.records.filter((r) => r.at > 16_500);
    expect(after.every((r) => r.balancer === 'lb1')).toBe(true);
    const stay = failover({ balancers: { preempt: false } });
    expect(stay.vrrp.filter((v) => v.at >= 15_000 && v.kind === 'master')).toEqual([]);
    expect(stay.records.filter((r) => r.at > 16_500).every((r) => r.balancer === 'lb2')).toBe(true);
  });
});

describe('connection sync across a failover and back', () => {
  it("a returning primary takes a copy of its peer's table: flows picked by lb2 are answered through lb1 after preemption", async () => {
    const scenario = (await import('../../scenarios/failover-sync.json')).default;
    const recs = simulateRun(scenarioOf(scenario)).records;
    const crossed = recs.filter(
      (r) => r.hops.some((h) => h.node === 'lb2' && h.dir === 'request') && r.hops.some((h) => h.node === 'lb1' && h.dir === 'response'),
    );
    expect(crossed.length).toBeGreaterThan(0);
    expect(crossed.every((r) => r.outcome === 'ok')).toBe(true);
    expect(recs.filter((r) => r.outcome === 'reset')).toEqual([]);
  });
});
