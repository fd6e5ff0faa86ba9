import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { echo, echoText, ECHO_MAX, MESSAGE_MAX, visible } from '../said.ts';
import { parseScenario, parseScenarioText } from '../scenario.ts';

/**
 * Issue 12: no input can hang or crash the page or the command line. A message quotes the
 * input (a field's name, a value), so the input must not be able to lengthen it without bound,
 * reverse the page's words (a right-to-left override) or hide in it (controls, format marks).
 */

const FIXED = process.env.CI ? { seed: 20261201 } : {};
const HANGUL = /[가-힣]/;
/** What no message may carry: controls (C0, DEL, C1), bidirectional and invisible format marks, lone surrogates. */
// oxlint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]|\p{Cs}/u;
/** The longest a message about a scenario may be, whatever the input. */
const MESSAGE_BOUND = 400;

const HIDDEN_CHARS = [
  '\u0000',
  '\u0007',
  '\n',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u009f',
  '\u061c',
  '\u200b',
  '\u200e',
  '\u200f',
  '\u2028',
  '\u2029',
  '\u202a',
  '\u202d',
  '\u202e',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  '\ufeff',
  '\ud800',
  '\udfff',
];

/** Text an attacker would write: hidden characters, quotes, Hangul, emoji, any code point; sometimes very long. */
const hostile: fc.Arbitrary<string> = fc.oneof(
  fc
    .array(
      fc.oneof(
        fc.constantFrom(...HIDDEN_CHARS),
        fc.constantFrom('a', '"', '\\', '/', '한', '😀', ' ', 's1', '__proto__'),
        fc.string({ unit: 'binary', maxLength: 4 }),
      ),
      { maxLength: 40 },
    )
    .map((parts) => parts.join('')),
  fc
    .tuple(fc.constantFrom('\u202e', 'x', '\u0000a', 'ab\u2066', '"', '/a'), fc.integer({ min: 1, max: 60_000 }))
    .map(([s, n]) => s.repeat(n)),
);

const traffic = { requests: [{ at: 0, client: '203.0.113.10' }] };
const servers = [{ name: 's1' }, { name: 's2' }];
/** Every place a scenario takes text (or a key) from the user, filled with `s`. */
const PLACES: Record<string, (s: string) => unknown> = {
  'unknown key at the top': (s) => ({ [s]: 1, servers, ...traffic }),
  'unknown key in a server': (s) => ({ servers: [{ name: 's1', [s]: 1 }], ...traffic }),
  'unknown key in a rule match': (s) => ({
    mode: 'L7',
    servers,
    rules: [{ match: { pathPrefix: '/', [s]: 1 }, servers: ['s1'] }],
    ...traffic,
  }),
  'header name': (s) => ({ servers, requests: [{ at: 0, client: '203.0.113.10', headers: { [s]: 'x' } }] }),
  'header value': (s) => ({ servers, requests: [{ at: 0, client: '203.0.113.10', headers: { 'X-A': s } }] }),
  'cookie name': (s) => ({ servers, requests: [{ at: 0, client: '203.0.113.10', cookies: { [s]: 'x' } }] }),
  'client address': (s) => ({ servers, requests: [{ at: 0, client: s }] }),
  path: (s) => ({ servers, requests: [{ at: 0, client: '203.0.113.10', path: s }] }),
  'server name': (s) => ({ servers: [{ name: s }], ...traffic }),
  'server ip': (s) => ({ servers: [{ name: 's1', ip: s }], ...traffic }),
  'event action': (s) => ({ servers, ...traffic, events: [{ at: 0, action: s }] }),
  'event target': (s) => ({ servers, ...traffic, events: [{ at: 0, action: 'fail', target: s }] }),
  'set-weight target': (s) => ({
    servers,
    ...traffic,
    events: [{ at: 0, action: 'set-weight', target: s, weight: 2 }],
  }),
  'service name': (s) => ({ servers, ...traffic, network: { serviceName: s } }),
  algorithm: (s) => ({ servers, ...traffic, algorithm: s }),
  'rule header': (s) => ({
    mode: 'L7',
    servers,
    ...traffic,
    rules: [{ match: { header: s, equals: '1' }, servers: ['s1'] }],
  }),
  'rule value': (s) => ({
    mode: 'L7',
    servers,
    ...traffic,
    rules: [{ match: { cookie: 'beta', equals: s }, servers: ['s1'] }],
  }),
  'rule prefix': (s) => ({ mode: 'L7', servers, ...traffic, rules: [{ match: { pathPrefix: s }, servers: ['s1'] }] }),
  'rule server': (s) => ({ mode: 'L7', servers, ...traffic, rules: [{ match: { pathPrefix: '/' }, servers: [s] }] }),
  'cache prefix': (s) => ({ mode: 'L7', servers, ...traffic, cache: { pathPrefixes: [s] } }),
  'block prefix': (s) => ({ mode: 'L7', servers, ...traffic, block: { pathPrefixes: [s] } }),
  'sticky cookie': (s) => ({ mode: 'L7', servers, ...traffic, sticky: { cookie: s } }),
  'login path': (s) => ({ servers, ...traffic, sessions: { loginPath: s } }),
  'load path': (s) => ({ servers, load: { clients: 2, ratePerSec: 1, durationMs: 1000, paths: [s] } }),
  'load client': (s) => ({ servers, load: { clients: [s], ratePerSec: 1, durationMs: 1000 } }),
  mode: (s) => ({ servers, ...traffic, mode: s }),
};

