import { describe, expect, it } from 'vitest';
import { milliRate, writtenRate } from '../sim/limitRate.ts';
import { parseScenario } from '../sim/scenario.ts';
import { run } from '../sim/test/helpers.ts';
import { duration } from './common.ts';
import { configScenario, directives } from './testConfigs.ts';
import { configFor, CONFIG_FORMATS } from './configs.ts';
import { EXTREME_SCENARIOS } from './extremeScenarios.ts';

/** What a stranger's scenario file can put into the exports: flags, commas, control characters, extreme numbers. */

const base = { requests: [{ at: 0, client: '203.0.113.10' }] };
const scenario = configScenario;

describe('control characters are refused by the schema, naming the field, in English and Korean', () => {
  const l7 = { mode: 'L7', servers: [{ name: 's1' }] };
  const cases: [string, object][] = [
    ['rules[0].match.pathPrefix', { ...l7, rules: [{ match: { pathPrefix: '/\u0000x' }, servers: ['s1'] }] }],
    ['rules[0].match.equals', { ...l7, rules: [{ match: { header: 'X-A', equals: 'a\r\nX-B: 1' }, servers: ['s1'] }] }],
    ['rules[0].match.equals', { ...l7, rules: [{ match: { cookie: 'c', equals: '\u001b[31m' }, servers: ['s1'] }] }],
    ['block.pathPrefixes[0]', { ...l7, block: { pathPrefixes: ['/adm\u007fin'] } }],
    ['cache.pathPrefixes[0]', { ...l7, cache: { pathPrefixes: ['/s\ttatic'] } }],
    ['sessions.loginPath', { ...l7, sessions: { loginPath: '/login\u0000' } }],
    ['requests[0].path', { ...l7, requests: [{ at: 0, client: '203.0.113.10', path: '/a\u0000b' }] }],
    ['requests[0].headers.X-A', { ...l7, requests: [{ at: 0, client: '203.0.113.10', headers: { 'X-A': 'a\nb' } }] }],
    ['requests[0].cookies.c', { ...l7, requests: [{ at: 0, client: '203.0.113.10', cookies: { c: '\u0001' } }] }],
    ['load.paths[0]', { servers: [{ name: 's1' }], load: { clients: 1, ratePerSec: 1, durationMs: 1000, paths: ['/\r'] } }],
  ];
  for (const [field, input] of cases) {
    it(field, () => {
      const r = parseScenario(input);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.problem.en).toMatch(new RegExp(`^"${field.replace(/[.[\]]/g, '\\$&')}" must hold no control characters`));
      expect(r.problem.ko).toContain('제어 문자');
      // The message shows the character escaped, never raw.
      // oxlint-disable-next-line no-control-regex -- finding control characters is the point
      expect(r.problem.en).not.toMatch(/[\u0000-\u001f\u007f]/);
    });
  }
});

describe("a header's value with a space at either end is refused: HTTP drops it (RFC 9110 §5.5)", () => {
  for (const [field, input] of [
    [
      'rules[0].match.equals',
      { mode: 'L7', servers: [{ name: 's1' }], rules: [{ match: { header: 'X-A', equals: ' a' }, servers: ['s1'] }] },
    ],
    ['requests[0].headers.X-A', { servers: [{ name: 's1' }], requests: [{ at: 0, client: '203.0.113.10', headers: { 'X-A': 'a ' } }] }],
  ] as const) {
    it(field, () => {
      const r = parseScenario(input);
      expect(!r.ok && r.problem.en).toMatch(new RegExp(`^"${field.replace(/[.[\]]/g, '\\$&')}" must not start or end with a space`));
      expect(!r.ok && r.problem.ko).toContain('공백');
    });
  }
  it('inside the value, a space is fine', () => {
    expect(
      scenario({ mode: 'L7', servers: [{ name: 's1' }], rules: [{ match: { header: 'X-A', equals: 'a b' }, servers: ['s1'] }] }).rules,
    ).toHaveLength(1);
  });
});

