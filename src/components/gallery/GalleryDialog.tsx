import { useRef } from 'react';
import { GALLERY } from '../../gallery/gallery.ts';
import { useLab, useLabStore, useT } from '../../store/context.tsx';
import { ScenarioFiles } from './ScenarioFiles.tsx';

/** Ready scenarios a teacher can start from, and scenario files to open or save. */
export function GalleryButton() {
  const t = useT();
  const store = useLabStore();
  const lang = useLab((s) => s.lang);
  const dialog = useRef<HTMLDialogElement>(null);
  const open = async (i: number) => {
    const problem = await store.getState().loadScenario(GALLERY[i]!.scenario);
    if (!problem) {
      store.getState().setLesson(null);
      dialog.current?.close();
    }
  };
  return (
    <>
      <button type="button" className="header-button" aria-haspopup="dialog" onClick={() => dialog.current?.showModal()}>
        {t('gallery.button')}
      </button>
      <dialog ref={dialog} className="gallery" aria-labelledby="gallery-title">
        <div className="gallery-head">
          <h2 id="gallery-title">{t('gallery.title')}</h2>
          <button type="button" onClick={() => dialog.current?.close()}>{t('gallery.close')}</button>
        </div>
        <p className="hint">{t('gallery.intro')}</p>
        <ul className="gallery-cards">
          {GALLERY.map((g, i) => (
            <li key={g.id} className="gallery-card">
              <h3>{g.title[lang]}</h3>
              <p>{g.shows[lang]}</p>
              <button type="button" aria-label={t('gallery.openNamed', { name: g.title[lang] })} onClick={() => open(i)}>{t('gallery.open')}</button>
            </li>
          ))}
        </ul>
        <ScenarioFiles onOpened={() => dialog.current?.close()} />
      </dialog>
    </>
  );
}
