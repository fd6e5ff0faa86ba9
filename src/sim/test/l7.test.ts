import { describe, expect, it } from 'vitest';
import { milliRate } from '../l7.ts';
import { parseScenario } from '../scenario.ts';
import { INSTANT, run } from './helpers.ts';

const three = [{ name: 's1' }, { name: 's2' }, { name: 's3' }];
const req = (at: number, path: string, extra: object = {}) => ({
  at,
  client: '203.0.113.10',
  path,
  serviceMs: 5,
  ...extra,
});

describe("L7: the balancer ends the client's connection and opens its own", () => {
  const [r] = run({ mode: 'L7', servers: three, requests: [req(0, '/')] });
  const lbIn = r!.hops.find((h) => h.node === 'lb1' && h.dir === 'request' && h.in)!;
  const lbOut = r!.hops.find((h) => h.node === 'lb1' && h.dir === 'request' && h.out)!;

  it("two connections: client -> VIP:80 ends at lb1; lb1's own address -> server", () => {
    expect(lbIn.in!.dst).toBe('198.51.100.1:80');
    expect(lbIn.out).toBeNull();
    expect(lbOut.in).toBeNull();
    expect(lbOut.out!.src).toMatch(/^10\.0\.0\.2:\d+$/);
    expect(r!.nat!.local).toMatch(/^10\.0\.0\.2:/);
  });

  it("the server sees the balancer's address and the client in X-Forwarded-For", () => {
    const at = r!.hops.find((h) => h.node === 's1' && h.dir === 'request')!;
    expect(at.in!.src).toMatch(/^10\.0\.0\.2:/);
    expect(r!.headers).toEqual({ Host: 'www.example.com', 'X-Forwarded-For': '203.0.113.10' });
    expect(r!.hops.at(-1)!.in!.src).toBe('198.51.100.1:80');
  });

  it("costs the proxy's time on the way in and out, compared with L4", () => {
    const traffic = Array.from({ length: 30 }, (_, i) => req(i * 50, '/'));
    const mean = (mode: 'L4' | 'L7') => {
      const rs = run({ mode, servers: three, requests: traffic });
      return rs.reduce((a, x) => a + x.latencyMs, 0) / rs.length;
    };
    // proxyMs 0.5 twice instead of balancerMs 0.1 twice.
    expect(mean('L7') - mean('L4')).toBeCloseTo(0.8, 6);
  });
});

describe('L7 routing, cache and blocking', () => {
  it('routes by path, header and cookie (/search -> s1, /map -> s2, X-Beta: 1 -> s3)', () => {
    const recs = run({
      mode: 'L7',
      servers: three,
      rules: [
        { match: { pathPrefix: '/search' }, servers: ['s1'] },
        { match: { pathPrefix: '/map' }, servers: ['s2'] },
        { match: { header: 'X-Beta', equals: '1' }, servers: ['s3'] },
        { match: { cookie: 'beta', equals: 'yes' }, servers: ['s3'] },
      ],
      requests: [
        req(0, '/search?q=lb'),
        req(10, '/map'),
        req(20, '/search'),
        req(30, '/', { headers: { 'X-Beta': '1' } }),
        req(40, '/', { cookies: { beta: 'yes' } }),
        req(50, '/map/tiles'),
      ],
    });
    expect(recs.map((r) => r.server)).toEqual(['s1', 's2', 's1', 's3', 's3', 's2']);
    expect(recs.map((r) => r.rule)).toEqual([0, 1, 0, 2, 3, 1]);
  });

  it('serves a repeated static file from its cache until the TTL runs out', () => {
    const recs = run({
      mode: 'L7',
      servers: three,
      cache: { pathPrefixes: ['/static'], ttlMs: 1000 },
      requests: [req(0, '/static/app.js'), req(200, '/static/app.js'), req(400, '/'), req(1500, '/static/app.js')],
    });
    expect(recs.map((r) => r.outcome)).toEqual(['ok', 'cached', 'ok', 'ok']);
    expect(recs[1]!.server).toBeNull();
    expect(recs[1]!.hops.map((h) => h.node)).toEqual(['client', 'lb1', 'lb1', 'client']);
    expect(recs[1]!.latencyMs).toBeLessThan(recs[0]!.latencyMs);
  });

  it('refuses L7 settings in an L4 scenario, saying why', () => {
    expect(() => run({ servers: three, rules: [{ match: { pathPrefix: '/a' }, servers: ['s1'] }], requests: [req(0, '/')] })).toThrow(
      'need "mode": "L7": an L4 balancer never reads the HTTP request',
    );
  });
});

