import type { Scenario } from '../sim/scenario.ts';
import { scenarioOf } from '../sim/test/helpers.ts';

/** For the export tests: a scenario of one request from one client unless `input` gives more. */
export const configScenario = (input: object): Scenario => scenarioOf({ requests: [{ at: 0, client: '203.0.113.10' }], ...input });

/** The lines of a config, without indentation or comments. */
export const directives = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
