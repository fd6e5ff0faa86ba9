import type { Said } from '../sim/said.ts';
import type { Scenario, ScenarioInput } from '../sim/scenario.ts';
import type { Trace } from '../trace/trace.ts';

/**
 * The parts of the page a lesson step can point at, by name; the lesson view knows where each
 * is on the page (components/lessons/targets.ts), outlines it and scrolls it into view.
 */
export const LESSON_TARGETS = [
  'topology',
  'clients',
  'dns',
  'vip',
  'lb1',
  'lb2',
  'servers',
  'playback',
  'inspector',
  'nat',
  'conntrack',
  'event-log',
  'layer',
  'algorithm',
  'forwarding',
  'server-controls',
  'traffic',
  'l7-settings',
  'failover',
  'health',
  'why',
  'stats',
  'compare',
  'scaling',
] as const;
export type LessonTarget = (typeof LESSON_TARGETS)[number];

/** What a run gives a step to look at: the scenario in force and its trace. */
export interface RunView {
  scenario: Scenario;
  trace: Trace;
}

/**
 * Predict, then see. The question is asked with playback stopped at the step's moment, before
 * the thing it asks about has happened; choices and the right answer are read from the run
 * itself, so the answer is always what the engine (IPVS in L4, nginx in L7) does.
 */
export interface Quiz {
  question: Said;
  ask(run: RunView): {
    /** An address or a number reads the same in both languages; words come as Said. */
    choices: (string | Said)[];
    /** Index into `choices`. */
    answer: number;
    /** Why that is the answer, shown after the student answers. */
    why: Said;
    /** Where playback goes to show the answer happening (simulated ms). */
    revealAt: number;
    /** The request to select in the inspector when revealing, if any. */
    revealSelect?: number | null;
  };
}

export interface LessonStep {
  title: Said;
  body: Said;
  /** Loaded when the step opens; omitted: the previous step's scenario stays as it is. */
  scenario?: ScenarioInput;
  /** The moment the step talks about (simulated ms), read from the run. */
  at(run: RunView): number;
  /** The request shown in the inspector, if any. */
  select?(run: RunView): number | null;
  /** The parts of the page the step is about. */
  highlight: LessonTarget[];
  /** A figure shown with the step's words: 'layers' is the L2/L3/L4/L7 ladder of the selected request. */
  figure?: 'layers';
  quiz?: Quiz;
}

export interface Lesson {
  /** Stable, used in shared links: lowercase words joined by '-'. */
  id: string;
  title: Said;
  /** One line for the lesson list. */
  summary: Said;
  /** Which section of the seed notes it teaches. */
  section: 'scaling' | 'vip-dns' | 'nat' | 'layers' | 'algorithms' | 'failover';
  steps: LessonStep[];
}
