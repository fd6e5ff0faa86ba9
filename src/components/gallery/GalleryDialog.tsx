import { lazy, Suspense, useRef, useState } from 'react';
import { useT } from '../../store/context.tsx';

// The scenarios and the file handling load when the gallery first opens.
const GalleryCards = lazy(() => import('./GalleryCards.tsx'));

/** Ready scenarios a teacher can start from, and scenario files to open or save. */
export function GalleryButton() {
  const t = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  const [opened, setOpened] = useState(false);
  const close = () => dialog.current?.close();
  const show = () => {
    setOpened(true);
    dialog.current?.showModal();
  };
  return (
    <>
      <button type="button" className="header-button" aria-haspopup="dialog" onClick={show}>
        {t('gallery.button')}
      </button>
      <dialog ref={dialog} className="gallery" aria-labelledby="gallery-title">
        <div className="gallery-head">
          <h2 id="gallery-title">{t('gallery.title')}</h2>
          <button type="button" onClick={close}>
            {t('gallery.close')}
          </button>
        </div>
        <p className="hint">{t('gallery.intro')}</p>
        {opened && (
          <Suspense
            fallback={
              <p className="hint" role="status" aria-busy="true">
                …
              </p>
            }
          >
            <GalleryCards close={close} />
          </Suspense>
        )}
      </dialog>
    </>
  );
}
