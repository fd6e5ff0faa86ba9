import { describe, expect, it } from 'vitest';
import classroom from '../scenarios/classroom.json';
import type { ScenarioInput } from '../sim/scenario.ts';
import type { ClockHost } from '../store/clock.ts';
import { createLabStore, type LabStore } from '../store/labStore.ts';
import { LESSONS, lessonById } from './index.ts';
import { rec } from './moments.ts';
import { applyStep, moveStep, runView } from './run.ts';
import { LESSON_TARGETS, type Lesson } from './types.ts';

const still: ClockHost = { now: () => 0, requestFrame: () => 1, cancelFrame: () => {} };
const newStore = () => createLabStore({ lang: 'en', scenario: classroom as ScenarioInput, host: still });

/** Opens step `k` of `lesson` on a fresh store (steps before it first, as a student would). */
function at(lesson: Lesson, k: number): LabStore {
  const store = newStore();
  for (let i = 0; i <= k; i++) expect(applyStep(store, lesson, i)).toBeNull();
  return store;
}

describe('every lesson', () => {
  it('covers every section of the notes, with unique, well-formed ids', () => {
    expect(new Set(LESSONS.map((l) => l.section))).toEqual(new Set(['scaling', 'vip-dns', 'nat', 'layers', 'algorithms', 'failover']));
    expect(new Set(LESSONS.map((l) => l.id)).size).toBe(LESSONS.length);
    for (const l of LESSONS) expect(l.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(LESSONS.map((l) => l.id)).toEqual(expect.arrayContaining(['round-robin', 'weighted-round-robin', 'ip-hash', 'least-connections', 'failover']));
  });

  it('says every step in both languages', () => {
    for (const l of LESSONS) {
      for (const text of [l.title, l.summary, ...l.steps.flatMap((s) => [s.title, s.body, ...(s.quiz ? [s.quiz.question] : [])])]) {
        expect(text.en.trim().length, `${l.id}: ${text.en}`).toBeGreaterThan(0);
        expect(text.ko.trim().length, `${l.id}: ${text.en}`).toBeGreaterThan(0);
        expect(text.ko, `${l.id}: not translated`).not.toBe(text.en);
        expect(text.ko, `${l.id}: Korean text`).toMatch(/[가-힣]/);
      }
    }
  });

  for (const lesson of LESSONS) {
    it(`${lesson.id}: every step opens at a moment inside its run, pointing at real parts, with sound questions`, () => {
      const store = newStore();
      lesson.steps.forEach((step, k) => {
        expect(applyStep(store, lesson, k)).toBeNull();
        const s = store.getState();
        expect(s.lesson).toEqual({ id: lesson.id, step: k });
        expect(s.playing).toBe(false);
        const moment = step.at(runView(store));
        expect(s.clock.time).toBe(Math.min(moment, s.trace.end));
        expect(moment).toBeGreaterThanOrEqual(0);
        expect(moment).toBeLessThanOrEqual(s.trace.end);
        for (const h of step.highlight) expect(LESSON_TARGETS).toContain(h);
        if (s.selected !== null) expect(s.trace.records.some((r) => r.id === s.selected)).toBe(true);
        if (step.quiz) {
          const q = step.quiz.ask(runView(store));
          expect(q.choices.length).toBeGreaterThanOrEqual(2);
          expect(new Set(q.choices.map((c) => JSON.stringify(c))).size).toBe(q.choices.length);
          expect(q.answer).toBeGreaterThanOrEqual(0);
          expect(q.answer).toBeLessThan(q.choices.length);
          expect(q.revealAt).toBeGreaterThanOrEqual(moment);
          expect(q.why.en.length * q.why.ko.length).toBeGreaterThan(0);
        }
      });
    });
  }

  it('moves with PageDown/PageUp semantics and stops at either end', () => {
    const store = newStore();
    const lesson = LESSONS[0]!;
    expect(moveStep(store, 1, LESSONS)).toBe(false);
    applyStep(store, lesson, 0);
    expect(moveStep(store, -1, LESSONS)).toBe(false);
    expect(moveStep(store, 1, LESSONS)).toBe(true);
    expect(store.getState().lesson).toEqual({ id: lesson.id, step: 1 });
  });

  it('going back restores the scenario the earlier step used', () => {
    const lesson = lessonById('round-robin')!;
    const store = at(lesson, 2);
    expect(store.getState().scenario.sessions).not.toBeNull();
    applyStep(store, lesson, 1);
    expect(store.getState().scenario.sessions).toBeNull();
  });
});

/** What the lessons say happens does happen: their quizzes' answers are the engine's. */
describe('the lessons tell the truth', () => {
  const quizAnswer = (id: string, k: number) => {
    const store = at(lessonById(id)!, k);
    const q = lessonById(id)!.steps[k]!.quiz!.ask(runView(store));
    const c = q.choices[q.answer]!;
    return { answer: typeof c === 'string' ? c : c.en, store };
  };

  it('round robin: #4 goes back to s1; a login is lost on the next server', () => {
    expect(quizAnswer('round-robin', 1).answer).toBe('s1');
    const store = at(lessonById('round-robin')!, 2);
    expect(rec(runView(store), 1).session).toBe('created');
    expect(rec(runView(store), 2)).toMatchObject({ session: 'lost', status: 401 });
  });

  it('weighted round robin 5,1,1: s1, then s1 again, then s2', () => {
    expect(quizAnswer('weighted-round-robin', 2).answer).toBe('s1');
    expect(quizAnswer('weighted-round-robin', 3).answer).toBe('s2');
    const store = at(lessonById('weighted-round-robin')!, 4);
    const counts = store.getState().trace.records.reduce<Record<string, number>>((m, r) => ({ ...m, [r.server!]: (m[r.server!] ?? 0) + 1 }), {});
    expect(counts).toEqual({ s1: 5, s2: 1, s3: 1 });
  });

  it('IP hash: a neighbour in the same /24 shares the server; removing a server moves clients whose server stayed', () => {
    const { answer, store } = quizAnswer('ip-hash', 1);
    expect(answer).toBe(rec(runView(store), 1).server);
    expect(rec(runView(store), 5).server).toBe(rec(runView(store), 1).server);
    const moved = at(lessonById('ip-hash')!, 3);
    const sel = moved.getState().selected!;
    const first = rec(runView(moved), sel - 6);
    expect(first.client).toBe(rec(runView(moved), sel).client);
    expect(first.server).not.toBe(rec(runView(moved), sel).server);
    expect(first.server).not.toBe('s3');
  });

  it('least connections sends #4 to the idle server, away from the two long jobs', () => {
    const { answer, store } = quizAnswer('least-connections', 1);
    const busy = [rec(runView(store), 1).server, rec(runView(store), 2).server];
    expect(busy).not.toContain(answer);
  });

  it('server failure: lb1 needs "fall" failed probes (3) to mark s2 down', () => {
    expect(quizAnswer('server-failure', 2).answer).toBe('3');
  });

  it('failover: lb2 takes over within the master-down interval (≈3.6 s) after lb1 dies', () => {
    const { answer } = quizAnswer('failover', 1);
    const s = parseFloat(answer!);
    expect(s).toBeGreaterThan(2.6 - 1e-9);
    expect(s).toBeLessThanOrEqual(3.7);
  });

  it('NAT: the request goes to the chosen server, the answer back to the client', () => {
    const req = quizAnswer('nat', 1);
    const r = rec(runView(req.store), 1);
    expect(req.answer).toBe(r.nat!.server);
    expect(quizAnswer('nat', 3).answer).toBe(r.nat!.client);
    expect(quizAnswer('vip-dns', 1).answer).toBe('198.51.100.1:80');
  });

  it('L7 routes /map to s2 by rule', () => {
    const routing = lessonById('l4-l7')!.steps.findIndex((s) => s.title.en === 'Routing by URL');
    expect(quizAnswer('l4-l7', routing).answer).toBe('s2');
  });

  it('scale-out answers more than scale-up when one machine fails', () => {
    expect(quizAnswer('scale-up-out', 2).answer).toBe('Four small servers (scale-out)');
  });
});
