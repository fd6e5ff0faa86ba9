import { createStore, type StoreApi } from 'zustand/vanilla';
import { simulateRun } from '../sim/engine.ts';
import { parseScenario, type Scenario, type ScenarioInput } from '../sim/scenario.ts';
import { buildTrace, nextMomentTime, prevMomentTime, type Trace } from '../trace/trace.ts';
import type { Lang } from '../i18n/index.ts';
import type { Said } from '../sim/said.ts';
import { PlaybackClock, type ClockHost } from './clock.ts';

/** Playback speeds: simulated milliseconds per real millisecond. */
export const SPEEDS = [0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2, 5] as const;
export const DEFAULT_SPEED = 0.05;
/** Past this many requests a run is for the command line, not the page. */
export const MAX_PAGE_REQUESTS = 20_000;

type EventInput = NonNullable<ScenarioInput['events']>[number];
/** An action the user takes; it becomes an event at the current time. */
export type UserAction = EventInput extends infer E ? E extends { at: number } ? Omit<E, 'at'> : never : never;

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
  /** Applies an action at the current time; returns the problem, if any (also kept in `notice`). */
  act(action: UserAction): Said | null;
  /**
   * Changes the scenario itself, for settings that are not events (health checks, how a server
   * fails, connection sync, preemption): merges `patch` into `base` (a key set to undefined is
   * removed) and reruns from the start, keeping the user's events and the playback time.
   * Returns the problem, if any; then nothing changes.
   */
  configure(patch: Partial<ScenarioInput>): Said | null;
  /** Replaces the scenario; returns the problem, if any. */
  loadScenario(input: unknown): Said | null;
  /** Shows a message about input the UI itself rejected. */
  reportProblem(message: Said): void;
  dismissNotice(): void;
  setClassroom(on: boolean): void;
  /** Hides the panel if shown, shows it if hidden. */
  togglePanel(id: string): void;
  setLesson(lesson: { id: string; step: number } | null): void;
  setLessonMenu(open: boolean): void;
  /**
   * Puts the page in the state a shared link describes: scenario, actions, time, speed,
   * selection and view settings. Returns the problem, if any; then nothing changes.
   */
  restore(state: RestoredState): Said | null;
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

function run(input: ScenarioInput, events: EventInput[]): { scenario: Scenario; trace: Trace } | Said {
  const isObject = typeof input === 'object' && input !== null && !Array.isArray(input);
  const parsed = parseScenario(isObject ? { ...input, events: [...(input.events ?? []), ...events] } : input);
  if (!parsed.ok) return parsed.problem;
  const s = parsed.scenario;
  const estimate = (s.requests?.length ?? 0) + Math.max(s.load?.ratePerSec ?? 0,
    ...s.events.map((e) => (e.action === 'set-load' ? e.ratePerSec ?? 0 : 0))) * ((s.load?.durationMs ?? 60_000) / 1000);
  if (estimate > MAX_PAGE_REQUESTS) {
    const about = Math.round(estimate);
    return {
      en: `this would make about ${about} requests; the page runs at most ${MAX_PAGE_REQUESTS} (the command line has no limit)`,
      ko: `요청이 약 ${about}개 생깁니다. 화면에서는 최대 ${MAX_PAGE_REQUESTS}개까지 실행합니다(명령줄에는 제한이 없습니다)`,
    };
  }
  return { scenario: s, trace: buildTrace(simulateRun(s)) };
}

export function createLabStore(init: { lang: Lang; scenario: ScenarioInput; host?: ClockHost }): LabStore {
  const first = run(init.scenario, []);
  if (!('trace' in first)) throw new Error(`the built-in scenario is invalid: ${first.en}`);

  return createStore<LabState>()((set, get) => {
    const clock = new PlaybackClock((time, playing) => set({ time, playing }), DEFAULT_SPEED, init.host);
    clock.end = first.trace.end;
    const setSpeed = (speed: number) => {
      clock.setSpeed(speed);
      set({ speed });
    };
    const shiftSpeed = (by: number) => {
      const i = SPEEDS.findIndex((s) => s >= get().speed);
      setSpeed(SPEEDS[Math.max(0, Math.min(SPEEDS.length - 1, (i < 0 ? SPEEDS.length - 1 : i) + by))]!);
    };
    const rerun = (base: ScenarioInput, userEvents: EventInput[]): Said | null => {
      const r = run(base, userEvents);
      if (!('trace' in r)) {
        set({ notice: r });
        return r;
      }
      clock.end = r.trace.end;
      set({ base, userEvents, scenario: r.scenario, trace: r.trace, notice: null });
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

      setLang: (lang) => set({ lang }),
      play: () => clock.play(),
      pause: () => clock.pause(),
      togglePlay: () => (clock.playing ? clock.pause() : clock.play()),
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
        rerun(get().base, get().userEvents.filter((e) => e.at === 0));
        set({ selected: null });
        clock.seek(0);
      },
      setSpeed,
      faster: () => shiftSpeed(1),
      slower: () => shiftSpeed(-1),
      select: (selected) => set({ selected }),
      act: (action) => {
        const t = clock.time;
        // Acting in the past rewrites the future: later actions are dropped.
        const kept = get().userEvents.filter((e) => e.at <= t);
        return rerun(get().base, [...kept, { ...action, at: t } as EventInput]);
      },
      configure: (patch) => {
        const next: Record<string, unknown> = { ...get().base };
        for (const [key, value] of Object.entries(patch)) {
          if (value === undefined) delete next[key];
          else next[key] = value;
        }
        const problem = rerun(next as ScenarioInput, get().userEvents);
        if (!problem) clock.seek(clock.time);
        return problem;
      },
      loadScenario: (input) => {
        clock.pause();
        const problem = rerun(input as ScenarioInput, []);
        if (!problem) {
          set({ selected: null });
          clock.seek(0);
        }
        return problem;
      },
      reportProblem: (notice) => set({ notice }),
      dismissNotice: () => set({ notice: null }),
      setClassroom: (classroom) => set({ classroom }),
      togglePanel: (id) => set(({ hidden }) => ({ hidden: hidden.includes(id) ? hidden.filter((h) => h !== id) : [...hidden, id] })),
      setLesson: (lesson) => set({ lesson }),
      setLessonMenu: (lessonMenu) => set({ lessonMenu }),
      restore: (state) => {
        clock.pause();
        const problem = rerun(state.scenario, state.events);
        if (problem) return problem;
        setSpeed(state.speed);
        const { trace } = get();
        const selected = state.selected !== null && trace.records.some((r) => r.id === state.selected) ? state.selected : null;
        set({ selected, lang: state.lang, classroom: state.classroom, hidden: state.hidden, lesson: state.lesson, lessonMenu: false });
        clock.seek(Math.min(state.time, trace.end));
        return null;
      },
    };
  });
}
