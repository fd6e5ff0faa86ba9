import { describe, expect, it } from 'vitest';
import { createLabStore } from './labStore.ts';
import type { ClockHost } from './clock.ts';
import classroom from '../scenarios/classroom.json';
import type { ScenarioInput } from '../sim/scenario.ts';

/** A clock host whose frames the test fires by hand: playback without a browser. */
function manualHost() {
  let now = 0;
  let pending: ((ts: number) => void) | null = null;
  const host: ClockHost = {
    now: () => now,
    requestFrame: (cb) => {
      pending = cb;
      return 1;
    },
    cancelFrame: () => {
      pending = null;
    },
  };
  return {
    host,
    advance(ms: number) {
      now += ms;
      const cb = pending;
      pending = null;
      cb?.(now);
    },
  };
}

function lab() {
  const h = manualHost();
  const store = createLabStore({ lang: 'en', scenario: classroom as ScenarioInput, host: h.host });
  return { store, s: () => store.getState(), advance: h.advance };
}

describe('lab store: playback and history', () => {
  it('plays on the clock, scaled by speed, and commits time to the store', async () => {
    const { s, advance } = lab();
    s().setSpeed(0.5);
    s().play();
    expect(s().playing).toBe(true);
    // From the very start, Play skips the empty lead-in: the first packet moves 300 ms later.
    const first = s().trace.times[0]!;
    const from = s().clock.time;
    expect(from).toBeCloseTo(Math.max(0, first - 300 * 0.5), 6);
    for (let i = 0; i < 10; i++) advance(20);
    expect(s().clock.time).toBeCloseTo(from + 100, 6);
    s().pause();
    expect(s().time).toBeCloseTo(from + 100, 6);
    expect(s().playing).toBe(false);
    // Anywhere else, Play goes on from where it is.
    s().seek(50);
    s().play();
    expect(s().clock.time).toBe(50);
    s().pause();
  });

  it('steps forward and back through the moments of the trace exactly', async () => {
    const { s } = lab();
    const times: number[] = [];
    for (let i = 0; i < 25; i++) {
      s().stepForward();
      times.push(s().time);
    }
    expect(times).toEqual([...s().trace.times].filter((t, i, a) => a.indexOf(t) === i).slice(0, 25));
    for (let i = 23; i >= 0; i--) {
      s().stepBack();
      expect(s().time).toBe(times[i]);
    }
    s().stepBack();
    expect(s().time).toBe(0);
  });

  it('turns a change while running into an event at that moment; the past stays as it was', async () => {
    const { s } = lab();
    s().seek(3000);
    const before = s().trace.records.filter((r) => r.doneAt <= 3000);
    expect(await s().act({ action: 'set-algorithm', algorithm: 'least-connections' })).toBeNull();
    expect(s().scenario.events).toEqual([{ at: 3000, action: 'set-algorithm', algorithm: 'least-connections' }]);
    expect(s().trace.records.filter((r) => r.doneAt <= 3000)).toEqual(before);
    const later = s().trace.records.find((r) => r.hops[1] && r.hops[1].at > 3000)!;
    // L4: IPVS's lc decides from then on.
    expect(later.ipvs!.scheduler).toBe('lc');
  });

  it('acting in the past drops the later actions; reset keeps only what was set before playing', async () => {
    const { s } = lab();
    await s().act({ action: 'set-weight', target: 's1', weight: 3 });
    s().seek(5000);
    await s().act({ action: 'remove-server', target: 's2' });
    s().seek(2000);
    await s().act({ action: 'set-algorithm', algorithm: 'ip-hash' });
    expect(s().userEvents.map((e) => [e.at, e.action])).toEqual([
      [0, 'set-weight'],
      [2000, 'set-algorithm'],
    ]);
    s().reset();
    await s().settled();
    expect(s().userEvents.map((e) => e.action)).toEqual(['set-weight']);
    expect(s().time).toBe(0);
  });

  it('refuses a bad change with a message naming the problem and keeps the run', async () => {
    const { s } = lab();
    const trace = s().trace;
    const problem = await s().act({ action: 'set-weight', target: 's1', weight: 0 });
    expect(problem?.en).toContain('weight');
    expect(problem?.en).toContain('at least 1');
    expect(problem?.ko).toContain('1 이상이어야 합니다');
    expect(s().notice).toBe(problem);
    expect(s().trace).toBe(trace);
  });

  it('refuses a scenario too big for the page, and a malformed one, keeping the current run', async () => {
    const { s } = lab();
    const trace = s().trace;
    const big = await s().loadScenario({
      servers: [{ name: 's1' }],
      load: { clients: 2, ratePerSec: 5000, durationMs: 60000 },
    });
    expect(big?.en).toMatch(/at most 20,000/);
    expect(big?.ko).toMatch(/최대 20,000개/);
    expect((await s().loadScenario('nonsense'))?.en).toMatch(/must be a JSON object/);
    expect(s().trace).toBe(trace);
  });
});
