import { GALLERY } from '../../gallery/gallery.ts';
import { useLab, useLabStore, useT } from '../../store/context.tsx';
import { ScenarioFiles } from './ScenarioFiles.tsx';

/** The gallery's cards and the scenario files: loaded when the gallery first opens. */
export default function GalleryCards({ close }: { close(): void }) {
  const t = useT();
  const store = useLabStore();
  const lang = useLab((s) => s.lang);
  const open = async (i: number) => {
    const g = GALLERY[i]!;
    const problem = await store.getState().loadScenario(g.scenario);
    if (!problem) {
      // Its own speed, so its first failure or failover comes within seconds of Play (a shared link keeps its own).
      store.getState().setSpeed(g.speed);
      store.getState().setLesson(null);
      close();
    }
  };
  return (
    <>
      <ul className="gallery-cards">
        {GALLERY.map((g, i) => (
          <li key={g.id} className="gallery-card">
            <h3>{g.title[lang]}</h3>
            <p>{g.shows[lang]}</p>
            <button type="button" aria-label={t('gallery.openNamed', { name: g.title[lang] })} onClick={() => open(i)}>
              {t('gallery.open')}
            </button>
          </li>
        ))}
      </ul>
      <ScenarioFiles onOpened={close} />
    </>
  );
}
