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
import './styles.css';

const loadMotion = () => import('./motionFeatures.ts').then((m) => m.default);

const lang = initialLang(location.search, navigator.languages ?? [navigator.language]);
const store = createLabStore({ lang, scenario: classroom as ScenarioInput });

/** For tests and the curious: the records of what has run so far, as the command line prints them. */
declare global {
  interface Window {
    lbLab: {
      trace(): unknown[];
      /** Playback position, simulated ms. */
      time(): number;
      seek(ms: number): void;
      select(id: number | null): void;
      /** Loads a scenario (the JSON object of a scenario file); returns the problem (in English), or null. */
      load(scenario: unknown): string | null;
      play(speed?: number): void;
      pause(): void;
      /** A link that opens the page in its present state (scenario, actions, moment, view). */
      link(): Promise<string>;
    };
  }
}
window.lbLab = {
  trace: () => {
    const { trace, clock } = store.getState();
    return trace.records.filter((r) => r.at <= clock.time);
  },
  time: () => store.getState().clock.time,
  seek: (ms) => store.getState().seek(ms),
  select: (id) => store.getState().select(id),
  load: (scenario) => store.getState().loadScenario(scenario)?.en ?? null,
  play: (speed) => {
    if (speed !== undefined) store.getState().setSpeed(speed);
    store.getState().play();
  },
  pause: () => store.getState().pause(),
  link: () => linkTo(store, location.href),
};

// A shared link opens the state it carries, before the first paint; a bad one says why.
await openFromHash(store, location.hash, true);
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