/*
 * Rate limiting is nginx's limit_req (nginx release-1.22.1,
 * src/http/modules/ngx_http_limit_req_module.c): a leaky bucket per client in milli-requests,
 * `burst=N nodelay`, `limit_req_status`. The network here has no delays, so each request
 * reaches the balancer at its `at`, on nginx's whole-millisecond clock.
 */
describe("L7 blocking: nginx's limit_req and deny", () => {
  const limited = (perClient: object, times: number[], extra: object = {}, pathPrefixes?: string[]) =>
    run({
      mode: 'L7',
      servers: three,
      network: INSTANT,
      block: { perClient, ...(pathPrefixes ? { pathPrefixes } : {}) },
      requests: times.map((at) => req(at, '/', extra)),
    });
  const passes = (recs: { outcome: string }[]) => recs.map((r) => (r.outcome === 'blocked' ? 'x' : 'o')).join('');

  it('the rate in milli-requests per second, as ngx_http_limit_req_zone computes it (rate * 1000 / scale, whole numbers)', () => {
    expect(milliRate({ requests: 10, perMs: 1000 })).toBe(10_000); // rate=10r/s
    expect(milliRate({ requests: 30, perMs: 60_000 })).toBe(500); // rate=30r/m
    expect(milliRate({ requests: 1, perMs: 60_000 })).toBe(16); // rate=1r/m: 1000 / 60, rounded down
    expect(milliRate({ requests: 3, perMs: 500 })).toBe(6000); // rate=6r/s
    expect(milliRate({ requests: 1, perMs: 3000 })).toBe(333); // rate=20r/m
  });

  it('20 r/s against rate=10r/s, no burst: every other request passes, the rest get 503 (limit_req_status default)', () => {
    const recs = limited(
      { requests: 10, perMs: 1000 },
      Array.from({ length: 10 }, (_, i) => i * 50),
    );
    expect(passes(recs)).toBe('oxoxoxoxox');
    expect(recs.filter((r) => r.outcome === 'blocked').every((r) => r.status === 503 && r.server === null)).toBe(true);
    expect(recs.filter((r) => r.outcome !== 'blocked').every((r) => r.status === 200)).toBe(true);
  });

  it('a rejected request does not count: ngx_http_limit_req_lookup returns NGX_BUSY before it updates the node', () => {
    // 1 r/s: 0 passes; 500 and 999 are over (excess 500, 1) and leave the bucket alone, so 1000
    // finds it drained (0 - 1000 + 1000 = 0) and passes. A limit that counted the rejected
    // requests (or a sliding window of them) would refuse it.
    expect(passes(limited({ requests: 1, perMs: 1000 }, [0, 500, 999, 1000, 1001]))).toBe('oxxox');
  });

  it('burst=2 nodelay: three at once pass (excess 0, 1000, 2000), the fourth is over; the bucket then leaks one per 100 ms', () => {
    const recs = limited({ requests: 10, perMs: 1000, burst: 2, status: 429 }, [0, 0, 0, 0, 50, 100, 150, 200, 400]);
    // 50: 2000 - 500 + 1000 = 2500 > 2000; 100: 2000 - 1000 + 1000 = 2000 passes;
    // 150: 2500 over; 200: 2000 passes; 400 (200 ms later): 2000 - 2000 + 1000 = 1000 passes.
    expect(passes(recs)).toBe('oooxxoxoo');
    expect(recs.filter((r) => r.outcome === 'blocked').map((r) => r.status)).toEqual([429, 429, 429]);
  });

  it('the leak is rate * ms / 1000 in whole milli-requests: at 1r/m (16) a client waits 62.5 s, not 60 s', () => {
    expect(passes(limited({ requests: 1, perMs: 60_000 }, [0, 60_000, 62_499, 62_500]))).toBe('oxxo');
  });

  it('each client has its own bucket (limit_req_zone $binary_remote_addr)', () => {
    const recs = run({
      mode: 'L7',
      servers: three,
      network: INSTANT,
      block: { perClient: { requests: 1, perMs: 1000 } },
      requests: [req(0, '/'), req(1, '/', { client: '192.0.2.77' }), req(2, '/'), req(3, '/', { client: '192.0.2.77' })],
    });
    expect(passes(recs)).toBe('ooxx');
  });

  it('a new client frees drained buckets idle 60 s or more (ngx_http_limit_req_expire, n = 1): their owner starts again from 0', () => {
    // 1r/m: alone, 203.0.113.10 is still 40 milli-requests over at 61 s (16 * 61000 / 1000 = 976
    // leaked) and is refused; when another client arrives at 60 s, its drained, idle bucket is
    // freed, and at 61 s it starts afresh and passes.
    const limit = { requests: 1, perMs: 60_000 };
    const alone = run({
      mode: 'L7',
      servers: three,
      network: INSTANT,
      block: { perClient: limit },
      requests: [req(0, '/'), req(61_000, '/')],
    });
    expect(passes(alone)).toBe('ox');
    const other = run({
      mode: 'L7',
      servers: three,
      network: INSTANT,
      block: { perClient: limit },
      requests: [req(0, '/'), req(60_000, '/', { client: '192.0.2.77' }), req(61_000, '/')],
    });
    expect(passes(other)).toBe('ooo');
    // Not yet 60 s idle at the other client's arrival: the bucket stays, and refuses.
    const early = run({
      mode: 'L7',
      servers: three,
      network: INSTANT,
      block: { perClient: limit },
      requests: [req(0, '/'), req(59_999, '/', { client: '192.0.2.77' }), req(61_000, '/')],
    });
    expect(passes(early)).toBe('oox');
  });

  it('limit_req (preaccess phase) answers before deny (access phase), and a request that deny stops was counted', () => {
    // ngx_http_core_module.h, ngx_http_phases: NGX_HTTP_PREACCESS_PHASE comes before NGX_HTTP_ACCESS_PHASE.
    const recs = run({
      mode: 'L7',
      servers: three,
      network: INSTANT,
      block: { pathPrefixes: ['/admin'], perClient: { requests: 1, perMs: 1000 } },
      requests: [req(0, '/admin'), req(10, '/'), req(20, '/admin/users'), req(1000, '/'), req(2000, '/admin')],
    });
    expect(recs.map((r) => [r.outcome, r.status])).toEqual([
      ['blocked', 403],
      ['blocked', 503],
      ['blocked', 503],
      ['ok', 200],
      ['blocked', 403],
    ]);
  });

  it('refuses what nginx refuses: a rate under 1r/m, a status outside 400–599, a negative or fractional burst (in both languages)', () => {
    const bad = (perClient: object) => {
      const r = parseScenario({ mode: 'L7', servers: three, block: { perClient }, requests: [req(0, '/')] });
      return r.ok ? null : r.problem;
    };
    expect(bad({ requests: 1, perMs: 60_001 })?.en).toBe(
      '"block.perClient" must allow at least 1 request per minute (60000 ms), nginx\'s lowest rate',
    );
    expect(bad({ requests: 1, perMs: 60_001 })?.ko).toMatch(/^"block\.perClient": 1분/);
    expect(bad({ requests: 1, perMs: 1000, status: 600 })?.en).toBe('"block.perClient.status" must be at most 599 (got 600)');
    expect(bad({ requests: 1, perMs: 1000, status: 399 })?.ko).toBe('"block.perClient.status": 400 이상이어야 합니다 (입력: 399)');
    expect(bad({ requests: 1, perMs: 1000, burst: -1 })?.en).toBe('"block.perClient.burst" must be at least 0 (got -1)');
    expect(bad({ requests: 1, perMs: 1000, burst: 1.5 })?.en).toBe('"block.perClient.burst" must be a whole number (got 1.5)');
    expect(bad({ requests: 1, perMs: 60_000, burst: 0, status: 429 })).toBeNull();
  });
});

