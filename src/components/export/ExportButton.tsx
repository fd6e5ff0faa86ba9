import { lazy, Suspense, useRef, useState } from 'react';
import { useT } from '../../store/context.tsx';

// The config writers and the dialog's insides load when it first opens (see scripts/bundle-size.ts).
const ExportPanel = lazy(() => import('./ExportPanel.tsx'));

/** The scenario as real configuration (nginx, HAProxy, keepalived), to read and copy. */
export function ExportButton() {
  const t = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  const [opened, setOpened] = useState(false);
  const show = () => {
    setOpened(true);
    dialog.current?.showModal();
  };
  return (
    <>
      <button type="button" className="header-button" aria-haspopup="dialog" onClick={show}>
        {t('export.button')}
      </button>
      <dialog ref={dialog} className="gallery export-dialog" aria-labelledby="export-title">
        <div className="gallery-head">
          <h2 id="export-title">{t('export.title')}</h2>
          <button type="button" onClick={() => dialog.current?.close()}>
            {t('export.close')}
          </button>
        </div>
        {opened && (
          <Suspense
            fallback={
              <p className="hint" role="status" aria-busy="true">
                …
              </p>
            }
          >
            <ExportPanel />
          </Suspense>
        )}
      </dialog>
    </>
  );
}
