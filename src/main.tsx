import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { ErrorBoundary } from './components/ErrorBoundary.tsx';
import { initialLang, translate } from './i18n/index.ts';
import { parseScenario } from './sim/scenario.ts';
import { createLabStore } from './store/labStore.ts';
import { LabProvider } from './store/context.tsx';
import defaultScenario from './scenarios/round-robin-load.json';
import './styles.css';

const lang = initialLang(location.search, navigator.languages ?? [navigator.language]);
const parsed = parseScenario(defaultScenario);
if (!parsed.ok) throw new Error(`built-in scenario: ${parsed.error}`);
const store = createLabStore({ lang, scenario: parsed.scenario });

/** For tests and the curious: the same records the command line prints. */
declare global {
  interface Window {
    lbLab: { trace(): unknown[] };
  }
}
window.lbLab = { trace: () => store.getState().records };

store.subscribe((s) => {
  document.documentElement.lang = s.lang;
  document.title = translate(s.lang, 'app.title');
});
document.documentElement.lang = lang;
document.title = translate(lang, 'app.title');

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ErrorBoundary title={translate(lang, 'error.title')} reload={translate(lang, 'error.reload')}>
      <LabProvider store={store}>
        <App />
      </LabProvider>
    </ErrorBoundary>
  </StrictMode>,
);
