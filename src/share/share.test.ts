import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import classroom from '../scenarios/classroom.json';
import type { ScenarioInput } from '../sim/scenario.ts';
import type { ClockHost } from '../store/clock.ts';
import { createLabStore, SPEEDS } from '../store/labStore.ts';
import { MAX_BYTES, packJson } from './codec.ts';
import { currentState, linkTo, openFromHash } from './links.ts';
import { decodeState, encodeState, type SharedState } from './shareState.ts';

/** Korean text: at least one Hangul syllable. */
const HANGUL = /[가-힣]/;
/** CI replays fixed seeds (a failure there is reproducible); elsewhere every run explores anew. */
const FIXED = process.env.CI ? { seed: 20261124 } : {};
const still: ClockHost = { now: () => 0, requestFrame: () => 1, cancelFrame: () => {} };
const newStore = () => createLabStore({ lang: 'en', scenario: classroom as ScenarioInput, host: still });

const stateArb: fc.Arbitrary<SharedState> = fc.record({
  scenario: fc.record({
    seed: fc.integer({ min: 0, max: 1000 }),
    algorithm: fc.constantFrom('round-robin', 'weighted-round-robin', 'ip-hash', 'least-connections'),
    servers: fc.array(fc.record({ name: fc.constantFrom('s1', 's2', 's3', 's4'), weight: fc.integer({ min: 1, max: 9 }) }), { minLength: 1, maxLength: 4 }),
    requests: fc.array(fc.record({ at: fc.integer({ min: 0, max: 5000 }), client: fc.ipV4(), path: fc.constantFrom('/', '/login', '/search?q=ä'), serviceMs: fc.integer({ min: 0, max: 100 }) }), { maxLength: 8 }),
  }) as fc.Arbitrary<ScenarioInput>,
  events: fc.array(fc.record({ at: fc.integer({ min: 0, max: 5000 }), action: fc.constant('fail' as const), target: fc.constantFrom('s1', 'lb1') }), { maxLength: 3 }),
  time: fc.double({ min: 0, max: 1e6, noNaN: true }),
  speed: fc.constantFrom(...SPEEDS),
  selected: fc.option(fc.integer({ min: 1, max: 50 }), { nil: null }),
  lang: fc.constantFrom('ko' as const, 'en' as const),
  classroom: fc.boolean(),
  hidden: fc.uniqueArray(fc.constantFrom('inspector', 'conntrack', 'event-log', 'why', 'stats'), { maxLength: 5 }),
  lesson: fc.option(fc.record({ id: fc.constantFrom('nat', 'round-robin'), step: fc.integer({ min: 0, max: 3 }) }), { nil: null }),
});