function expectSafe(problem: { en: string; ko: string }) {
  for (const text of [problem.en, problem.ko]) {
    expect(text.length).toBeLessThanOrEqual(MESSAGE_BOUND);
    expect(text).not.toMatch(UNSAFE);
  }
  expect(problem.ko).toMatch(HANGUL);
}

describe('echo: what a message may quote of the input', () => {
  it('quotes text, cuts it to about 60 characters and writes hidden characters as \\uXXXX', () => {
    expect(echo('s1')).toBe('"s1"');
    expect(echo('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(echo('\u202eevil\u0000')).toBe('"\\u202eevil\\u0000"');
    expect(echo('x'.repeat(10_000_000))).toBe(`"${'x'.repeat(ECHO_MAX)}…"`);
    expect(echo('\u202e'.repeat(100))).toBe(`"${'\\u202e'.repeat(10)}…"`);
    expect(echo(`${'x'.repeat(ECHO_MAX - 1)}😀`)).toBe(`"${'x'.repeat(ECHO_MAX - 1)}…"`); // never half an emoji
    expect(echo('\ud800')).toBe('"\\ud800"');
    expect(echo(12)).toBe('12');
    expect(echo(null)).toBe('null');
    expect(echo({ '\u202e': [1, 2] })).toBe('{"\\u202e":[1,2]}');
    expect(echo(Array.from({ length: 1000 }, (_, i) => i)).length).toBeLessThanOrEqual(ECHO_MAX + 1);
    expect(echoText('servers\u2066')).toBe('servers\\u2066');
    expect(visible('fine')).toBe('fine');
    expect(visible(`a\u202eb${'c'.repeat(5000)}`)).toBe(`a\\u202eb${'c'.repeat(MESSAGE_MAX - 8)}…`);
  });

  it('any string: quoted at most ECHO_MAX + 3 characters, with nothing hidden', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const e = echo(s);
        expect(e.length).toBeLessThanOrEqual(ECHO_MAX + 3);
        expect(e).not.toMatch(UNSAFE);
      }),
      { numRuns: 500, ...FIXED },
    );
  });
});

