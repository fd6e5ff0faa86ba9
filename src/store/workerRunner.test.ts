import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import classroom from '../scenarios/classroom.json';
import type { ScenarioInput } from '../sim/scenario.ts';
import { createLabStore } from './labStore.ts';
import { MAX_DEPTH } from './nesting.ts';
import type { RunOutcome, Runner } from './runner.ts';
import { RUN_WALL_MS, workerRunner } from './workerRunner.ts';

/** A Worker that answers only when the test says so, and can fail to take a message. */
class FakeWorker {
  static made: FakeWorker[] = [];
  static postThrows: Error | null = null;
  onmessage: ((e: { data: unknown }) => void) | null = null;
  onerror: ((e: { message: string; preventDefault(): void }) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  posted: { id: number }[] = [];
  terminated = false;
  constructor() {
    FakeWorker.made.push(this);
  }
  postMessage(m: { id: number }) {
    if (FakeWorker.postThrows) throw FakeWorker.postThrows;
    this.posted.push(m);
  }
  terminate() {
    this.terminated = true;
  }
}

const request = { input: classroom as ScenarioInput, events: [] };
const problemOf = (o: RunOutcome) => ('problem' in o ? o.problem : null);

beforeEach(() => {
  FakeWorker.made = [];
  FakeWorker.postThrows = null;
  vi.stubGlobal('Worker', FakeWorker);
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('workerRunner: every run ends, with a result, a message or cancelled', () => {
  it('a request the worker cannot be sent (a stack overflow while posting) ends its run with a message in both languages', async () => {
    FakeWorker.postThrows = new RangeError("Failed to execute 'postMessage' on 'Worker': Maximum call stack size exceeded");
    const runner = workerRunner();
    const said = problemOf(await runner.run(request));
    expect(said?.en).toMatch(/^the simulation failed and was stopped \(.*Maximum call stack size exceeded\)/);
    expect(said?.ko).toMatch(/^시뮬레이션이 실패해 멈췄습니다\(.*Maximum call stack size exceeded\)/);
    expect(FakeWorker.made[0]!.terminated).toBe(true);
    // The next run gets a fresh worker and is heard.
    FakeWorker.postThrows = null;
    const next = runner.run(request);
    const w = FakeWorker.made[1]!;
    w.onmessage!({ data: { id: w.posted[0]!.id, outcome: { ok: false, problem: { en: 'no', ko: '아니요' } } } });
    expect(problemOf(await next)?.en).toBe('no');
  });

  it('a run that takes too long in real time is stopped with a message, and its worker ended', async () => {
    const runner = workerRunner();
    const run = runner.run(request);
    await vi.advanceTimersByTimeAsync(RUN_WALL_MS - 1);
    let ended = false;
    void run.then(() => (ended = true));
    await Promise.resolve();
    expect(ended).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const said = problemOf(await run);
    expect(said?.en).toContain(`took longer than ${RUN_WALL_MS / 1000} s`);
    expect(said?.ko).toContain(`${RUN_WALL_MS / 1000}초를 넘게`);
    expect(FakeWorker.made[0]!.terminated).toBe(true);
  });

  it('an error in the worker, or a message that cannot be read, ends the run with a message; Stop ends it quietly', async () => {
    const runner = workerRunner();
    const a = runner.run(request);
    FakeWorker.made[0]!.onerror!({ message: 'Uncaught TypeError: x is undefined', preventDefault: () => {} });
    expect(problemOf(await a)?.en).toContain('x is undefined');
    const b = runner.run(request);
    FakeWorker.made[1]!.onmessageerror!();
    expect(problemOf(await b)?.en).toContain('could not be read');
    const c = runner.run(request);
    const w = FakeWorker.made[2]!;
    w.onmessage!({ data: { id: w.posted[0]!.id, failed: 'boom' } });
    expect(problemOf(await c)?.ko).toContain('boom');
    const d = runner.run(request);
    runner.cancel();
    expect(await d).toEqual({ ok: false, cancelled: true });
    expect(FakeWorker.made[3]!.terminated).toBe(true);
    // A run ended is not ended twice by its watchdog.
    await vi.advanceTimersByTimeAsync(RUN_WALL_MS * 2);
  });
});

describe('the store: no run is left pending', () => {
  it('refuses input nested too deep before the runner sees it, and settles', async () => {
    vi.useRealTimers();
    let runs = 0;
    const runner: Runner = { run: () => (runs++, new Promise(() => {})), cancel: () => {} };
    const store = createLabStore({ lang: 'en', scenario: classroom as ScenarioInput, runner });
    let deep: unknown = [];
    for (let i = 0; i < 5000; i++) deep = [deep];
    const problem = await store.getState().loadScenario({ ...classroom, events: [{ at: 0, action: 'fail', deep }] });
    expect(problem?.en).toBe(`the scenario nests objects and lists deeper than ${MAX_DEPTH} levels`);
    expect(problem?.ko).toContain(`${MAX_DEPTH}단계`);
    expect(runs).toBe(0);
    expect(store.getState().pending).toBeNull();
    await store.getState().settled();
  });

  it('a runner that throws or rejects gives a message, and settled() resolves', async () => {
    vi.useRealTimers();
    const runner: Runner = { run: () => Promise.reject(new Error('kaput')), cancel: () => {} };
    const store = createLabStore({ lang: 'en', scenario: classroom as ScenarioInput, runner });
    const problem = await store.getState().loadScenario({ servers: [{ name: 's1' }] });
    expect(problem?.en).toContain('kaput');
    expect(store.getState().notice?.ko).toContain('kaput');
    await store.getState().settled();
  });
});
