import { describe, expect, it } from 'vitest';
import { simulateRun } from '../../sim/engine.ts';
import { parseScenario } from '../../sim/scenario.ts';
import failover from '../../scenarios/failover.json';
import { buildTrace } from '../../trace/trace.ts';
import { LOG_CAP, logLines } from './logLines.ts';
import { currentLine, systemOf } from './narration.ts';

const parsed = parseScenario(failover);
if (!parsed.ok) throw new Error(parsed.error);
const scenario = parsed.scenario;
const trace = buildTrace(simulateRun(scenario));
const system = systemOf(scenario);

describe('the narration line', () => {
  it('says nothing before the first moment', () => {
    expect(currentLine(trace, scenario, trace.times[0]! - 1, 'en')).toBeNull();
  });

  it("is the event log's latest line, at every kind of moment, in both languages", () => {
    const times = [...trace.times.slice(0, 40), 8000, 8001, 10_609.375, 20_000, 23_500, trace.end];
    for (const lang of ['en', 'ko'] as const) {
      for (const t of times) {
        const log = logLines(trace, scenario.events, t, lang, LOG_CAP, system);
        expect(currentLine(trace, scenario, t, lang, system), `${lang} at ${t}`).toEqual({
          ...log[log.length - 1]!,
          key: expect.any(String),
        });
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
