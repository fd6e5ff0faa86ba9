import { describe, expect, it } from 'vitest';
import { simulateRun } from '../../sim/engine.ts';
import { run, scenarioOf } from '../../sim/test/helpers.ts';
import { buildTrace } from '../../trace/trace.ts';
import { logLines } from '../explain/logLines.ts';
import { narrate, narrateEvent } from '../explain/narrate.ts';

const three = [{ name: 's1' }, { name: 's2' }, { name: 's3' }];
const every = (n: number, gap: number, from = 0) => Array.from({ length: n }, (_, i) => ({ at: from + i * gap, client: '203.0.113.10', serviceMs: 5 }));
const all = (r: { hops: unknown[] }, lang: 'en' | 'ko') => r.hops.map((_, i) => narrate(r as Parameters<typeof narrate>[0], i, lang));

describe('narration of a failed server', () => {
  const recs = run({ servers: three, requests: every(3, 100), events: [{ at: 50, action: 'fail', target: 's2' }] });

  it('tells the refusal, the RST, and the retry on the next server', () => {
    const lines = all(recs[1]!, 'en');
    expect(lines[2]).toBe('s2 is down and refuses the connection for #2 (RST)');
    expect(lines[3]).toMatch(/^s2 answers #2 with RST: 10\.0\.0\.12:8080 → 198\.51\.100\.1:\d+$/);
    expect(lines[4]).toBe('s2 refused the connection (RST); lb1 tries s3 (#2)');
    expect(lines[5]).toMatch(/^lb1 sends #2 again, to s3: 198\.51\.100\.1:\d+ → 10\.0\.0\.13:8080$/);
    expect(all(recs[1]!, 'ko')[4]).toBe('s2 서버가 연결을 거부했습니다(RST). lb1 로드밸런서가 s3 서버로 다시 시도합니다 (#2)');
  });

  it('says when no server is left, and the 503 follows', () => {
    const [, r] = run({ servers: three, requests: every(2, 100), events: three.map((s) => ({ at: 50, action: 'fail', target: s.name })) });
    const lines = all(r!, 'en');
    expect(lines).toContain('s1 refused the connection (RST); lb1 has no server left to try (#2)');
    expect(lines.some((l) => /^lb1 answers #2 itself with 503/.test(l))).toBe(true);
  });

  it('tells a server that does not answer, and the timeout', () => {
    const [r] = run({
      servers: [{ name: 's1', onFailure: 'timeout' }, { name: 's2' }], timeouts: { connectMs: 3000 },
      requests: every(1, 0, 100), events: [{ at: 0, action: 'fail', target: 's1' }],
    });
    const lines = all(r!, 'en');
    expect(lines).toContain('s1 does not answer: the connection for #1 gets no reply');
    expect(lines).toContain('s1 did not answer in time; lb1 tries s2 (#1)');
  });

  it('tells failures and restores as events', () => {
    expect(narrateEvent({ at: 5, action: 'fail', target: 's2' }, 'en')).toBe('Server s2 fails');
    expect(narrateEvent({ at: 5, action: 'restore', target: 'lb1' }, 'ko')).toBe('lb1 로드밸런서 복구: BACKUP으로 시작해 광고를 듣습니다');
  });
});

describe('narration of a balancer failover', () => {
  const input = {
    servers: three, requests: [...every(30, 400), { at: 4000, client: '192.0.2.77', serviceMs: 4000 }],
    events: [{ at: 5000, action: 'fail', target: 'lb1' }, { at: 15_000, action: 'restore', target: 'lb1' }],
  };
  const res = simulateRun(scenarioOf(input));
  const trace = buildTrace(res);
  const system = { vip: '198.51.100.1', fall: 3, rise: 2 };

  it('tells the lost packet, the retransmission and the reset', () => {
    const gap = res.records.find((r) => r.at > 5000)!;
    const lines = all(gap, 'en');
    expect(lines[1]).toBe(`lb1 is down: the packet to the VIP is lost (#${gap.id})`);
    expect(lines[2]).toMatch(new RegExp(`^203\\.0\\.113\\.10 sends #${gap.id} again \\(TCP retransmission\\)`));
    const long = res.records.find((r) => r.client === '192.0.2.77')!;
    const reset = all(long, 'en');
    expect(reset).toContain(`lb2 has no record of this connection: reset (#${long.id})`);
    expect(reset[reset.length - 1]).toBe(`192.0.2.77 gets a reset for #${long.id}: the connection is gone`);
  });

  it('logs the takeover with its gratuitous ARP, and the preemption back', () => {
    const lines = logLines(trace, scenarioOf(input).events, 7609.375, 'en', 60, system).filter((l) => l.request === null);
    expect(lines.map((l) => `${l.time} ${l.text}`)).toEqual([
      '5,000.0 ms lb1 fails: its adverts stop and its connection table is lost',
      '7,609.4 ms lb2 is now MASTER and sends a gratuitous ARP: the VIP 198.51.100.1 moves to lb2',
    ]);
    const later = logLines(trace, scenarioOf(input).events, 15_609.375, 'ko', 60, system).filter((l) => l.request === null);
    expect(later.map((l) => l.text).slice(-3)).toEqual([
      'lb1 로드밸런서 복구: BACKUP으로 시작해 광고를 듣습니다',
      'lb1 로드밸런서가 MASTER가 되어 gratuitous ARP를 보냅니다: VIP 198.51.100.1 주소가 lb1로 옮겨 갑니다',
      'lb2 로드밸런서가 더 높은 우선순위를 듣고 BACKUP이 됩니다',
    ]);
  });

  it('leaves the first election out, so an untouched run starts with an empty log', () => {
    expect(logLines(trace, [], 0, 'en', 60, system).filter((l) => l.request === null)).toEqual([]);
  });
});

describe('narration of health checks', () => {
  it('logs a balancer marking a server down after `fall` failed checks', () => {
    const input = { servers: three, healthCheck: {}, requests: every(20, 500), events: [{ at: 3000, action: 'fail', target: 's2' }] };
    const trace = buildTrace(simulateRun(scenarioOf(input)));
    const down = trace.health.find((h) => h.balancer === 'lb1')!;
    const lines = logLines(trace, [], down.at, 'en', 60, { vip: '198.51.100.1', fall: 3, rise: 2 });
    expect(lines.map((l) => l.text)).toContain('lb1 marks s2 DOWN after 3 failed checks');
    const ko = logLines(trace, [], down.at, 'ko', 60, { vip: '198.51.100.1', fall: 3, rise: 2 });
    expect(ko.map((l) => l.text)).toContain('lb1 로드밸런서가 검사에 연속 3번 실패한 s2 서버를 DOWN으로 표시합니다');
  });
});
