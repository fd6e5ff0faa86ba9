import { StrictMode } from 'react';
import { LazyMotion } from 'framer-motion';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { ErrorBoundary } from './components/ErrorBoundary.tsx';
import { initialLang, translate } from './i18n/index.ts';
import { createLabStore } from './store/labStore.ts';
import { linkTo, openFromHash } from './share/links.ts';
import { LabProvider } from './store/context.tsx';
import classroom from './scenarios/classroom.json';
import type { ScenarioInput } from './sim/scenario.ts';
import type { RequestRecord } from './sim/types.ts';
import { workerRunner } from './store/workerRunner.ts';
import './styles.css';

const loadMotion = () => import('./motionFeatures.ts').then((m) => m.default);

const lang = initialLang(location.search, navigator.languages ?? [navigator.language]);
// Runs happen in a Web Worker: no scenario, file or link can keep the page busy.
const store = createLabStore({ lang, scenario: classroom as ScenarioInput, runner: workerRunner() });

/** For tests and the curious: the records of what has run so far, as the command line prints them. */
declare global {
  interface Window {
    lbLab: {
      /** The records so far, once any run under way is ready. */
      trace(): Promise<RequestRecord[]>;
      /** Settles when no run is under way. */
      settled(): Promise<void>;
      /** Playback position, simulated ms. */
      time(): number;
      seek(ms: number): void;
      select(id: number | null): void;
      /** Loads a scenario (the JSON object of a scenario file); returns the problem (in English), or null. */
      load(scenario: unknown): Promise<string | null>;
      play(speed?: number): void;
      pause(): void;
      /** A link that opens the page in its present state (scenario, actions, moment, view). */
      link(): Promise<string>;
    };
  }
}
const recordsSoFar = () => {
  const { trace, clock } = store.getState();
  return trace.records.filter((r) => r.at <= clock.time);
};
window.lbLab = {
  trace: () => store.getState().settled().then(recordsSoFar),
  settled: () => store.getState().settled(),
  time: () => store.getState().clock.time,
  seek: (ms) => store.getState().seek(ms),
  select: (id) => store.getState().select(id),
  load: async (scenario) => (await store.getState().loadScenario(scenario))?.en ?? null,
  play: (speed) => {
    if (speed !== undefined) store.getState().setSpeed(speed);
    store.getState().play();
  },
  pause: () => store.getState().pause(),
  link: () => linkTo(store, location.href),
};

// A shared link opens the state it carries once its run is ready (the page paints first and
// shows the run's progress); a bad one says why.
void openFromHash(store, location.hash, true);
window.addEventListener('hashchange', () => void openFromHash(store, location.hash, false));

const syncDocument = (l: typeof lang) => {
  document.documentElement.lang = l;
  document.title = translate(l, 'app.title');
};
syncDocument(store.getState().lang);
store.subscribe((s, prev) => { if (s.lang !== prev.lang) syncDocument(s.lang); });

// The Korean web font (self-hosted, split by unicode range) loads after the first paint, so
// the page never waits for it and works offline on machines without a Korean font.
void import('@fontsource/noto-sans-kr/400.css');

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ErrorBoundary title={translate(lang, 'error.title')} reload={translate(lang, 'error.reload')}>
      <LabProvider store={store}>
        {/* Only the animation features the page uses; `m` components, never `motion`. */}
        <LazyMotion features={loadMotion} strict>
          <App />
        </LazyMotion>
      </LabProvider>
    </ErrorBoundary>
  </StrictMode>,
);
