import { lazy } from 'react';
import { useT } from '../../store/context.tsx';
import { LazyDialogButton } from '../dialog/LazyDialog.tsx';

// The config writers and the dialog's insides load when it first opens (see scripts/bundle-size.ts).
const ExportPanel = lazy(() => import('./ExportPanel.tsx'));

/** The scenario as real configuration (nginx, HAProxy, keepalived), to read and copy. */
export function ExportButton() {
  const t = useT();
  return (
    <LazyDialogButton
      label={t('export.button')}
      title={t('export.title')}
      closeLabel={t('export.close')}
      id="export-title"
      className="gallery export-dialog"
      Contents={ExportPanel}
    />
  );
}
