/**
 * The store for tests and Node: the page's store (labCore.ts) with its first run made here, at
 * once, so that it is ready when createLabStore returns. This file imports the engine; page
 * code imports labCore.ts instead, to keep the engine out of the first download.
 */
import { openLab, type LabInit, type LabStore } from './labCore.ts';
import { inThreadRunner, runScenario, type Runner } from './runner.ts';

export * from './labCore.ts';

/** `runner` says where later runs happen; this thread by default. */
export function createLabStore(init: LabInit & { runner?: Runner }): LabStore {
  const first = runScenario({ input: init.scenario, events: [] });
  if (!first.ok) throw new Error(`the built-in scenario is invalid: ${'problem' in first ? first.problem.en : 'cancelled'}`);
  return openLab(init, init.runner ?? inThreadRunner(), first);
}
