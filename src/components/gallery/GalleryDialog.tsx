import { lazy } from 'react';
import { useT } from '../../store/context.tsx';
import { LazyDialogButton } from '../dialog/LazyDialog.tsx';

// The scenarios and the file handling load when the gallery first opens.
const GalleryCards = lazy(() => import('./GalleryCards.tsx'));

/** Ready scenarios a teacher can start from, and scenario files to open or save. */
export function GalleryButton() {
  const t = useT();
  return (
    <LazyDialogButton
      label={t('gallery.button')}
      title={t('gallery.title')}
      closeLabel={t('gallery.close')}
      id="gallery-title"
      className="gallery"
      intro={<p className="hint">{t('gallery.intro')}</p>}
      Contents={GalleryCards}
    />
  );
}
