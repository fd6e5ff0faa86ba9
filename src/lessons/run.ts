import type { Said } from '../sim/said.ts';
import type { LabStore } from '../store/labStore.ts';
import type { Lesson, RunView } from './types.ts';

/**
 * Shows step `index` of `lesson`: loads the scenario the step (or the nearest step before it)
 * names, so going backwards restores what that step saw, then seeks to the step's moment and
 * selects its request. Returns the problem if the scenario would not load (a lesson bug).
 */
/**
 * The step each store was last asked to show. Runs land a moment after they are asked for:
 * a second PageDown counts from the step the first one asked for, and only the newest request
 * is shown.
 */
const asked = new WeakMap<LabStore, { id: string; step: number; seq: number; done: boolean }>();
let seq = 0;

export async function applyStep(store: LabStore, lesson: Lesson, index: number): Promise<Said | null> {
  const mine = ++seq;
  const request = { id: lesson.id, step: index, seq: mine, done: false };
  asked.set(store, request);
  try {
    return await show(store, lesson, index, () => asked.get(store)?.seq !== mine);
  } finally {
    request.done = true;
  }
}

async function show(store: LabStore, lesson: Lesson, index: number, stale: () => boolean): Promise<Said | null> {
  const inStep = (k: number, why: Said): Said => ({
    en: `lesson "${lesson.id}" step ${k + 1}: ${why.en}`,
    ko: `수업 "${lesson.id}" ${k + 1}단계: ${why.ko}`,
  });
  const step = lesson.steps[index];
  if (!step) return inStep(index, { en: 'there is no such step', ko: '그런 단계가 없습니다' });
  let source = index;
  while (source > 0 && !lesson.steps[source]!.scenario) source--;
  const scenario = lesson.steps[source]!.scenario;
  const state = store.getState();
  if (scenario && (source === index || state.lesson?.id !== lesson.id || !sameSource(state.lesson.step, source, lesson))) {
    const problem = await state.loadScenario(scenario);
    if (stale()) return null;
    if (problem) return inStep(source, problem);
  }
  const run = runView(store);
  let at: number, selected: number | null;
  try {
    at = step.at(run);
    selected = step.select ? step.select(run) : null;
  } catch (e) {
    const why = (e as Error).message;
    return inStep(index, { en: why, ko: why });
  }
  store.getState().pause();
  store.getState().seek(at);
  store.getState().select(selected);
  store.getState().setLesson({ id: lesson.id, step: index });
  return null;
}

/** Whether the step shown now loaded its scenario from the same step as `source`. */
function sameSource(current: number, source: number, lesson: Lesson): boolean {
  let s = Math.min(current, lesson.steps.length - 1);
  while (s > 0 && !lesson.steps[s]!.scenario) s--;
  return s === source;
}

export function runView(store: LabStore): RunView {
  const { scenario, trace } = store.getState();
  return { scenario, trace };
}

/**
 * Moves the open lesson `by` steps (±1); false when there is no lesson or no such step (then
 * the key is the playback's). The step shows once its run is ready.
 */
export function moveStep(store: LabStore, by: number, lessons: readonly Lesson[]): boolean {
  // A step still on its way counts as shown: the key moves on from it.
  const pending = asked.get(store);
  const open = pending && !pending.done ? pending : store.getState().lesson;
  const lesson = open && lessons.find((l) => l.id === open.id);
  if (!open || !lesson) return false;
  const next = open.step + by;
  if (next < 0 || next >= lesson.steps.length) return false;
  void applyStep(store, lesson, next).then((problem) => {
    if (problem) store.getState().reportProblem(problem);
  });
  return true;
}
