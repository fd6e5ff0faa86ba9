import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { ErrorBoundary } from './components/ErrorBoundary.tsx';
import { initialLang, translate } from './i18n/index.ts';
import { startLabStore } from './store/labCore.ts';
import { LabProvider } from './store/context.tsx';
import classroom from './scenarios/classroom.json';
import classroomResolved from './scenarios/classroom.json?resolved';
import type { ScenarioInput } from './sim/scenario.ts';
import type { LbLab } from './lbLab.ts';
import { workerRunner } from './store/workerRunner.ts';
import './styles.css';

// The link code loads only when a link is opened or made.
const links = () => import('./share/links.ts');
/** Whether a URL fragment carries a shared state (`#s=…`, see share/shareState.ts). */
const carriesState = (hash: string) => new URLSearchParams(hash.replace(/^#/, '')).has('s');

const lang = initialLang(location.search, navigator.languages ?? [navigator.language]);
// Every run, the first included, happens in a Web Worker: no scenario, file or link can keep
// the page busy, and the page paints the drawing (resolved at build time) before the engine
// has even loaded.
const store = startLabStore({
  lang,
  scenario: classroom as ScenarioInput,
  resolved: classroomResolved,
  runner: workerRunner(),
});

const recordsSoFar = () => {
  const { trace, clock } = store.getState();
  return trace.records.filter((r) => r.at <= clock.time);
};
// The one declaration of what it offers is in lbLab.ts.
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
  link: async () => {
    const made = await (await links()).checkedLinkTo(store, location.href);
    return made.ok ? made.href : { error: made.problem.en };
  },
} satisfies LbLab;

// A shared link opens the state it carries once its run is ready (the page paints first and
// shows the run's progress); a bad one says why.
if (carriesState(location.hash)) void links().then((m) => m.openFromHash(store, location.hash, true));
window.addEventListener('hashchange', () => {
  if (carriesState(location.hash)) void links().then((m) => m.openFromHash(store, location.hash, false));
});

const syncDocument = (l: typeof lang) => {
  document.documentElement.lang = l;
  document.title = translate(l, 'app.title');
};
syncDocument(store.getState().lang);
store.subscribe((s, prev) => {
  if (s.lang !== prev.lang) syncDocument(s.lang);
});

// The Korean web font (self-hosted, split by unicode range) loads after the first paint, so
// the page never waits for it and works offline on machines without a Korean font.
void import('@fontsource/noto-sans-kr/400.css');

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ErrorBoundary title={translate(lang, 'error.title')} reload={translate(lang, 'error.reload')}>
      <LabProvider store={store}>
        <App />
      </LabProvider>
    </ErrorBoundary>
  </StrictMode>,
);