describe('messages about a hostile scenario', () => {
  it('a right-to-left override in an unknown key is shown as \\u202e, never as itself', () => {
    const r = parseScenario({ servers: [{ name: 's1', '\u202eevil': 1 }], ...traffic });
    expect(!r.ok && r.problem).toEqual({
      en: '"servers[0].\\u202eevil" is not a field the scenario file knows (check its spelling)',
      ko: '"servers[0].\\u202eevil": 시나리오 파일에 없는 필드입니다(철자를 확인하세요)',
    });
  });

  it('a 200,000-character unknown key gives a short message', () => {
    const r = parseScenario({ ['k'.repeat(200_000)]: 1, servers, ...traffic });
    expect(!r.ok && r.error).toBe(`"${'k'.repeat(ECHO_MAX)}…" is not a field the scenario file knows (check its spelling)`);
  });

  it.each(Object.keys(PLACES))('random hostile text as the %s: every message is short, clean and in both languages', (place) => {
    fc.assert(
      fc.property(hostile, (s) => {
        const r = parseScenario(PLACES[place]!(s));
        if (!r.ok) expectSafe(r.problem);
      }),
      { numRuns: 60, ...FIXED },
    );
  });

  it("bad JSON: the parser's own words, which quote the text, are cleaned too", () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const r = parseScenarioText(`{"servers": ${s}`);
        if (!r.ok) {
          expect(r.error).not.toMatch(UNSAFE);
          expect(r.error.length).toBeLessThanOrEqual(MESSAGE_BOUND);
        }
      }),
      { numRuns: 200, ...FIXED },
    );
    const r = parseScenarioText('\u202e{');
    expect(!r.ok && r.error).toContain('\\u202e');
  });
});

