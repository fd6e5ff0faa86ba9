import { describe, expect, it } from 'vitest';
import classroom from '../scenarios/classroom.json';
import { parseScenario, type Scenario, type ScenarioInput } from '../sim/scenario.ts';
import type { ClockHost } from './clock.ts';
import { startLabStore } from './labCore.ts';
import { inThreadRunner, type Runner } from './runner.ts';

const still: ClockHost = { now: () => 0, requestFrame: () => 1, cancelFrame: () => {} };

/** A runner whose runs land only when the test says so, as a Worker's land later. */
function heldRunner() {
  const inner = inThreadRunner();
  const held: (() => void)[] = [];
  let runs = 0;
  const runner: Runner = {
    run: (request, onProgress) => {
      runs++;
      return new Promise((resolve) => held.push(() => void inner.run(request, onProgress).then(resolve)));
    },
    cancel: () => {},
  };
  const landAll = async () => {
    while (held.length) held.shift()!();
    await new Promise((r) => setTimeout(r, 0));
  };
  return { runner, landAll, runs: () => runs };
}

const resolved = (): Scenario => {
  const p = parseScenario(classroom);
  if (!p.ok) throw new Error(p.problem.en);
  return p.scenario;
};

describe('the page store: the first run made in the runner', () => {
  it('draws the scenario at once with no packets, then takes the run when it lands', async () => {
    const h = heldRunner();
    const store = startLabStore({
      lang: 'en',
      scenario: classroom as ScenarioInput,
      resolved: resolved(),
      runner: h.runner,
      host: still,
    });
    const s = () => store.getState();
    expect(h.runs()).toBe(1);
    expect(s().scenario.servers.map((x) => x.name)).toEqual(resolved().servers.map((x) => x.name));
    expect(s().trace.records).toEqual([]);
    expect(s().pending).not.toBeNull();
    let settled = false;
    void s()
      .settled()
      .then(() => {
        settled = true;
      });
    await Promise.resolve();
    expect(settled).toBe(false);
    await h.landAll();
    expect(settled).toBe(true);
    expect(s().pending).toBeNull();
    expect(s().trace.records.length).toBeGreaterThan(0);
  });

  it('keeps a seek made before the run lands, within the run once it has', async () => {
    const h = heldRunner();
    const store = startLabStore({
      lang: 'en',
      scenario: classroom as ScenarioInput,
      resolved: resolved(),
      runner: h.runner,
      host: still,
    });
    store.getState().seek(2500);
    expect(store.getState().time).toBe(2500);
    store.getState().select(3);
    await h.landAll();
    expect(store.getState().time).toBe(2500);
    expect(store.getState().selected).toBe(3);

    const h2 = heldRunner();
    const late = startLabStore({
      lang: 'en',
      scenario: classroom as ScenarioInput,
      resolved: resolved(),
      runner: h2.runner,
      host: still,
    });
    late.getState().seek(1e9);
    await h2.landAll();
    expect(late.getState().time).toBe(late.getState().trace.end);
  });

  it('an action refused before the first run landed still leaves the page with that run', async () => {
    const h = heldRunner();
    const store = startLabStore({
      lang: 'en',
      scenario: classroom as ScenarioInput,
      resolved: resolved(),
      runner: h.runner,
      host: still,
    });
    const problem = store.getState().configure({ servers: [] });
    await h.landAll();
    await h.landAll();
    expect((await problem)?.en).toBeTruthy();
    expect(store.getState().notice).not.toBeNull();
    expect(store.getState().trace.records.length).toBeGreaterThan(0);
    expect(store.getState().base).toBe(classroom);
  });
});

describe('the page store: a message while the first run is under way', () => {
  it('stays when the first run lands (a bad link said why it did not open)', async () => {
    const h = heldRunner();
    const store = startLabStore({
      lang: 'en',
      scenario: classroom as ScenarioInput,
      resolved: resolved(),
      runner: h.runner,
      host: still,
    });
    store.getState().reportProblem({ en: 'This link could not be opened', ko: '이 링크를 열 수 없습니다' });
    await h.landAll();
    expect(store.getState().trace.records.length).toBeGreaterThan(0);
    expect(store.getState().notice?.en).toBe('This link could not be opened');
  });
});
