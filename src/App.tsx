import { LANGS, type Lang } from './i18n/index.ts';
import { useLab, useT } from './store/context.tsx';
import { Topology } from './components/topology/Topology.tsx';

export function App() {
  const t = useT();
  const lang = useLab((s) => s.lang);
  const setLang = useLab((s) => s.setLang);
  const scenario = useLab((s) => s.scenario);
  const count = useLab((s) => s.records.length);

  return (
    <div className="app" lang={lang}>
      <header className="app-header">
        <h1>{t('app.title')}</h1>
        <p className="tagline">{t('app.tagline')}</p>
        <label className="lang-switch">
          {t('lang.label')}
          <select value={lang} onChange={(e) => setLang(e.target.value as Lang)}>
            {LANGS.map((l) => <option key={l} value={l}>{l === 'ko' ? '한국어' : 'English'}</option>)}
          </select>
        </label>
      </header>
      <main>
        <Topology />
        <p className="summary">
          {t('summary.requests', { count, algorithm: t(`algorithm.${scenario.algorithm}`), mode: scenario.mode })}
        </p>
      </main>
    </div>
  );
}