describe('length caps on every string and list of the scenario', () => {
  const l7 = { mode: 'L7', servers, ...traffic };
  it.each([
    [
      'network.serviceName',
      { servers, ...traffic, network: { serviceName: 'a'.repeat(41) } },
      'must be at most 40 characters',
      '40자 이하여야 합니다',
    ],
    [
      'rules[0].match.equals',
      { ...l7, rules: [{ match: { header: 'X-Beta', equals: 'x'.repeat(10_000_000) }, servers: ['s1'] }] },
      'must be at most 200 characters',
      '200자 이하여야 합니다',
    ],
    [
      'rules[0].match.equals',
      { ...l7, rules: [{ match: { cookie: 'beta', equals: 'x'.repeat(201) }, servers: ['s1'] }] },
      'must be at most 200 characters',
      '200자 이하여야 합니다',
    ],
    [
      'rules[0].match.pathPrefix',
      { ...l7, rules: [{ match: { pathPrefix: `/${'x'.repeat(200)}` }, servers: ['s1'] }] },
      'must be at most 200 characters',
      '200자 이하여야 합니다',
    ],
    [
      'cache.pathPrefixes[0]',
      { ...l7, cache: { pathPrefixes: [`/${'x'.repeat(200)}`] } },
      'must be at most 200 characters',
      '200자 이하여야 합니다',
    ],
    [
      'cache.pathPrefixes',
      { ...l7, cache: { pathPrefixes: Array.from({ length: 51 }, (_, i) => `/p${i}`) } },
      'must hold at most 50 path prefixes',
      '경로 접두사는 최대 50개까지입니다',
    ],
    [
      'block.pathPrefixes',
      { ...l7, block: { pathPrefixes: Array.from({ length: 51 }, (_, i) => `/p${i}`) } },
      'must hold at most 50 path prefixes',
      '경로 접두사는 최대 50개까지입니다',
    ],
    [
      'rules',
      { ...l7, rules: Array.from({ length: 201 }, () => ({ match: { pathPrefix: '/' }, servers: ['s1'] })) },
      'must hold at most 200 rules',
      '규칙은 최대 200개까지입니다',
    ],
    [
      'rules[0].servers',
      { ...l7, rules: [{ match: { pathPrefix: '/' }, servers: Array.from({ length: 31 }, () => 's1') }] },
      'must name at most 30 servers',
      '서버는 최대 30대까지입니다',
    ],
    [
      'events',
      { servers, ...traffic, events: Array.from({ length: 10_001 }, () => ({ at: 0, action: 'fail', target: 's1' })) },
      'must hold at most 10,000 events',
      '이벤트는 최대 10,000개까지입니다',
    ],
    [
      'load.clients',
      {
        servers,
        load: { clients: Array.from({ length: 1001 }, () => '203.0.113.10'), ratePerSec: 1, durationMs: 1000 },
      },
      'must name at most 1000 clients',
      '클라이언트는 최대 1000개까지입니다',
    ],
    [
      'load.paths',
      { servers, load: { clients: 1, ratePerSec: 1, durationMs: 1000, paths: Array.from({ length: 101 }, () => '/') } },
      'must name at most 100 paths',
      '경로는 최대 100개까지입니다',
    ],
    [
      'requests[0].headers',
      {
        servers,
        requests: [
          {
            at: 0,
            client: '203.0.113.10',
            headers: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`X-${i}`, '1'])),
          },
        ],
      },
      'must hold at most 100 headers',
      '헤더 이름은 최대 100개까지입니다',
    ],
    [
      'requests[0].cookies',
      {
        servers,
        requests: [
          {
            at: 0,
            client: '203.0.113.10',
            cookies: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`c${i}`, '1'])),
          },
        ],
      },
      'must hold at most 100 cookies',
      '쿠키 이름은 최대 100개까지입니다',
    ],
    [
      'requests[0].headers.X-A',
      { servers, requests: [{ at: 0, client: '203.0.113.10', headers: { 'X-A': 'x'.repeat(201) } }] },
      'must be at most 200 characters',
      '200자 이하여야 합니다',
    ],
    [
      'sessions.loginPath',
      { servers, ...traffic, sessions: { loginPath: `/${'x'.repeat(200)}` } },
      'must be at most 200 characters',
      '200자 이하여야 합니다',
    ],
    ['sticky.cookie', { ...l7, sticky: { cookie: 'c'.repeat(41) } }, 'must be a cookie name', '쿠키 이름'],
  ])('%s', (field, input, en, ko) => {
    const r = parseScenario(input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problem.en).toBe(`"${field}" ${en}`);
    expect(r.problem.ko).toContain(`"${field}": ${ko}`);
  });

  it('the lists at their caps are accepted', () => {
    const r = parseScenario({
      mode: 'L7',
      servers,
      rules: Array.from({ length: 200 }, () => ({
        match: { header: 'X-Beta', equals: 'x'.repeat(200) },
        servers: ['s1'],
      })),
      cache: { pathPrefixes: Array.from({ length: 50 }, (_, i) => `/${i}${'x'.repeat(150)}`) },
      network: { serviceName: `${'a'.repeat(36)}.com` },
      load: {
        clients: Array.from({ length: 1000 }, () => '203.0.113.10'),
        ratePerSec: 1,
        durationMs: 1000,
        paths: Array.from({ length: 100 }, () => '/'),
      },
      events: Array.from({ length: 10_000 }, (_, i) => ({ at: i, action: 'set-algorithm', algorithm: 'round-robin' })),
    });
    expect(r.ok ? 'ok' : r.error).toBe('ok');
  });
});

