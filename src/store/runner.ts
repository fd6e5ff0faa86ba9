import { PAGE_BUDGET, overrunMessage } from '../sim/budget.ts';
import { collectRun, Simulation } from '../sim/engine.ts';
import { parseScenario, type Scenario, type ScenarioInput } from '../sim/scenario.ts';
import type { Said } from '../sim/said.ts';
import { buildTrace, type Trace } from '../trace/trace.ts';
import { estimateRequests } from './estimate.ts';

type EventInput = NonNullable<ScenarioInput['events']>[number];

/** A run the page asks for: the scenario as loaded, and the user's actions on it. */
export interface RunRequest {
  input: ScenarioInput;
  events: EventInput[];
}

export type RunOutcome =
  | { ok: true; scenario: Scenario; trace: Trace }
  | { ok: false; problem: Said }
  /** A newer request, or the user, stopped it: nothing to report. */
  | { ok: false; cancelled: true };

export interface Progress {
  simulatedMs: number;
  requests: number;
}

/**
 * Where runs happen: in a Web Worker on the page (see workerRunner.ts), so that no input can
 * freeze it; in the same thread for tests and the first, built-in scenario. A new run
 * replaces the one under way.
 */
export interface Runner {
  run(request: RunRequest, onProgress?: (p: Progress) => void): Promise<RunOutcome>;
  cancel(): void;
}

/** Events simulated between two looks at the clock (progress, cancellation). */
const CHUNK = 20_000;

/**
 * Validates, estimates, simulates within the page's budget and indexes the result. `tick`
 * is called between chunks of work; a worker posts progress from it.
 */
export function runScenario(request: RunRequest, tick?: (p: Progress) => void): RunOutcome {
  const { input, events } = request;
  const isObject = typeof input === 'object' && input !== null && !Array.isArray(input);
  const parsed = parseScenario(isObject ? { ...input, events: [...(input.events ?? []), ...events] } : input);
  if (!parsed.ok) return { ok: false, problem: parsed.problem };
  const s = parsed.scenario;
  const about = estimateRequests(s);
  if (about > PAGE_BUDGET.maxRequests) {
    const n = Math.round(about).toLocaleString('en-US');
    const max = PAGE_BUDGET.maxRequests.toLocaleString('en-US');
    return {
      ok: false,
      problem: {
        en: `this would make about ${n} requests; the page runs at most ${max}: send fewer (a lower "ratePerSec" or a shorter "durationMs", also in "set-load" events), or use the command line, which runs more`,
        ko: `요청이 약 ${n}개 생깁니다. 화면에서는 최대 ${max}개까지 실행합니다: 요청을 줄이거나("ratePerSec"를 낮추거나 "durationMs"를 줄이세요. "set-load" 이벤트도 마찬가지입니다) 더 많이 실행하는 명령줄을 쓰세요`,
      },
    };
  }
  const { out, options } = collectRun();
  const sim = new Simulation(s, { ...options, record: true, budget: PAGE_BUDGET });
  while (!sim.advance(CHUNK)) tick?.({ simulatedMs: sim.now, requests: sim.stats.started });
  if (sim.overrun) return { ok: false, problem: overrunMessage(sim.overrun, PAGE_BUDGET) };
  out.records.sort((a, b) => a.id - b.id);
  return { ok: true, scenario: s, trace: buildTrace(out) };
}

/** Runs in this thread: for tests, for Node, and where no Worker can be made. */
export function inThreadRunner(): Runner {
  return {
    run: (request) => Promise.resolve(runScenario(request)),
    cancel: () => {},
  };
}