describe('sessions: a login lives on one server', () => {
  const visits = [req(0, '/login'), req(300, '/cart'), req(600, '/cart'), req(900, '/pay')];

  it('round robin sends the next request elsewhere: the session is lost (401)', () => {
    const recs = run({ servers: three, sessions: { loginPath: '/login' }, requests: visits });
    expect(recs.map((r) => r.session)).toEqual(['created', 'lost', 'lost', 'found']);
    expect(recs.map((r) => r.status)).toEqual([200, 401, 401, 200]);
  });

  it('IP hash keeps the client on one server: the session holds', () => {
    const recs = run({ algorithm: 'ip-hash', servers: three, sessions: { loginPath: '/login' }, requests: visits });
    expect(recs.map((r) => r.session)).toEqual(['created', 'found', 'found', 'found']);
  });

  it('an L7 sticky cookie keeps it too, whatever the algorithm', () => {
    const recs = run({
      mode: 'L7',
      servers: three,
      sticky: { cookie: 'route' },
      sessions: { loginPath: '/login' },
      requests: visits,
    });
    expect(recs.map((r) => r.session)).toEqual(['created', 'found', 'found', 'found']);
    expect(recs[0]!.setCookie).toMatchObject({ route: recs[0]!.server, session: expect.any(String) });
    expect(recs.slice(1).every((r) => r.sticky && r.server === recs[0]!.server)).toBe(true);
    expect(recs[1]!.headers!.Cookie).toContain(`route=${recs[0]!.server}`);
  });
});
