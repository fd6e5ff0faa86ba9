import { describe, expect, it } from 'vitest';
import { run } from './helpers.ts';

const three = [{ name: 's1' }, { name: 's2' }, { name: 's3' }];
const req = (at: number, path: string, extra: object = {}) => ({ at, client: '203.0.113.10', path, serviceMs: 5, ...extra });

describe('L7: the balancer ends the client\'s connection and opens its own', () => {
  const [r] = run({ mode: 'L7', servers: three, requests: [req(0, '/')] });
  const lbIn = r!.hops.find((h) => h.node === 'lb1' && h.dir === 'request' && h.in)!;
  const lbOut = r!.hops.find((h) => h.node === 'lb1' && h.dir === 'request' && h.out)!;

  it('two connections: client -> VIP:80 ends at lb1; lb1\'s own address -> server', () => {
    expect(lbIn.in!.dst).toBe('198.51.100.1:80');
    expect(lbIn.out).toBeNull();
    expect(lbOut.in).toBeNull();
    expect(lbOut.out!.src).toMatch(/^10\.0\.0\.2:\d+$/);
    expect(r!.nat!.local).toMatch(/^10\.0\.0\.2:/);
  });

  it('the server sees the balancer\'s address and the client in X-Forwarded-For', () => {
    const at = r!.hops.find((h) => h.node === 's1' && h.dir === 'request')!;
    expect(at.in!.src).toMatch(/^10\.0\.0\.2:/);
    expect(r!.headers).toEqual({ Host: 'www.example.com', 'X-Forwarded-For': '203.0.113.10' });
    expect(r!.hops.at(-1)!.in!.src).toBe('198.51.100.1:80');
  });

  it('costs the proxy\'s time on the way in and out, compared with L4', () => {
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
      mode: 'L7', servers: three,
      rules: [
        { match: { pathPrefix: '/search' }, servers: ['s1'] },
        { match: { pathPrefix: '/map' }, servers: ['s2'] },
        { match: { header: 'X-Beta', equals: '1' }, servers: ['s3'] },
        { match: { cookie: 'beta', equals: 'yes' }, servers: ['s3'] },
      ],
      requests: [req(0, '/search?q=lb'), req(10, '/map'), req(20, '/search'), req(30, '/', { headers: { 'X-Beta': '1' } }), req(40, '/', { cookies: { beta: 'yes' } }), req(50, '/map/tiles')],
    });
    expect(recs.map((r) => r.server)).toEqual(['s1', 's2', 's1', 's3', 's3', 's2']);
    expect(recs.map((r) => r.rule)).toEqual([0, 1, 0, 2, 3, 1]);
  });

  it('serves a repeated static file from its cache until the TTL runs out', () => {
    const recs = run({
      mode: 'L7', servers: three, cache: { pathPrefixes: ['/static'], ttlMs: 1000 },
      requests: [req(0, '/static/app.js'), req(200, '/static/app.js'), req(400, '/'), req(1500, '/static/app.js')],
    });
    expect(recs.map((r) => r.outcome)).toEqual(['ok', 'cached', 'ok', 'ok']);
    expect(recs[1]!.server).toBeNull();
    expect(recs[1]!.hops.map((h) => h.node)).toEqual(['client', 'lb1', 'lb1', 'client']);
    expect(recs[1]!.latencyMs).toBeLessThan(recs[0]!.latencyMs);
  });

  it('blocks denied paths (403) and clients over their rate (429)', () => {
    const recs = run({
      mode: 'L7', servers: three, block: { pathPrefixes: ['/admin'], perClient: { requests: 3, perMs: 1000 } },
      requests: [req(0, '/admin'), req(100, '/'), req(200, '/'), req(300, '/'), req(1500, '/')],
    });
    expect(recs.map((r) => [r.outcome, r.status])).toEqual([['blocked', 403], ['ok', 200], ['ok', 200], ['blocked', 429], ['ok', 200]]);
  });

  it('refuses L7 settings in an L4 scenario, saying why', () => {
    expect(() => run({ servers: three, rules: [{ match: { pathPrefix: '/a' }, servers: ['s1'] }], requests: [req(0, '/')] }))
      .toThrow('need "mode": "L7": an L4 balancer never reads the HTTP request');
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
    const recs = run({ mode: 'L7', servers: three, sticky: { cookie: 'route' }, sessions: { loginPath: '/login' }, requests: visits });
    expect(recs.map((r) => r.session)).toEqual(['created', 'found', 'found', 'found']);
    expect(recs[0]!.setCookie).toMatchObject({ route: recs[0]!.server, session: expect.any(String) });
    expect(recs.slice(1).every((r) => r.sticky && r.server === recs[0]!.server)).toBe(true);
    expect(recs[1]!.headers!.Cookie).toContain(`route=${recs[0]!.server}`);
  });
});
