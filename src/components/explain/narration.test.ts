import { describe, expect, it } from 'vitest';
import { simulateRun } from '../../sim/engine.ts';
import { parseScenario } from '../../sim/scenario.ts';
import failover from '../../scenarios/failover.json';
import serverFailure from '../../scenarios/server-failure.json';
import overload from '../../scenarios/overload.json';
import { buildTrace } from '../../trace/trace.ts';
import { LOG_CAP, logLines, RANK, type LogLine } from './logLines.ts';
import { currentLine, mainLine, systemOf } from './narration.ts';

const parsed = parseScenario(failover);
if (!parsed.ok) throw new Error(parsed.error);
const scenario = parsed.scenario;
const trace = buildTrace(simulateRun(scenario));
const system = systemOf(scenario);

describe('the narration line', () => {
  it('says nothing before the first moment', () => {
    expect(currentLine(trace, scenario, trace.times[0]! - 1, 'en')).toBeNull();
  });

  it("is one of the event log's lines at its latest instant, the one that matters most, in both languages", () => {
    const times = [...trace.times.slice(0, 40), 8000, 8001, 10_609.375, 20_000, 23_500, trace.end];
    for (const lang of ['en', 'ko'] as const) {
      for (const t of times) {
        const log = logLines(trace, scenario.events, t, lang, LOG_CAP, system);
        const now = log.filter((l) => l.current);
        const line = currentLine(trace, scenario, t, lang, system)!;
        expect(
          now.map((l) => l.text),
          `${lang} at ${t}`,
        ).toContain(line.text);
        expect(line.rank).toBe(now.reduce((m, l) => Math.max(m, l.rank), -Infinity));
      }
    }
  });

  it('tells the request it is about, and the failure when that is the latest thing', () => {
    const line = currentLine(trace, scenario, trace.times[0]!, 'en')!;
    expect(line.request).toBe(trace.records[trace.momentRecord[0]!]!.id);
    expect(line.text).toContain(`#${line.request}`);
    const failure = currentLine(trace, scenario, 8000, 'en')!;
    expect(failure.request).toBeNull();
    expect(failure.text).toMatch(/lb1/);
  });
});

describe('the narration tells the main event of its moment', () => {
  const line = (at: number, rank: number, text: string): LogLine => ({
    key: text,
    at,
    time: '',
    text,
    request: null,
    current: false,
    rank,
  });

  it('prefers a failure or a takeover to a packet, and a packet to routine; among equals the last', () => {
    expect(mainLine([line(1, RANK.failure, 'old'), line(2, RANK.routine, 'garp repeat')])!.text).toBe('garp repeat');
    expect(mainLine([line(2, RANK.failure, 's2 fails'), line(2, RANK.routine, 'garp repeat'), line(2, RANK.packet, '#4')])!.text).toBe(
      's2 fails',
    );
    expect(mainLine([line(2, RANK.routine, 'backup'), line(2, RANK.takeover, 'lb2 is master'), line(2, RANK.packet, '#9')])!.text).toBe(
      'lb2 is master',
    );
    expect(mainLine([line(2, RANK.packet, '#1'), line(2, RANK.packet, '#2')])!.text).toBe('#2');
    expect(mainLine([])).toBeNull();
  });

  it('at the moment s2 fails (with lb1 repeating its gratuitous ARPs then) says s2 fails, in both languages', () => {
    const p = parseScenario(serverFailure);
    if (!p.ok) throw new Error(p.error);
    const tr = buildTrace(simulateRun(p.scenario));
    expect(tr.vrrp.some((v) => v.at === 5000 && v.kind === 'garp' && v.repeat)).toBe(true);
    expect(currentLine(tr, p.scenario, 5000, 'en')!.text).toBe('Server s2 fails');
    expect(currentLine(tr, p.scenario, 5000, 'ko')!.text).toBe('s2 서버 장애 발생');
  });

  it('at the takeover says lb2 takes the VIP, over the packets and the step down of that instant', () => {
    const takeover = trace.vrrp.find((v) => v.kind === 'master' && v.balancer === 'lb2')!.at;
    expect(currentLine(trace, scenario, takeover, 'en')!.text).toMatch(/^lb2 is now MASTER and sends 5 gratuitous ARPs/);
    const back = trace.vrrp.find((v) => v.kind === 'master' && v.balancer === 'lb1' && v.at > 0)!.at;
    expect(currentLine(trace, scenario, back, 'en')!.text).toMatch(/^lb1 is now MASTER/);
    expect(currentLine(trace, scenario, 8000, 'ko')!.text).toMatch(/^lb1 로드밸런서 장애/);
  });
});

describe('the narration at a dropped SYN', () => {
  const p = parseScenario(overload);
  if (!p.ok) throw new Error(p.error);
  const tr = buildTrace(simulateRun(p.scenario));
  const drops = tr.records.flatMap((r) => r.hops.filter((h) => h.drop === 'overflow').map((h) => ({ r, h })));

  it('tells the full queue dropping it, in both languages, over the routine steps of that instant', () => {
    const { r, h } = drops[0]!;
    expect(currentLine(tr, p.scenario, h.at, 'en')!.text).toBe(
      `s1's accept queue is full (its listen backlog): the kernel drops the SYN of #${r.id} without a word, and the sender will send it again`,
    );
    expect(currentLine(tr, p.scenario, h.at, 'ko')!.text).toMatch(
      new RegExp(`^s1 서버의 수락 대기열\\(listen 백로그\\)이 가득 찼습니다: .*#${r.id}의 SYN`),
    );
    expect(currentLine(tr, p.scenario, h.at, 'en')!.rank).toBe(RANK.drop);
  });

  it('ranks a drop over a packet step of the same instant', () => {
    const at = (rank: number, text: string): LogLine => ({ key: text, at: 5, time: '', text, request: 1, current: false, rank });
    expect(mainLine([at(RANK.drop, 'dropped'), at(RANK.packet, 'sends')])!.text).toBe('dropped');
    expect(mainLine([at(RANK.failure, 's2 fails'), at(RANK.drop, 'dropped')])!.text).toBe('s2 fails');
  });
});
