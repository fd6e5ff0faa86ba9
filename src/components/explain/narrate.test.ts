import { describe, expect, it } from 'vitest';
import { run } from '../../sim/test/helpers.ts';
import { parseScenario } from '../../sim/scenario.ts';
import { buildTrace } from '../../trace/trace.ts';
import { logLines } from './logLines.ts';
import { narrate, narrateEvent, narrateLine } from './narrate.ts';

describe('narration of one request', () => {
  const [r] = run({ servers: [{ name: 's1' }, { name: 's2' }], requests: [{ at: 0, client: '203.0.113.10' }] });
  const rec = r!;
  const c = rec.nat!.client; // the client's socket, port chosen by the seeded RNG
  const lb = rec.nat!.local;

  it("keeps the client's source port in the L4 NAT (Linux SNAT), the address becoming the VIP", () => {
    expect(lb).toBe(`198.51.100.1:${c.split(':')[1]}`);
  });

  it('tells every moment in English', () => {
    expect([-1, -2, 0, 1, 2, 3, 4, 5].map((h) => narrateLine(rec, h, 'en'))).toEqual([
      '0.0 ms — 203.0.113.10 asks DNS for www.example.com (#1)',
      '10.0 ms — DNS answers 203.0.113.10: www.example.com is 198.51.100.1, the VIP (#1)',
      `10.0 ms — 203.0.113.10 sends #1 GET /: ${c} → 198.51.100.1:80`,
      `20.0 ms — lb1 receives #1 from ${c} for 198.51.100.1:80, picks s1 (IPVS rr), rewrites it to ${lb} → 10.0.0.11:8080`,
      `21.1 ms — s1 receives #1 from ${lb}`,
      `41.1 ms — s1 answers #1: 10.0.0.11:8080 → ${lb}`,
      `42.1 ms — lb1 rewrites the response to #1: 10.0.0.11:8080 → ${lb} becomes 198.51.100.1:80 → ${c}`,
      '52.2 ms — 203.0.113.10 receives the response 200 to #1 (52.2 ms)',
    ]);
  });

  it('tells every moment in Korean', () => {
    expect(narrate(rec, -1, 'ko')).toBe('203.0.113.10 클라이언트가 DNS에 www.example.com의 주소를 묻습니다 (#1)');
    expect(narrate(rec, 1, 'ko')).toBe(
      `lb1 로드밸런서가 요청 #1을 받아(${c} → 198.51.100.1:80) s1 서버를 고르고(IPVS rr) 주소를 바꿉니다: ${lb} → 10.0.0.11:8080`,
    );
    expect(narrate(rec, 4, 'ko')).toBe(`lb1 로드밸런서가 요청 #1의 응답 주소를 바꿉니다: 10.0.0.11:8080 → ${lb} ⇒ 198.51.100.1:80 → ${c}`);
    expect(narrateLine(rec, 5, 'ko')).toBe('52.2 ms — 203.0.113.10 클라이언트가 요청 #1의 응답 200을 받습니다 (걸린 시간 52.2 ms)');
  });

  it('tells the 502 nginx gives itself (L7)', () => {
    const [x] = run({
      mode: 'L7',
      servers: [{ name: 's1', down: true }],
      requests: [{ at: 0, client: '203.0.113.10' }],
    });
    expect(x!.status).toBe(502);
    expect(narrate(x!, 1, 'en')).toMatch(/^lb1 receives #1 from 203\.0\.113\.10:\d+ for 198\.51\.100\.1:80: no server available$/);
    expect(narrate(x!, 2, 'en')).toMatch(/^lb1 answers #1 itself with 502: 198\.51\.100\.1:80 → 203\.0\.113\.10:\d+$/);
    expect(narrate(x!, 2, 'ko')).toMatch(/^lb1 로드밸런서가 요청 #1에 직접 응답합니다\(502\): 198\.51\.100\.1:80 → 203\.0\.113\.10:\d+$/);
    expect(narrate(x!, 3, 'ko')).toBe('203.0.113.10 클라이언트가 요청 #1의 응답 502를 받습니다 (걸린 시간 30.5 ms)');
  });

  it("tells IPVS's 'no destination available' in L4: ICMP port unreachable, no HTTP, no status (ip_vs_leave, ip_vs_core.c)", () => {
    const [x] = run({ servers: [{ name: 's1', down: true }], requests: [{ at: 0, client: '203.0.113.10' }] });
    expect(x!.status).toBeNull();
    expect(x!.ipvs?.error).toBe('no destination available');
    expect(narrate(x!, 1, 'en')).toMatch(
      /^lb1 receives #1 from 203\.0\.113\.10:\d+ for 198\.51\.100\.1:80: IPVS \(rr\) has no destination available$/,
    );
    expect(narrate(x!, 2, 'en')).toMatch(
      /^lb1 answers #1 with ICMP port unreachable \(IPVS has no destination\): 198\.51\.100\.1:80 → 203\.0\.113\.10:\d+$/,
    );
    expect(narrate(x!, 3, 'en')).toBe('203.0.113.10 gets ICMP port unreachable for #1: its connect fails with "connection refused"');
    expect(narrate(x!, 3, 'ko')).toBe(
      '203.0.113.10 클라이언트가 요청 #1에 대해 ICMP port unreachable을 받습니다: connect가 "connection refused"로 실패합니다',
    );
  });
});

describe('narration of events', () => {
  it('tells configuration changes in both languages', () => {
    expect(narrateEvent({ at: 5, action: 'set-algorithm', algorithm: 'ip-hash' }, 'en')).toBe('Algorithm changed to IP hash');
    expect(narrateEvent({ at: 5, action: 'set-weight', target: 's1', weight: 3 }, 'ko')).toBe('가중치 변경: s1 서버 → 3');
    expect(narrateEvent({ at: 5, action: 'set-load', ratePerSec: 8, clients: 2 }, 'en')).toBe('Load changed: 8 requests/s, 2 clients');
  });
});

describe('the log', () => {
  const input = {
    servers: [{ name: 's1' }, { name: 's2' }],
    requests: [
      { at: 0, client: '203.0.113.10' },
      { at: 30, client: '192.0.2.77' },
    ],
    events: [{ at: 25, action: 'set-weight', target: 's2', weight: 2 }],
  };
  const parsed = parseScenario(input);
  if (!parsed.ok) throw new Error(parsed.error);
  const trace = buildTrace(run(input));

  it('holds what happened up to t, in order, marks the latest moment and names the request', () => {
    const lines = logLines(trace, parsed.scenario.events, 25, 'en');
    expect(lines.map((l) => l.text.slice(0, 22))).toEqual([
      '203.0.113.10 asks DNS ',
      'DNS answers 203.0.113.',
      '203.0.113.10 sends #1 ',
      'lb1 receives #1 from 2',
      's1 receives #1 from 19',
      'Weight of s2 set to 2',
    ]);
    expect(lines.filter((l) => l.current).map((l) => l.text)).toEqual(['Weight of s2 set to 2']);
    expect(lines[3]!.request).toBe(1);
    expect(lines[5]!.request).toBeNull();
  });

  it('keeps only the last lines', () => {
    const lines = logLines(trace, parsed.scenario.events, Infinity, 'ko', 4);
    expect(lines).toHaveLength(4);
    expect(lines[3]!.text).toContain('192.0.2.77 클라이언트가 요청 #2의 응답 200을 받습니다');
    expect(lines[3]!.current).toBe(true);
    expect(logLines(trace, parsed.scenario.events, -1, 'en')).toEqual([]);
  });
});

describe('L7 narration', () => {
  it('tells the two connections, the cache and the block', async () => {
    const { run } = await import('../../sim/test/helpers.ts');
    const { narrate } = await import('./narrate.ts');
    const recs = run({
      mode: 'L7',
      servers: [{ name: 's1' }, { name: 's2' }],
      cache: { pathPrefixes: ['/static'] },
      block: { pathPrefixes: ['/admin'] },
      requests: [
        { at: 0, client: '203.0.113.10', path: '/static/a.js' },
        { at: 100, client: '203.0.113.10', path: '/static/a.js' },
        { at: 200, client: '203.0.113.10', path: '/admin' },
      ],
    });
    const lines = (i: number, lang: 'en' | 'ko' = 'en') => recs[i]!.hops.map((_, h) => narrate(recs[i]!, h, lang));
    expect(lines(0).some((l) => l.startsWith("lb1 ends the client's connection"))).toBe(true);
    expect(lines(0).some((l) => l.includes('opens its own connection to s1') && l.includes('X-Forwarded-For: 203.0.113.10'))).toBe(true);
    expect(lines(1).some((l) => l.includes('from its cache'))).toBe(true);
    expect(lines(2).some((l) => l.includes('blocks #3 (/admin) with 403'))).toBe(true);
    expect(lines(2, 'ko').some((l) => l.includes('요청 #3을 403으로 차단합니다 (/admin)'))).toBe(true);
  });

  it("tells nginx writing the answer on the client's connection, not a rewrite, and the appended X-Forwarded-For", async () => {
    const { run } = await import('../../sim/test/helpers.ts');
    const { narrate } = await import('./narrate.ts');
    const [r] = run({
      mode: 'L7',
      servers: [{ name: 's1' }],
      requests: [{ at: 0, client: '203.0.113.10', headers: { 'x-forwarded-for': '10.9.8.7' } }],
    });
    const lines = r!.hops.map((_, h) => narrate(r!, h, 'en'));
    expect(lines.some((l) => l.includes('X-Forwarded-For: 10.9.8.7, 203.0.113.10'))).toBe(true);
    expect(
      lines.some((l) =>
        /^lb1 reads s1's answer to #1 and writes it on the client's connection: 198\.51\.100\.1:80 → 203\.0\.113\.10:\d+$/.test(l),
      ),
    ).toBe(true);
    expect(lines.some((l) => l.includes('rewrites'))).toBe(false);
  });
});

// ip_vs_dr_xmit and ip_vs_tunnel_xmit (net/netfilter/ipvs/ip_vs_xmit.c): the IP header the
// client sent goes on; only the frame's destination MAC, or an outer header, carries the server.
describe('narration of direct routing and tunnelling', () => {
  const one = (forwarding: string) => run({ forwarding, servers: [{ name: 's1' }], requests: [{ at: 0, client: '203.0.113.10' }] })[0]!;

  it('says direct routing rewrites only the destination MAC, and the server answers the client itself', () => {
    const r = one('dr');
    const c = r.nat!.client;
    expect(narrateLine(r, 1, 'en')).toBe(
      `20.0 ms — lb1 receives #1 from ${c} for 198.51.100.1:80, picks s1 (IPVS rr) and leaves the IP header as it is: only the Ethernet destination becomes s1’s MAC 02:00:0a:00:00:0b (direct routing)`,
    );
    expect(narrateLine(r, 1, 'ko')).toContain('02:00:0a:00:00:0b');
    expect(r.hops.map((h) => h.node)).toEqual(['client', 'lb1', 's1', 's1', 'client']);
  });

  it('says the tunnel wraps the packet in an outer header balancer → server', () => {
    const r = one('tun');
    expect(narrateLine(r, 1, 'en')).toContain('wraps the packet, unchanged, in an outer header 10.0.0.2 → 10.0.0.11 (IP tunnel)');
  });
});