describe("headers HTTP writes itself, and a server at its /24's network or broadcast address, are refused", () => {
  for (const name of ['Host', 'content-length', 'Transfer-Encoding', 'Connection']) {
    it(`a request header ${name} (nginx answers 400 to a second Host or a bodiless Content-Length)`, () => {
      const r = parseScenario({ servers: [{ name: 's1' }], requests: [{ at: 0, client: '203.0.113.10', headers: { [name]: 'x' } }] });
      expect(!r.ok && r.problem.en).toMatch(/HTTP writes that header itself/);
      expect(!r.ok && r.problem.ko).toContain('HTTP');
    });
  }
  it('a rule matching on Host is refused too: the engine never sees the Host the client writes', () => {
    const r = parseScenario({
      mode: 'L7',
      servers: [{ name: 's1' }],
      rules: [{ match: { header: 'host', equals: 'a' }, servers: ['s1'] }],
    });
    expect(!r.ok && r.problem.en).toMatch(/^"rules\[0\]\.match\.header" must not be "host"/);
  });
  for (const ip of ['10.0.0.255', '10.0.0.0']) {
    it(`a server at ${ip} (the real lab's SYNs to 10.0.0.255 went unanswered; the engine said ok)`, () => {
      const r = parseScenario({ servers: [{ name: 's1', ip }], requests: [{ at: 0, client: '203.0.113.10' }] });
      expect(!r.ok && r.problem.en).toMatch(/^"servers\[0\]\.ip" must be a host's address/);
      expect(!r.ok && r.problem.ko).toContain('브로드캐스트');
    });
  }
  it('X-Beta and 10.0.0.254 are fine', () => {
    expect(
      scenario({ servers: [{ name: 's1', ip: '10.0.0.254' }], requests: [{ at: 0, client: '203.0.113.10', headers: { 'X-Beta': '1' } }] })
        .servers[0]!.ip,
    ).toBe('10.0.0.254');
  });
});

describe('HAProxy reads every value after "--", and headers whole', () => {
  const s = scenario({
    mode: 'L7',
    servers: [{ name: 's1' }, { name: 's2' }],
    rules: [
      { match: { header: 'X-Flag', equals: '-i' }, servers: ['s1'] },
      { match: { header: 'X-Flag', equals: '-f' }, servers: ['s1'] },
      { match: { cookie: 'c', equals: '--' }, servers: ['s2'] },
      { match: { header: 'X-List', equals: 'a,b' }, servers: ['s2'] },
      { match: { header: 'X-Empty', equals: '' }, servers: ['s2'] },
    ],
  });
  const lines = directives(configFor(s, 'haproxy'));
  it('a value that looks like a flag comes after "--" (acl.c, parse_acl_expr: "--" ends the flags)', () => {
    expect(lines).toContain('acl rule1 req.fhdr(X-Flag,1) -m str -- -i');
    expect(lines).toContain('acl rule2 req.fhdr(X-Flag,1) -m str -- -f');
    expect(lines).toContain('acl rule3 req.cook(c) -m str -- --');
    expect(lines).toContain('acl rule5 req.fhdr(X-Empty,1) -m str -- ""');
  });
  it('req.fhdr, not req.hdr (which splits "a,b" at the comma), first occurrence as nginx', () => {
    expect(lines).toContain('acl rule4 req.fhdr(X-List,1) -m str -- a,b');
    expect(lines.some((l) => l.includes('req.hdr('))).toBe(false);
  });
});

describe('the L4 stream proxy marks no failure and tries no second server, as the lab', () => {
  const s = scenario({ servers: [{ name: 's1' }, { name: 's2' }], passive: { maxFails: 3, failTimeoutMs: 5000 } });
  const text = configFor(s, 'nginx');
  it('max_fails=0 on every server, proxy_next_upstream off', () => {
    expect(directives(text)).toContain('server 10.0.0.11:8080 max_fails=0;');
    expect(directives(text)).toContain('server 10.0.0.12:8080 max_fails=0;');
    expect(directives(text)).toContain('proxy_next_upstream off;');
    expect(text).not.toContain('fail_timeout');
  });
  it('says what the client sees (a FIN, no data) and points to the kernel balancer', () => {
    expect(text).toContain('Empty reply from server');
    expect(text).toContain('--format keepalived');
    expect(text).not.toMatch(/the client gets the server's reset/);
  });
  it("HAProxy's tcp mode: no retries and no passive mark-down either", () => {
    const h = directives(
      configFor(scenario({ servers: [{ name: 's1' }], passive: { maxFails: 3 }, healthCheck: { intervalMs: 1000 } }), 'haproxy'),
    );
    expect(h).toContain('retries 0');
    expect(h.some((l) => l.includes('observe layer4'))).toBe(false);
  });
});

describe("keepalived's start, said", () => {
  it('state MASTER starts as BACKUP for its master-down interval: 3 × 1000 ms + (256 − 150)/256 s', () => {
    const s = scenario({ servers: [{ name: 's1' }], balancers: { priorities: [150, 100] } });
    const lb1 = configFor(s, 'keepalived', { balancer: 'lb1' });
    expect(lb1).toContain('keepalived starts even a state MASTER instance as BACKUP');
    expect(lb1).toContain('3 × 1000 ms + 414.1 ms skew = 3414.1 ms');
    expect(configFor(s, 'keepalived', { balancer: 'lb2' })).not.toContain('starts even a state MASTER');
  });
});

describe('numbers in each tool’s own syntax and range', () => {
  it('a duration is whole ms, at least 1 (0 means "no timeout" to HAProxy)', () => {
    expect(duration(0.0001)).toBe('1ms');
    expect(duration(1.4)).toBe('1ms');
    expect(duration(1500.5)).toBe('1501ms');
    expect(duration(999.6)).toBe('1s');
    expect(duration(60_000)).toBe('60s');
  });

  it('the lab limits at the rate nginx.conf writes, even when it cannot write the scenario’s exactly', () => {
    // 1 request per 700 ms is 85.71 r/m: nginx is given 85r/m, 1416 milli-requests a second (85 * 1000 / 60).
    expect(writtenRate(1, 700)).toEqual({ count: 85, unit: 'r/m', exact: false });
    expect(milliRate({ requests: 1, perMs: 700 })).toBe(1416);
    expect(milliRate({ requests: 1_000, perMs: 1 })).toBe(1_000_000_000);
  });

  it("the lab limits as nginx's limit_req, by spacing (ngx_http_limit_req_module.c, ngx_http_limit_req_lookup)", () => {
    // 2 requests a second on average, sent in pairs 10 ms apart: a count per second passes them
    // all; nginx's bucket (excess - rate * ms / 1000 + 1000 > burst * 1000) refuses each second one.
    const records = run({
      mode: 'L7',
      servers: [{ name: 's1' }],
      block: { perClient: { requests: 2, perMs: 1000 } },
      network: { clientLatencyMs: 0, serverLatencyMs: 0, dnsLatencyMs: 0, balancerMs: 0 },
      requests: [0, 10, 1000, 1010].map((at) => ({ at, client: '203.0.113.10', serviceMs: 1 })),
    });
    expect(records.map((r) => r.status)).toEqual([200, 503, 200, 503]);
  });

  it('a rate nginx cannot write is refused: 1 request per 1e-300 ms', () => {
    const r = parseScenario({ ...base, mode: 'L7', servers: [{ name: 's1' }], block: { perClient: { requests: 1, perMs: 1e-300 } } });
    expect(!r.ok && r.problem.en).toMatch(/^"block\.perClient" must allow at most 1,000,000 requests per second/);
    expect(!r.ok && r.problem.ko).toContain('초당 요청');
  });

  it('a VRRPv3 advert interval past 40.95 s is refused (12 bits of centiseconds, RFC 5798 §5.2.7)', () => {
    const r = parseScenario({ ...base, servers: [{ name: 's1' }], balancers: { version: 3, advertIntervalMs: 41_000 } });
    expect(!r.ok && r.problem.en).toMatch(/^"balancers\.advertIntervalMs" must be at most 40950 ms with VRRPv3/);
    expect(scenario({ servers: [{ name: 's1' }], balancers: { version: 3, advertIntervalMs: 40_950 } }).balancers.advertIntervalMs).toBe(
      40_950,
    );
  });

  it('the smallest and largest values the schema takes export without exponents, fractions or 0 timeouts', () => {
    const cases = EXTREME_SCENARIOS.map(([, input]) => scenario(input));
    for (const s of cases) {
      for (const format of CONFIG_FORMATS) {
        if (format === 'nftables' && s.mode === 'L7') continue;
        for (const b of ['lb1', 'lb2'] as const) {
          const text = directives(configFor(s, format, { balancer: b })).join('\n');
          expect(text).not.toMatch(/\d[eE][+-]?\d|Infinity|NaN/);
          // fail_timeout=0s is nginx's own whole seconds, as the lab counts them (peers.ts), not "none".
          expect(text).not.toMatch(/(?<!fail_timeout=)\b0(ms|s)\b/);
          expect(text).not.toMatch(/timeout \S+ 0\b/);
          expect(text).not.toMatch(/\d\.\d+(ms|s|r\/s|r\/m)\b/);
        }
      }
    }
  });
});
