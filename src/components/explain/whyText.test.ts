import { describe, expect, it } from 'vitest';
import type { RequestRecord } from '../../sim/types.ts';
import type { WhyAt } from '../../trace/why.ts';
import { answeredLine, matchText, ruleLine, takeoverLines } from './whyText.ts';

const record = { id: 7, client: '192.0.2.77', path: '/admin' } as RequestRecord;

describe('the why in words', () => {
  it('names the rule: its number from 1, its match and its servers, in both languages', () => {
    const rule = { index: 1, match: { pathPrefix: '/map' }, servers: ['s2'] };
    expect(ruleLine(rule, true, 'en')).toBe('Rule 2 matched: path starts with /map → s2');
    expect(ruleLine(rule, true, 'ko')).toMatch(/^규칙 2 일치: 경로가 \/map.* 시작 → s2$/);
    expect(matchText({ header: 'X-Beta', equals: '1' }, 'en')).toBe('header X-Beta: 1');
    expect(ruleLine(null, true, 'en')).toMatch(/^No rule matched/);
    expect(ruleLine(null, false, 'en')).toBeNull();
  });

  it('tells a block and a cache hit as the balancer’s own answer', () => {
    const blocked: WhyAt = { kind: 'answered', record, balancer: 'lb1', at: 1, how: 'blocked', status: 403 };
    expect(answeredLine(blocked, 'en')).toBe('lb1 refused it with 403: the path /admin is denied. No server was asked.');
    expect(answeredLine({ ...blocked, status: 503 }, 'en')).toMatch(/192\.0\.2\.77 sent more than its rate limit/);
    expect(answeredLine({ ...blocked, how: 'cached', status: 200 }, 'ko')).toMatch(/^lb1 로드밸런서가 캐시에서 응답했습니다/);
  });

  it('while lb1 is down: lb2 takes over at the run’s time, then took over', () => {
    const w: WhyAt = { kind: 'takeover', record, from: 'lb1', down: true, to: 'lb2', at: 10609.375 };
    expect(takeoverLines(w, 9000, 'en')[0]).toBe('lb1 is down; lb2 takes over at 10,609.4 ms.');
    expect(takeoverLines(w, 9000, 'ko')[0]).toBe('lb1 로드밸런서 장애: lb2 로드밸런서가 10,609.4 ms에 넘겨받습니다.');
    expect(takeoverLines(w, 11000, 'en')[0]).toMatch(/^lb1 is down; lb2 took over at 10,609.4 ms/);
    expect(takeoverLines({ ...w, to: null, at: null }, 9000, 'en')[0]).toMatch(/no balancer takes over/);
  });
});
