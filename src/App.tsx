import { LANGS, type Lang } from './i18n/index.ts';
import { useLab, useT } from './store/context.tsx';
import { Topology } from './components/topology/Topology.tsx';
import { PlaybackBar } from './components/playback/PlaybackBar.tsx';
import { ControlsPanel } from './components/controls/ControlsPanel.tsx';
import { FailoverPanel } from './components/failures/FailoverPanel.tsx';
import { WhyPanel } from './components/explain/WhyPanel.tsx';
import { StatsPanel } from './components/explain/StatsPanel.tsx';
import { EventLog } from './components/explain/EventLog.tsx';
import { ScalingPanel } from './components/compare/ScalingPanel.tsx';
import { SideBySidePanel } from './components/compare/SideBySidePanel.tsx';
import { PacketInspector } from './components/inspector/PacketInspector.tsx';
import { ConntrackTable } from './components/inspector/ConntrackTable.tsx';
import { Notice } from './components/Notice.tsx';
import { RunStatus } from './components/RunStatus.tsx';
import { useKeyboard } from './components/playback/useKeyboard.ts';
import { LessonsButton } from './components/lessons/LessonsButton.tsx';
import { GalleryButton } from './components/gallery/GalleryDialog.tsx';
import { ShareButton } from './components/share/ShareButton.tsx';
import { ClassroomTools } from './components/classroom/ClassroomTools.tsx';
import { Hideable } from './components/classroom/Hideable.tsx';
import { LessonMenu } from './components/lessons/LessonMenu.tsx';
import { LessonPanel } from './components/lessons/LessonPanel.tsx';

export function App() {
  const t = useT();
  const lang = useLab((s) => s.lang);
  const setLang = useLab((s) => s.setLang);
  const lessonMenu = useLab((s) => s.lessonMenu);
  useKeyboard();

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
        <div className="header-tools">
          <LessonsButton />
          <GalleryButton />
          <ShareButton />
          <ClassroomTools />
        </div>
      </header>
      <Notice />
      <RunStatus />
      <main className="workspace">
        <section className="stage">
          <Topology />
          <PlaybackBar />
          <div className="details">
            <Hideable id="inspector"><PacketInspector /></Hideable>
            <Hideable id="conntrack"><ConntrackTable /></Hideable>
          </div>
          <Hideable id="event-log"><EventLog /></Hideable>
          <Hideable id="scaling"><ScalingPanel /></Hideable>
          <Hideable id="compare"><SideBySidePanel /></Hideable>
        </section>
        <aside className="side">
          {lessonMenu && <LessonMenu />}
          <LessonPanel />
          <Hideable id="controls"><ControlsPanel /></Hideable>
          <Hideable id="failover"><FailoverPanel /></Hideable>
          <Hideable id="why"><WhyPanel /></Hideable>
          <Hideable id="stats"><StatsPanel /></Hideable>
        </aside>
      </main>
    </div>
  );
}
