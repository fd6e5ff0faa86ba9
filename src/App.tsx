import { LANGS, type Lang } from './i18n/index.ts';
import { useLab, useT } from './store/context.tsx';
import { Topology } from './components/topology/Topology.tsx';
import { PlaybackBar } from './components/playback/PlaybackBar.tsx';
import { StageSettings } from './components/controls/StageSettings.tsx';
import { Notice } from './components/Notice.tsx';
import { RunStatus } from './components/RunStatus.tsx';
import { useKeyboard } from './components/playback/useKeyboard.ts';
import { LessonsButton } from './components/lessons/LessonsButton.tsx';
import { GalleryButton } from './components/gallery/GalleryDialog.tsx';
import { ShareButton } from './components/share/ShareButton.tsx';
import { ExportButton } from './components/export/ExportButton.tsx';
import { ClassroomTools } from './components/classroom/ClassroomTools.tsx';
import { Hideable } from './components/classroom/Hideable.tsx';
import { NowColumn } from './components/now/NowColumn.tsx';
import {
  ConntrackTable,
  ControlsPanel,
  EventLog,
  FailoverPanel,
  PacketInspector,
  ScalingPanel,
  SideBySidePanel,
  StatsPanel,
} from './components/lazy.tsx';
import { Narration } from './components/explain/Narration.tsx';

/**
 * The page: a toolbar; the stage (drawing, narration, playback) with what it shows now and
 * why beside it, both on the first screen; details and settings below.
 */
export function App() {
  const t = useT();
  const lang = useLab((s) => s.lang);
  const setLang = useLab((s) => s.setLang);
  useKeyboard();

  return (
    <div className="app" lang={lang}>
      <div className="first-screen">
        <header className="app-header">
          <h1>{t('app.title')}</h1>
          <p className="tagline">{t('app.tagline')}</p>
          <StageSettings />
          <div className="header-tools">
            <LessonsButton />
            <GalleryButton />
            <ShareButton />
            <ExportButton />
            <ClassroomTools />
          </div>
          <label className="lang-switch">
            <span>{t('lang.label')}</span>
            <select value={lang} onChange={(e) => setLang(e.target.value as Lang)}>
              {LANGS.map((l) => (
                <option key={l} value={l}>
                  {l === 'ko' ? '한국어' : 'English'}
                </option>
              ))}
            </select>
          </label>
        </header>
        <Notice />
        <RunStatus />
        <main className="workspace">
          <section className="stage">
            <Topology />
            <Narration />
            <PlaybackBar />
          </section>
          <NowColumn />
        </main>
      </div>
      <section className="details" aria-label={t('layout.details')}>
        <Hideable hold id="controls">
          <ControlsPanel />
        </Hideable>
        <Hideable hold id="failover">
          <FailoverPanel />
        </Hideable>
        <Hideable hold id="inspector">
          <PacketInspector />
        </Hideable>
        <Hideable hold id="conntrack">
          <ConntrackTable />
        </Hideable>
        <Hideable hold id="event-log">
          <EventLog />
        </Hideable>
        <Hideable hold id="stats">
          <StatsPanel />
        </Hideable>
        <Hideable hold id="scaling">
          <ScalingPanel />
        </Hideable>
        <Hideable hold id="compare">
          <SideBySidePanel />
        </Hideable>
      </section>
    </div>
  );
}
