/**
 * The lab's store without the engine: the page builds it with startLabStore, every run in a
 * Web Worker, so that nothing the page loads first imports src/sim's engine (see
 * scripts/bundle-size.ts). Tests and Node use createLabStore (labStore.ts), which makes the
 * first run in this thread. Page code imports from here, never from labStore.ts.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Scenario, ScenarioInput } from '../sim/scenario.ts';
import { buildTrace, nextMomentTime, prevMomentTime, type Trace } from '../trace/trace.ts';
import type { Lang } from '../i18n/index.ts';
import type { Said } from '../sim/said.ts';
import { PlaybackClock, type ClockHost } from './clock.ts';
import { nestsDeeper, tooDeep } from './nesting.ts';
import type { Progress, RunOutcome, RunRequest, Runner } from './runner.ts';
import { runFailed } from './workerRunner.ts';

/** Playback speeds: simulated milliseconds per real millisecond. */
export const SPEEDS = [0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2, 5] as const;
export const DEFAULT_SPEED = 0.05;
/** Real milliseconds between pressing Play at the start and the first packet moving. */
export const LEAD_IN_MS = 300;

type EventInput = NonNullable<ScenarioInput['events']>[number];
/** An action the user takes; it becomes an event at the current time. */
export type UserAction = EventInput extends infer E ? (E extends { at: number } ? Omit<E, 'at'> : never) : never;

/**
 * The one bridge between the engine and the views: discrete state only — the scenario and the
 * user's actions on it, the run they give, the committed playback time, the selection and the
 * language. Per-frame motion reads `clock` directly and never passes through here.
 */
export interface LabState {
  lang: Lang;
  /** The scenario as loaded (raw, so every change is validated by the same schema). */
  base: ScenarioInput;
  /** What the user did while running, each at its time. */
  userEvents: EventInput[];
  /** The scenario in force: base plus the user's events. */
  scenario: Scenario;
  trace: Trace;
  clock: PlaybackClock;
  time: number;
  playing: boolean;
  speed: number;
  /** The request selected for the inspector. */
  selected: number | null;
  /** A message for the user about their last action (bad input), or null. */
  /** The message about the last thing that could not be done, in both languages (it follows a language switch). */
  notice: Said | null;
  /** Classroom mode: large type and high contrast, for a projector. */
  classroom: boolean;
  /** Panels hidden on demand (by the id each panel declares). */
  hidden: readonly string[];
  /** The lesson open and the step shown, or null. */
  lesson: { id: string; step: number } | null;
  /** The list of lessons is open. */
  lessonMenu: boolean;
  /** The tab shown in the "now" column beside the stage: why, NAT, VRRP, or the detail panel a lesson step brought there. */
  nowTab: NowTab;
  /** The detail panel (a panel id) a lesson step shows beside the stage instead of below it, or null. */
  beside: string | null;
  /** A run under way (in the worker), with how far it has got; null when none is. */
  pending: Progress | null;

  setLang(lang: Lang): void;
  play(): void;
  pause(): void;
  togglePlay(): void;
  seek(t: number): void;
  stepForward(): void;
  stepBack(): void;
  reset(): void;
  setSpeed(speed: number): void;
  faster(): void;
  slower(): void;
  select(id: number | null): void;
  /**
   * Applies an action at the current time. Runs happen off the main thread: the promise
   * settles when the new run is in place, with the problem, if any (also kept in `notice`).
   */
  act(action: UserAction): Promise<Said | null>;
  /**
   * Changes the scenario itself, for settings that are not events (health checks, how a server
   * fails, connection sync, preemption): merges `patch` into `base` (a key set to undefined is
   * removed) and reruns from the start, keeping the user's events and the playback time.
   * Returns the problem, if any; then nothing changes. `events`, when given, replaces the
   * user's events in the same run (a switch to L7 rewrites those an L7 scenario refuses).
   */
  configure(patch: Partial<ScenarioInput>, events?: (userEvents: readonly EventInput[]) => EventInput[]): Promise<Said | null>;
  /** Replaces the scenario; settles with the problem, if any. */
  loadScenario(input: unknown): Promise<Said | null>;
  /** Stops the run under way; the page keeps the run it had. */
  cancelRun(): void;
  /** Settles when no run is under way. */
  settled(): Promise<void>;
  /** Shows a message about input the UI itself rejected. */
  reportProblem(message: Said): void;
  dismissNotice(): void;
  setClassroom(on: boolean): void;
  /** Hides the panel if shown, shows it if hidden. */
  togglePanel(id: string): void;
  setLesson(lesson: { id: string; step: number } | null): void;
  setLessonMenu(open: boolean): void;
  setNowTab(tab: NowTab): void;
  /** Shows a detail panel beside the stage (its tab selected), or takes it back below (null). */
  setBeside(panel: string | null): void;
  /**
   * Puts the page in the state a shared link describes: scenario, actions, time, speed,
   * selection and view settings. Returns the problem, if any; then nothing changes.
   */
  restore(state: RestoredState): Promise<Said | null>;
}