describe('shared links', () => {
  it('round-trip: what is encoded is decoded exactly', async () => {
    await fc.assert(fc.asyncProperty(stateArb, async (s) => {
      const back = await decodeState(await encodeState(s));
      expect(back).toEqual({ ok: true, state: JSON.parse(JSON.stringify(s)) });
    }), { numRuns: 300, ...FIXED });
  });

  it('random text never throws: it is refused with a message', async () => {
    await fc.assert(fc.asyncProperty(fc.string({ maxLength: 400 }), async (text) => {
      const r = await decodeState(text);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.problem.en.length).toBeGreaterThan(5);
        expect(r.problem.ko).toMatch(HANGUL);
      }
    }), { numRuns: 500, ...FIXED });
  });

  it('a link cut short or with a character changed is refused, never half-opened', async () => {
    const good = await encodeState(currentState(newStore()));
    await fc.assert(fc.asyncProperty(fc.nat({ max: good.length - 1 }), fc.constantFrom('A', 'z', '_', '-', '0'), async (i, c) => {
      for (const bad of [good.slice(0, i), good.slice(0, i) + c + good.slice(i + 1)]) {
        if (bad === good) continue;
        const r = await decodeState(bad);
        // A change may happen to leave valid deflate; it is then checked like any other state.
        if (r.ok) expect(r.state.lang === 'en' || r.state.lang === 'ko').toBe(true);
        else expect([r.problem.en, r.problem.ko]).toEqual([expect.stringMatching(/\w/), expect.stringMatching(HANGUL)]);
      }
    }), { numRuns: 200, ...FIXED });
  });

  it('hostile payloads: a deflate bomb, prototype keys, wrong types and huge numbers are refused', async () => {
    const bomb = await packJson({ v: 1, junk: '0'.repeat(MAX_BYTES * 5) });
    expect(await decodeState(bomb)).toEqual({ ok: false, problem: { en: expect.stringContaining('more than'), ko: expect.stringContaining('바이트를 넘습니다') } });
    const base = currentState(newStore());
    for (const bad of [
      { ...base, v: 1, ['__proto__']: { polluted: true } },
      JSON.parse(`{"v":1,"__proto__":{"polluted":true}}`),
      { ...base, v: 2 },
      { ...base, v: 1, time: 1e300 },
      { ...base, v: 1, speed: 1000 },
      { ...base, v: 1, hidden: ['<script>'] },
      { ...base, v: 1, lesson: { id: 'x"><img>', step: 0 } },
      [1, 2, 3],
    ]) {
      const r = await decodeState(await packJson(bad));
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.problem.ko).toMatch(HANGUL);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('opening a link restores the scenario, the actions, the moment and the view exactly', async () => {
    const a = newStore();
    a.getState().setClassroom(true);
    a.getState().seek(3000);
    a.getState().act({ action: 'fail', target: 's2' });
    a.getState().act({ action: 'set-algorithm', algorithm: 'least-connections' });
    a.getState().seek(4321.5);
    a.getState().select(a.getState().trace.records[5]!.id);
    a.getState().setLang('ko');
    const url = await linkTo(a, 'http://127.0.0.1/?x=1');
    const b = newStore();
    expect(await openFromHash(b, new URL(url).hash, true)).toBe(true);
    const [sa, sb] = [a.getState(), b.getState()];
    expect(sb.trace.records).toEqual(sa.trace.records);
    expect([sb.clock.time, sb.selected, sb.lang, sb.classroom, sb.speed]).toEqual([sa.clock.time, sa.selected, 'ko', true, sa.speed]);
    expect(sb.notice).toBeNull();
  });

  it('a link naming a lesson this version lacks, or an invalid scenario, opens nothing and says why', async () => {
    const s = newStore();
    const unknownLesson = await encodeState({ ...currentState(s), lesson: { id: 'no-such-lesson', step: 0 } });
    expect(await openFromHash(s, `#s=${unknownLesson}`, true)).toBe(false);
    expect(s.getState().notice?.en).toContain('no-such-lesson');
    const badScenario = await encodeState({ ...currentState(s), scenario: { servers: [{ name: 's1', weight: 0 }] } as ScenarioInput });
    expect(await openFromHash(s, `#s=${badScenario}`, true)).toBe(false);
    expect(s.getState().notice?.en).toContain('"servers[0].weight" must be at least 1');
    expect(s.getState().trace.records.length).toBeGreaterThan(0);
  });

  it('says what is wrong with a link in the page\'s language', async () => {
    const s = newStore();
    s.getState().setLang('ko');
    const badScenario = await encodeState({ ...currentState(s), scenario: { servers: [{ name: 's1', weight: 0 }] } as ScenarioInput });
    expect(await openFromHash(s, `#s=${badScenario}`, true)).toBe(false);
    expect(s.getState().notice?.ko).toContain('"servers[0].weight": 1 이상이어야 합니다 (입력: 0)');
    expect(await openFromHash(s, '#s=%%%', true)).toBe(false);
    expect(s.getState().notice?.ko).toContain('잘렸거나 바뀌었습니다');
    expect(s.getState().notice?.ko).not.toMatch(/\b(it|must|the|is)\b/);
  });
});
