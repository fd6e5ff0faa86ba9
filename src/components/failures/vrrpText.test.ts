import { describe, expect, it } from 'vitest';
import { simulateRun } from '../../sim/engine.ts';
import { scenarioOf } from '../../sim/test/helpers.ts';
import { vrrpAt } from '../../trace/config.ts';
import { buildTrace } from '../../trace/trace.ts';
import { serverStatus } from './nodeStatus.ts';
import { vrrpLines } from './vrrpText.ts';

const s = scenarioOf({
  servers: [{ name: 's1' }, { name: 's2' }],
  requests: Array.from({ length: 40 }, (_, i) => ({ at: i * 500, client: '203.0.113.10', serviceMs: 5 })),
  events: [{ at: 5000, action: 'fail', target: 'lb1' }, { at: 15_000, action: 'restore', target: 'lb1' }],
});
const trace = buildTrace(simulateRun(s));
const lines = (t: number, lang: 'en' | 'ko' = 'en') => vrrpLines(vrrpAt(trace, s, t), s, t, lang);

describe('the VRRP pair in words', () => {
  it('names the master, the last advert and when lb2 would take over', () => {
    expect(lines(4500)).toEqual({
      master: 'lb1 (priority 150) holds the VIP 198.51.100.1',
      roles: 'lb1: master · lb2: backup',
      lastAdvert: 'from lb1, 500.0 ms ago (at 4,000.0 ms)',
      takeover: 'lb2 takes over at 7,609.4 ms if nothing is heard',
      interval: 'master-down interval = 3 × 1,000 + (256 − 100)/256 × 1,000 = 3,609.4 ms',
    });
  });

  it('says nobody answers while lb1 is dead, then lb2 holds the VIP', () => {
    expect(lines(6000).master).toBe('none: lb1 is down and nobody answers for the VIP 198.51.100.1');
    expect(lines(6000).roles).toBe('lb1: ✗ failed · lb2: backup');
    expect(lines(8000)).toMatchObject({ master: 'lb2 (priority 100) holds the VIP 198.51.100.1', takeover: 'nobody: no live backup', interval: null });
  });

  it('tells the preemption to come, in Korean too', () => {
    expect(lines(15_100).takeover).toBe('lb1 (priority 150 > 100) takes the VIP back at lb2’s next advert, at 15,609.4 ms (preemption)');
    expect(lines(4500, 'ko').takeover).toBe('7,609.4 ms까지 광고를 못 들으면 lb2 로드밸런서가 넘겨받습니다');
    expect(lines(15_100, 'ko').takeover).toBe('lb1 로드밸런서(우선순위 150 > 100)가 lb2의 다음 광고 때(15,609.4 ms) VIP를 되찾습니다(선점)');
  });
});

describe('a server box', () => {
  const hc = { fall: 3, rise: 2 };
  it('says whether the server works and how the balancer in charge sees it', () => {
    expect(serverStatus({ failed: false, onFailure: 'refuse', inCharge: 'lb1', view: undefined, healthCheck: null }, 'en'))
      .toEqual({ failed: false, down: false, lines: ['✓ up'] });
    expect(serverStatus({ failed: true, onFailure: 'timeout', inCharge: 'lb1', view: { state: 'up', streak: 2 }, healthCheck: hc }, 'en'))
      .toEqual({ failed: true, down: false, lines: ['✗ failed: no answer', 'lb1: up, 2/3 checks failed'] });
    expect(serverStatus({ failed: true, onFailure: 'refuse', inCharge: 'lb2', view: { state: 'down', streak: 0 }, healthCheck: hc }, 'ko'))
      .toEqual({ failed: true, down: true, lines: ['✗ 장애: 연결 거부', 'lb2: DOWN (헬스 체크)'] });
    expect(serverStatus({ failed: false, onFailure: 'refuse', inCharge: 'lb1', view: { state: 'down', streak: 1 }, healthCheck: hc }, 'en').lines[1])
      .toBe('lb1: down, 1/2 checks passed');
  });
});