export interface RestoredState {
  scenario: ScenarioInput;
  events: EventInput[];
  time: number;
  speed: number;
  selected: number | null;
  lang: Lang;
  classroom: boolean;
  hidden: string[];
  lesson: { id: string; step: number } | null;
}

export type LabStore = StoreApi<LabState>;

/** The "now" column's tabs; 'beside' is the detail panel a lesson step opened there. */
export const NOW_TABS = ['why', 'nat', 'failover', 'beside'] as const;
export type NowTab = (typeof NOW_TABS)[number];

export interface LabInit {
  lang: Lang;
  scenario: ScenarioInput;
  host?: ClockHost;
}

/**
 * A run that always ends with an outcome: input nested too deep is refused before it is posted
 * (the worker's structured clone would overflow the stack on it), and a runner that throws or
 * rejects gives a message instead of a run left pending for ever.
 */
async function runChecked(runner: Runner, request: RunRequest, onProgress: (p: Progress) => void): Promise<RunOutcome> {
  // The user's events sit where the scenario's "events" list does: at level 2.
  if (nestsDeeper(request.input) || nestsDeeper(request.events, undefined, 2)) return { ok: false, problem: tooDeep() };
  try {
    return await runner.run(request, onProgress);
  } catch (e) {
    return { ok: false, problem: runFailed(e) };
  }
}

/**
 * The page's store: every run, the first included, happens in `runner` (a Web Worker), so the
 * engine is not in the page's first download. Until the first run lands the page draws
 * `scenario` (already resolved, see vite.config.ts) with no packets; `settled()` waits for it.
 * Seeking meanwhile is kept, and clamped to the run's end once it lands.
 */
export function startLabStore(init: LabInit & { runner: Runner; resolved: Scenario }): LabStore {
  return openLab(init, init.runner, { scenario: init.resolved, trace: buildTrace([]) }, true);
}

