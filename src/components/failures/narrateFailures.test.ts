import { describe, expect, it } from 'vitest';
import { simulateRun } from '../../sim/engine.ts';
import { run, scenarioOf } from '../../sim/test/helpers.ts';
import { buildTrace } from '../../trace/trace.ts';
import { logLines } from '../explain/logLines.ts';
import { narrate, narrateEvent } from '../explain/narrate.ts';

const three = [{ name: 's1' }, { name: 's2' }, { name: 's3' }];
const every = (n: number, gap: number, from = 0) =>
  Array.from({ length: n }, (_, i) => ({ at: from + i * gap, client: '203.0.113.10', serviceMs: 5 }));
const all = (r: { hops: unknown[] }, lang: 'en' | 'ko') => r.hops.map((_, i) => narrate(r as Parameters<typeof narrate>[0], i, lang));

describe('narration of a failed server', () => {
  // L7: nginx retries the next server (proxy_next_upstream error timeout).
  const recs = run({
    mode: 'L7',
    servers: three,
    requests: every(3, 100),
    events: [{ at: 50, action: 'fail', target: 's2' }],
  });

  it("tells the refusal, the RST, and nginx's retry on the next server (L7)", () => {
    const lines = all(recs[1]!, 'en');
    expect(lines[2]).toMatch(
      /^lb1 opens its own connection to s2 for #2: 10\.0\.0\.2:\d+ → 10\.0\.0\.12:8080, with X-Forwarded-For: 203\.0\.113\.10$/,
    );
    expect(lines[3]).toBe('s2 is down and refuses the connection for #2 (RST)');
    expect(lines[4]).toMatch(/^s2 answers #2 with RST: 10\.0\.0\.12:8080 → 10\.0\.0\.2:\d+$/);
    expect(lines[5]).toBe('s2 refused the connection (RST); lb1 tries s3 (#2)');
    expect(lines[6]).toMatch(/^lb1 sends #2 again, to s3: 10\.0\.0\.2:\d+ → 10\.0\.0\.13:8080$/);
    expect(lines.at(-1)).toMatch(/^203\.0\.113\.10 receives the response 200 to #2/);
    expect(all(recs[1]!, 'ko')[5]).toBe('s2 서버가 연결을 거부했습니다(RST). lb1 로드밸런서가 s3 서버로 다시 시도합니다 (#2)');
  });

  it("in L4, tells the server's RST going back through the NAT to the client, and no retry", () => {
    const [, r] = run({ servers: three, requests: every(3, 100), events: [{ at: 50, action: 'fail', target: 's2' }] });
    expect(r!.outcome).toBe('reset');
    const lines = all(r!, 'en');
    expect(lines[2]).toBe('s2 is down and refuses the connection for #2 (RST)');
    expect(lines[3]).toMatch(/^s2 answers #2 with RST: 10\.0\.0\.12:8080 → 198\.51\.100\.1:\d+$/);
    expect(lines[4]).toMatch(
      new RegExp(
        "^lb1 rewrites s2's reset back to the client, as any packet of the connection: 10\\.0\\.0\\.12:8080 → 198\\.51\\.100\\.1:(\\d+) ⇒ " +
          '198\\.51\\.100\\.1:80 → 203\\.0\\.113\\.10:\\1\\. An L4 NAT picked the server at the SYN and does not retry \\(#2\\)$',
      ),
    );
    expect(lines[5]).toBe('203.0.113.10 gets a reset for #2: the connection is gone');
    expect(lines).toHaveLength(6);
    expect(lines.some((l) => /tries|again/.test(l))).toBe(false);
    expect(all(r!, 'ko')[4]).toMatch(
      /^lb1 로드밸런서가 s2 서버의 RST를 연결의 다른 패킷처럼 주소를 바꿔 클라이언트에게 돌려보냅니다: .* L4 NAT는 SYN 때 서버를 정했고 다시 시도하지 않습니다 \(#2\)$/,
    );
  });

  it("says when no server is left, and nginx's 502 follows (L7)", () => {
    const [, r] = run({
      mode: 'L7',
      servers: three,
      requests: every(2, 100),
      events: three.map((s) => ({ at: 50, action: 'fail', target: s.name })),
    });
    expect([r!.outcome, r!.status]).toEqual(['unavailable', 502]);
    const lines = all(r!, 'en');
    expect(lines).toContain('s1 refused the connection (RST); lb1 has no server left to try (#2)');
    expect(lines.some((l) => /^lb1 answers #2 itself with 502: 198\.51\.100\.1:80 → 203\.0\.113\.10:\d+$/.test(l))).toBe(true);
    expect(lines.at(-1)).toMatch(/^203\.0\.113\.10 receives the response 502 to #2/);
  });

  it('tells a server that does not answer, and the timeout (L7)', () => {
    const [r] = run({
      mode: 'L7',
      servers: [{ name: 's1', onFailure: 'timeout' }, { name: 's2' }],
      timeouts: { connectMs: 3000 },
      requests: every(1, 0, 100),
      events: [{ at: 0, action: 'fail', target: 's1' }],
    });
    const lines = all(r!, 'en');
    expect(lines).toContain('s1 does not answer: the connection for #1 gets no reply');
    expect(lines).toContain('s1 did not answer in time; lb1 tries s2 (#1)');
    expect(r!.outcome).toBe('ok');
  });

  it("tells nginx's 504 when the last try timed out (L7), and the client giving up on its own in L4", () => {
    const input = {
      servers: [{ name: 's1', onFailure: 'timeout' }],
      timeouts: { connectMs: 3000, clientMs: 10_000 },
      requests: every(1, 0, 100),
      events: [{ at: 0, action: 'fail', target: 's1' }],
    };
    const [l7] = run({ ...input, mode: 'L7' });
    expect([l7!.outcome, l7!.status]).toEqual(['timeout', 504]);
    const lines7 = all(l7!, 'en');
    expect(lines7).toContain('s1 did not answer in time; lb1 has no server left to try (#1)');
    expect(lines7.some((l) => /^lb1 answers #1 itself with 504: /.test(l))).toBe(true);
    const [l4] = run(input);
    expect([l4!.outcome, l4!.status, l4!.latencyMs]).toEqual(['timeout', null, 10_000]);
    expect(all(l4!, 'en')).toEqual([
      expect.stringMatching(/^203\.0\.113\.10 sends #1 GET \//),
      expect.stringMatching(/^lb1 receives #1 .* picks s1/),
      's1 does not answer: the connection for #1 gets no reply',
      '203.0.113.10 gives up waiting for #1',
    ]);
  });

  it('tells failures and restores as events', () => {
    expect(narrateEvent({ at: 5, action: 'fail', target: 's2' }, 'en')).toBe('Server s2 fails');
    expect(narrateEvent({ at: 5, action: 'restore', target: 'lb1' }, 'ko')).toBe('lb1 로드밸런서 복구: BACKUP으로 시작해 광고를 듣습니다');
  });
});

describe('narration of a balancer failover', () => {
  const input = {
    servers: three,
    requests: [...every(30, 400), { at: 4000, client: '192.0.2.77', serviceMs: 4000 }],
    events: [
      { at: 5000, action: 'fail', target: 'lb1' },
      { at: 15_000, action: 'restore', target: 'lb1' },
    ],
  };
  const res = simulateRun(scenarioOf(input));
  const trace = buildTrace(res);
  const system = { vip: '198.51.100.1', fall: 3, rise: 2 };

  it('tells the lost packet, the retransmission, and the reset only the server hears', () => {
    const gap = res.records.find((r) => r.at > 5000)!;
    const lines = all(gap, 'en');
    expect(lines[1]).toBe(`lb1 is down: the packet to the VIP is lost (#${gap.id})`);
    expect(lines[2]).toMatch(new RegExp(`^203\\.0\\.113\\.10 sends #${gap.id} again \\(TCP retransmission\\)`));
    // Without sync, lb2 has no conntrack entry for the connection lb1 opened: it resets the
    // server's side, and the client, which hears nothing, gives up at clientMs.
    const long = res.records.find((r) => r.client === '192.0.2.77')!;
    const server = long.server!;
    const reset = all(long, 'en');
    expect(reset).toContain(
      `lb2 has no record of this connection, so it cannot know the client: it answers ${server}'s packet with a reset; 192.0.2.77 hears nothing (#${long.id})`,
    );
    expect(all(long, 'ko')).toContain(
      `lb2 로드밸런서에는 이 연결의 기록이 없어 클라이언트를 알 수 없습니다: ${server} 서버의 패킷에 RST로 답하고, 192.0.2.77 클라이언트는 아무것도 듣지 못합니다 (#${long.id})`,
    );
    expect(reset[reset.length - 1]).toBe(`192.0.2.77 gives up waiting for #${long.id}`);
    expect([long.outcome, long.latencyMs]).toEqual(['timeout', 120_000]);
    // With conntrackd's copy, lb2 knows the connection and the answer reaches the client.
    const synced = simulateRun(scenarioOf({ ...input, balancers: { sync: true } })).records.find((r) => r.client === '192.0.2.77')!;
    expect(synced.outcome).toBe('ok');
    expect(all(synced, 'en').at(-2)).toMatch(/^lb2 rewrites the response to #\d+: /);
  });

  it('logs the takeover with its gratuitous ARPs and their repeat, and the preemption back', () => {
    const lines = logLines(trace, scenarioOf(input).events, 7609.375, 'en', 60, system).filter((l) => l.request === null);
    expect(lines.map((l) => `${l.time} ${l.text}`)).toEqual([
      '5,000.0 ms lb1 fails: its adverts stop and its connection table is lost',
      '7,609.4 ms lb2 is now MASTER and sends 5 gratuitous ARPs: the VIP 198.51.100.1 moves to lb2',
    ]);
    const repeat = logLines(trace, scenarioOf(input).events, 12_609.375, 'en', 60, system).filter((l) => l.request === null);
    expect(repeat.map((l) => `${l.time} ${l.text}`).at(-1)).toBe(
      '12,609.4 ms lb2 repeats its 5 gratuitous ARPs for the VIP 198.51.100.1 (keepalived sends them again 5 s after taking over)',
    );
    // lb1 is restored at 15 s; lb2's next advert (15,609.4 ms) does not give the VIP back:
    // lb1's own master-down timer does, 3 × 1,000 + (256 − 150)/256 × 1,000 ms later.
    const waiting = logLines(trace, scenarioOf(input).events, 18_414, 'en', 60, system).filter((l) => l.request === null);
    expect(waiting.at(-1)!.text).toBe('lb1 is restored: it starts as BACKUP and listens for adverts');
    const later = logLines(trace, scenarioOf(input).events, 18_414.062, 'ko', 60, system).filter((l) => l.request === null);
    expect(later.map((l) => `${l.time} ${l.text}`).slice(-3)).toEqual([
      '15,000.0 ms lb1 로드밸런서 복구: BACKUP으로 시작해 광고를 듣습니다',
      '18,414.1 ms lb1 로드밸런서가 MASTER가 되어 gratuitous ARP 5개를 보냅니다: VIP 198.51.100.1 주소가 lb1로 옮겨 갑니다',
      '18,414.1 ms lb2 로드밸런서가 더 높은 우선순위를 듣고 BACKUP이 됩니다',
    ]);
  });

  it('leaves the first election out, so an untouched run starts with an empty log', () => {
    expect(logLines(trace, [], 0, 'en', 60, system).filter((l) => l.request === null)).toEqual([]);
  });
});

describe('narration of health checks', () => {
  it('logs a balancer marking a server down after `fall` failed checks', () => {
    const input = {
      mode: 'L7',
      servers: three,
      healthCheck: {},
      requests: every(20, 500),
      events: [{ at: 3000, action: 'fail', target: 's2' }],
    };
    const trace = buildTrace(simulateRun(scenarioOf(input)));
    const down = trace.health.find((h) => h.balancer === 'lb1')!;
    // s2 had passed its checks, so HAProxy's counter takes `fall` (3) failures to bring it down.
    const failed = trace.probes.filter((p) => p.balancer === 'lb1' && p.server === 's2' && !p.ok);
    expect(down.at).toBe(failed[2]!.doneAt);
    const lines = logLines(trace, [], down.at, 'en', 60, { vip: '198.51.100.1', fall: 3, rise: 2 });
    expect(lines.map((l) => l.text)).toContain('lb1 marks s2 DOWN: its health checks failed (HAProxy)');
    expect(logLines(trace, [], down.at - 0.001, 'en', 60, { vip: '198.51.100.1', fall: 3, rise: 2 }).map((l) => l.text)).not.toContain(
      'lb1 marks s2 DOWN: its health checks failed (HAProxy)',
    );
    const ko = logLines(trace, [], down.at, 'ko', 60, { vip: '198.51.100.1', fall: 3, rise: 2 });
    expect(ko.map((l) => l.text)).toContain('lb1 로드밸런서가 헬스 체크(HAProxy)에 실패한 s2 서버를 DOWN으로 표시합니다');
  });

  it('logs it UP again after `rise` passed checks', () => {
    const input = {
      mode: 'L7',
      servers: three,
      healthCheck: {},
      requests: every(20, 500),
      events: [
        { at: 3000, action: 'fail', target: 's2' },
        { at: 12_000, action: 'restore', target: 's2' },
      ],
    };
    const trace = buildTrace(simulateRun(scenarioOf(input)));
    const up = trace.health.find((h) => h.balancer === 'lb1' && h.state === 'up')!;
    const lines = logLines(trace, [], up.at, 'en', 60, { vip: '198.51.100.1', fall: 3, rise: 2 });
    expect(lines.map((l) => l.text)).toContain('lb1 marks s2 UP after 2 passed checks (HAProxy)');
  });

  it("in L4 names keepalived's TCP_CHECK and the IPVS weight, in both languages", () => {
    const trace = buildTrace(
      simulateRun(
        scenarioOf({
          servers: three,
          healthCheck: {},
          requests: every(20, 500),
          events: [
            { at: 3000, action: 'fail', target: 's2' },
            { at: 9000, action: 'restore', target: 's2' },
          ],
        }),
      ),
    );
    const ctx = { vip: '198.51.100.1', fall: 2, rise: 1, checker: 'keepalived' } as const;
    const down = trace.health.find((h) => h.balancer === 'lb1' && h.state === 'down')!;
    const up = trace.health.find((h) => h.balancer === 'lb1' && h.state === 'up')!;
    expect(logLines(trace, [], down.at, 'en', 60, ctx).map((l) => l.text)).toContain(
      'lb1 marks s2 DOWN: its health checks failed (keepalived TCP_CHECK); its IPVS weight is now 0',
    );
    expect(logLines(trace, [], up.at, 'en', 60, ctx).map((l) => l.text)).toContain(
      'lb1 marks s2 UP at its first passed check (keepalived TCP_CHECK); its IPVS weight is back',
    );
    expect(logLines(trace, [], up.at, 'ko', 60, ctx).map((l) => l.text)).toContain(
      'lb1 로드밸런서가 헬스 체크(keepalived TCP_CHECK)를 한 번 통과한 s2 서버를 UP으로 표시하고 IPVS 가중치를 되돌립니다',
    );
  });
});