describe('names the validator would drop: "__proto__", "constructor", "prototype"', () => {
  const req = (extra: object) => ({ servers, requests: [{ at: 0, client: '203.0.113.10', ...extra }] });
  const l7 = { mode: 'L7', servers, ...traffic };
  it.each([
    ['requests[0].headers', '__proto__', req({ headers: JSON.parse('{"__proto__": "x"}') })],
    ['requests[0].headers', 'constructor', req({ headers: { constructor: 'x' } })],
    ['requests[0].headers', 'Prototype', req({ headers: { 'X-A': '1', Prototype: 'x' } })],
    ['requests[0].cookies', '__proto__', req({ cookies: JSON.parse('{"__proto__": "x"}') })],
    ['requests[0].cookies', 'CONSTRUCTOR', req({ cookies: { CONSTRUCTOR: 'x' } })],
    ['requests[0].cookies', 'prototype', req({ cookies: { prototype: 'x' } })],
  ])('%s with %j', (field, name, input) => {
    const r = parseScenario(input);
    expect(!r.ok && r.problem).toEqual({
      en: `"${field}" must not use "${name}" as a name (JavaScript objects keep it for themselves)`,
      ko: `"${field}": 자바스크립트 객체가 스스로 쓰는 이름은 ${field.endsWith('headers') ? '헤더' : '쿠키'} 이름으로 쓸 수 없습니다 (입력: "${name}")`,
    });
  });

  it('also in a "request" event', () => {
    const r = parseScenario({
      servers,
      ...traffic,
      events: [{ at: 0, action: 'request', client: '203.0.113.10', headers: JSON.parse('{"__proto__": "x"}') }],
    });
    expect(!r.ok && r.error).toBe('"events[0].headers" must not use "__proto__" as a name (JavaScript objects keep it for themselves)');
  });

  it.each([
    ['rules[0].match.header', 'constructor', { ...l7, rules: [{ match: { header: 'constructor', equals: '1' }, servers: ['s1'] }] }],
    ['rules[0].match.header', 'Prototype', { ...l7, rules: [{ match: { header: 'Prototype', equals: '1' }, servers: ['s1'] }] }],
    ['rules[0].match.cookie', '__proto__', { ...l7, rules: [{ match: { cookie: '__proto__', equals: '1' }, servers: ['s1'] }] }],
    ['sticky.cookie', '__proto__', { ...l7, sticky: { cookie: '__proto__' } }],
    ['sticky.cookie', 'Constructor', { ...l7, sticky: { cookie: 'Constructor' } }],
  ])('%s = %j', (field, name, input) => {
    const r = parseScenario(input);
    expect(!r.ok && r.problem).toEqual({
      en: `"${field}" must not be "${name}" (a name JavaScript objects keep for themselves)`,
      ko: `"${field}": 자바스크립트 객체가 스스로 쓰는 이름이라 쓸 수 없습니다 (입력: "${name}")`,
    });
  });

  it("a rule's match names what is wrong inside it", () => {
    const r = parseScenario({ ...l7, rules: [{ match: { header: 'X-Beta', equals: 1 }, servers: ['s1'] }] });
    expect(!r.ok && r.error).toBe('"rules[0].match.equals" must be text');
    const both = parseScenario({
      ...l7,
      rules: [{ match: { header: 'X-Beta', cookie: 'b', equals: '1' }, servers: ['s1'] }],
    });
    expect(!both.ok && both.error).toMatch(/^"rules\[0\]\.match" must be \{"pathPrefix"/);
    const extra = parseScenario({ ...l7, rules: [{ match: { pathPrefix: '/', equals: '1' }, servers: ['s1'] }] });
    expect(!extra.ok && extra.error).toBe('"rules[0].match.equals" is not a field the scenario file knows (check its spelling)');
  });

  it.each([
    ['{"__proto__": {"polluted": true}, "servers": [{"name": "s1"}], "requests": [{"at": 0, "client": "1.2.3.4"}]}', '__proto__'],
    ['{"servers": [{"name": "s1"}], "requests": [{"at": 0, "client": "1.2.3.4"}], "constructor": 1}', 'constructor'],
    ['{"servers": [{"name": "s1", "__proto__": null}], "requests": [{"at": 0, "client": "1.2.3.4"}]}', 'servers[0].__proto__'],
    ['{"servers": [{"name": "s1"}], "requests": [{"at": 0, "client": "1.2.3.4", "prototype": 1}]}', 'requests[0].prototype'],
  ])('a "__proto__"-like key in the JSON is not a field the scenario file knows: %s', (json, field) => {
    const r = parseScenarioText(json);
    expect(!r.ok && r.problem).toEqual({
      en: `"${field}" is not a field the scenario file knows (check its spelling)`,
      ko: `"${field}": 시나리오 파일에 없는 필드입니다(철자를 확인하세요)`,
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