/** The store, starting from `first`; with `runFirst`, that run is made in `runner` at once. */
export function openLab(init: LabInit, runner: Runner, first: { scenario: Scenario; trace: Trace }, runFirst = false): LabStore {
  let startFirst: (() => void) | undefined;
  const store = createStore<LabState>()((set, get, api) => {
    const clock = new PlaybackClock((time, playing) => set({ time, playing }), DEFAULT_SPEED, init.host);
    clock.end = runFirst ? Infinity : first.trace.end;
    const setSpeed = (speed: number) => {
      clock.setSpeed(speed);
      set({ speed });
    };
    const shiftSpeed = (by: number) => {
      const i = SPEEDS.findIndex((s) => s >= get().speed);
      setSpeed(SPEEDS[Math.max(0, Math.min(SPEEDS.length - 1, (i < 0 ? SPEEDS.length - 1 : i) + by))]!);
    };
    // Play from the very start: the first packet shows within LEAD_IN_MS of real time, however
    // slow the speed, instead of seconds of an empty stage.
    const skipLeadIn = () => {
      const first = get().trace.times[0];
      if (clock.time !== 0 || first === undefined) return;
      const lead = LEAD_IN_MS * clock.speed;
      if (first > lead) clock.seek(first - lead);
    };
    // What the next run is built on: the last one asked for, even while it is still running,
    // so that two quick actions both count. A run that fails puts back what is in force.
    let wanted: { base: ScenarioInput; userEvents: EventInput[] } = { base: init.scenario, userEvents: [] };
    let latest = 0;
    let landed = !runFirst;
    if (runFirst) startFirst = () => void rerun(get().base, get().userEvents);
    const rerun = async (base: ScenarioInput, userEvents: EventInput[]): Promise<Said | null> => {
      const mine = ++latest;
      wanted = { base, userEvents };
      set({ pending: { simulatedMs: 0, requests: 0 } });
      const outcome = await runChecked(runner, { input: base, events: userEvents }, (p) => {
        if (mine === latest) set({ pending: p });
      });
      // A newer request replaced this one: it will report.
      if (mine !== latest) return null;
      if (!outcome.ok) {
        const { base: kept, userEvents: keptEvents } = get();
        wanted = { base: kept, userEvents: keptEvents };
        // Before the first run has landed there is no run to keep: make that one instead.
        if (!landed && (base !== kept || userEvents !== keptEvents)) {
          const later = await rerun(kept, keptEvents);
          if (later || !('problem' in outcome)) return later;
          set({ notice: outcome.problem });
          return outcome.problem;
        }
        if ('cancelled' in outcome) {
          set({ pending: null });
          return null;
        }
        set({ pending: null, notice: outcome.problem });
        return outcome.problem;
      }
      // A run the user asked for answers the last message; the first run answers none (a bad
      // link may have said why it did not open while the run was under way).
      const answered = landed ? { notice: null } : {};
      landed = true;
      clock.end = outcome.trace.end;
      set({ pending: null, base, userEvents, scenario: outcome.scenario, trace: outcome.trace, ...answered });
      // A seek made before the first run landed had no end to respect.
      if (clock.time > clock.end) clock.seek(clock.end);
      return null;
    };

    return {
      lang: init.lang,
      base: init.scenario,
      userEvents: [],
      scenario: first.scenario,
      trace: first.trace,
      clock,
      time: 0,
      playing: false,
      speed: DEFAULT_SPEED,
      selected: null,
      notice: null,
      classroom: false,
      hidden: [],
      lesson: null,
      lessonMenu: false,
      nowTab: 'why',
      beside: null,
      pending: null,

      setLang: (lang) => set({ lang }),
      play: () => {
        skipLeadIn();
        clock.play();
      },
      pause: () => clock.pause(),
      togglePlay: () => (clock.playing ? clock.pause() : get().play()),
      seek: (t) => clock.seek(t),
      stepForward: () => {
        clock.pause();
        const t = nextMomentTime(get().trace, clock.time);
        if (t !== null) clock.seek(t);
      },
      stepBack: () => {
        clock.pause();
        clock.seek(prevMomentTime(get().trace, clock.time) ?? 0);
      },
      reset: () => {
        clock.pause();
        // Back to the start: what was set up before playing stays, later actions go.
        const kept = wanted.userEvents.filter((e) => e.at === 0);
        set({ selected: null });
        clock.seek(0);
        if (kept.length !== wanted.userEvents.length) void rerun(wanted.base, kept);
      },
      setSpeed,
      faster: () => shiftSpeed(1),
      slower: () => shiftSpeed(-1),
      select: (selected) => set({ selected }),
      act: (action) => {
        const t = clock.time;
        // Acting in the past rewrites the future: later actions are dropped.
        const kept = wanted.userEvents.filter((e) => e.at <= t);
        return rerun(wanted.base, [...kept, { ...action, at: t } as EventInput]);
      },
      configure: async (patch, events) => {
        const next: Record<string, unknown> = { ...wanted.base };
        for (const [key, value] of Object.entries(patch)) {
          if (value === undefined) delete next[key];
          else next[key] = value;
        }
        const problem = await rerun(next as ScenarioInput, events ? events(wanted.userEvents) : wanted.userEvents);
        if (!problem) clock.seek(clock.time);
        return problem;
      },
      loadScenario: async (input) => {
        clock.pause();
        const problem = await rerun(input as ScenarioInput, []);
        if (!problem) {
          set({ selected: null });
          clock.seek(0);
        }
        return problem;
      },
      cancelRun: () => runner.cancel(),
      // A promise of its own for each caller, resolved by the store the moment no run is under
      // way: kept alive by the store's listener, whatever runs start or end meanwhile (one
      // shared promise, replaced as runs came and went, could be dropped while awaited).
      settled: () =>
        new Promise<void>((resolve) => {
          if (!get().pending) return resolve();
          const stop = api.subscribe((s) => {
            if (s.pending) return;
            stop();
            resolve();
          });
        }),
      reportProblem: (notice) => set({ notice }),
      dismissNotice: () => set({ notice: null }),
      setClassroom: (classroom) => set({ classroom }),
      togglePanel: (id) => set(({ hidden }) => ({ hidden: hidden.includes(id) ? hidden.filter((h) => h !== id) : [...hidden, id] })),
      setLesson: (lesson) => set({ lesson }),
      setLessonMenu: (lessonMenu) => set({ lessonMenu }),
      setNowTab: (nowTab) => set({ nowTab }),
      setBeside: (beside) => set(({ nowTab }) => ({ beside, nowTab: beside !== null ? 'beside' : nowTab === 'beside' ? 'why' : nowTab })),
      restore: async (state) => {
        clock.pause();
        const problem = await rerun(state.scenario, state.events);
        if (problem) return problem;
        setSpeed(state.speed);
        const { trace } = get();
        const selected = state.selected !== null && trace.records.some((r) => r.id === state.selected) ? state.selected : null;
        set({
          selected,
          lang: state.lang,
          classroom: state.classroom,
          hidden: state.hidden,
          lesson: state.lesson,
          lessonMenu: false,
        });
        clock.seek(Math.min(state.time, trace.end));
        return null;
      },
    };
  });
  startFirst?.();
  return store;
}
