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
  events: [
    { at: 5000, action: 'fail', target: 'lb1' },
    { at: 15_000, action: 'restore', target: 'lb1' },
  ],
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
      interval: "master-down interval (VRRPv2, keepalived's default) = 3 × 1,000 + (256 − 100)/256 × 1,000 = 3,609.4 ms",
    });
  });

  it("works the interval out as keepalived does: VRRPv2's skew in seconds, VRRPv3's scaled by the advert", () => {
    const of = (balancers: object) => {
      const x = scenarioOf({ servers: [{ name: 's1' }], balancers, requests: [{ at: 0, client: '203.0.113.10' }] });
      return vrrpLines(vrrpAt(buildTrace(simulateRun(x)), x, 100), x, 100, 'en').interval;
    };
    expect(of({ advertIntervalMs: 2000 })).toBe(
      "master-down interval (VRRPv2, keepalived's default) = 3 × 2,000 + (256 − 100)/256 × 1,000 = 6,609.4 ms",
    );
    expect(of({ version: 3, advertIntervalMs: 500 })).toBe('master-down interval (VRRPv3) = 3 × 500 + (256 − 100)/256 × 500 = 1,804.7 ms');
  });

  it('says nobody answers while lb1 is dead, then lb2 holds the VIP', () => {
    expect(lines(6000).master).toBe('none: lb1 is down and nobody answers for the VIP 198.51.100.1');
    expect(lines(6000).roles).toBe('lb1: ✗ failed · lb2: backup');
    expect(lines(8000)).toMatchObject({
      master: 'lb2 (priority 100) holds the VIP 198.51.100.1',
      takeover: 'nobody: no live backup',
      interval: null,
    });
  });

  it("tells the preemption to come at lb1's own master-down timer, in Korean too", () => {
    // Restored at 15,000 ms, lb1 listens as backup; 3 × 1,000 + (256 − 150)/256 × 1,000 = 3,414.1 ms later it takes over.
    expect(lines(15_100).takeover).toBe(
      'lb1 (priority 150 > 100) ignores lb2’s lower-priority adverts and takes the VIP back when its own master-down timer runs out, at 18,414.1 ms (preemption)',
    );
    expect(lines(15_100).interval).toBe(
      "master-down interval (VRRPv2, keepalived's default) = 3 × 1,000 + (256 − 150)/256 × 1,000 = 3,414.1 ms",
    );
    // lb2's next advert (15,609.4 ms) does not end the wait: lb2 still holds the VIP.
    expect(lines(16_000).master).toBe('lb2 (priority 100) holds the VIP 198.51.100.1');
    expect(lines(4500, 'ko').takeover).toBe('7,609.4 ms까지 광고를 못 들으면 lb2 로드밸런서가 넘겨받습니다');
    expect(lines(15_100, 'ko').takeover).toBe(
      'lb1 로드밸런서(우선순위 150 > 100)는 lb2 로드밸런서의 낮은 우선순위 광고를 무시하고, 자기 마스터 다운 타이머가 끝나는 18,414.1 ms에 VIP를 되찾습니다(선점)',
    );
    expect(lines(18_500)).toMatchObject({
      master: 'lb1 (priority 150) holds the VIP 198.51.100.1',
      roles: 'lb1: master · lb2: backup',
    });
  });
});

describe('a server box', () => {
  // HAProxy's counter with rise 2, fall 3: 0–1 is down, 2–4 up; a passed check while up goes to 4.
  const hc = { fall: 3, rise: 2 };
  it('says whether the server works and how the balancer in charge sees it', () => {
    expect(serverStatus({ failed: false, onFailure: 'refuse', inCharge: 'lb1', view: undefined, healthCheck: null }, 'en')).toEqual({
      failed: false,
      down: false,
      lines: ['✓ up'],
    });
    expect(
      serverStatus({ failed: false, onFailure: 'refuse', inCharge: 'lb1', view: { state: 'up', health: 4 }, healthCheck: hc }, 'en'),
    ).toEqual({ failed: false, down: false, lines: ['✓ up', 'lb1: up (health check)'] });
    expect(
      serverStatus({ failed: true, onFailure: 'timeout', inCharge: 'lb1', view: { state: 'up', health: 3 }, healthCheck: hc }, 'en'),
    ).toEqual({
      failed: true,
      down: false,
      lines: ['✗ failed: no answer', 'lb1: up, down after 2 more failed checks'],
    });
    expect(
      serverStatus({ failed: true, onFailure: 'timeout', inCharge: 'lb1', view: { state: 'up', health: 2 }, healthCheck: hc }, 'ko')
        .lines[1],
    ).toBe('lb1: UP, 다음 검사가 실패하면 DOWN');
    expect(
      serverStatus({ failed: true, onFailure: 'refuse', inCharge: 'lb2', view: { state: 'down', health: 0 }, healthCheck: hc }, 'ko'),
    ).toEqual({ failed: true, down: true, lines: ['✗ 장애: 연결 거부', 'lb2: DOWN (헬스 체크)'] });
    expect(
      serverStatus({ failed: false, onFailure: 'refuse', inCharge: 'lb1', view: { state: 'down', health: 1 }, healthCheck: hc }, 'en')
        .lines[1],
    ).toBe('lb1: down, 1/2 checks passed');
  });

  it('before any check has passed, a server is up at health = rise: its first failed check takes it down', () => {
    expect(serverStatus({ failed: true, onFailure: 'refuse', inCharge: 'lb1', view: undefined, healthCheck: hc }, 'en').lines[1]).toBe(
      'lb1: up, down at the next failed check',
    );
  });
});
