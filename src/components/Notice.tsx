import { visible } from '../sim/said.ts';
import { useLab, useT } from '../store/context.tsx';

/**
 * The message about the user's last action that could not be done (bad input). A message may
 * quote the input (a field's name, a value, a file's name): it is shown inside <bdi>, so text
 * from the input can never reorder the page's own words, with control and bidirectional
 * characters written as \uXXXX, and it wraps anywhere rather than widening the page.
 */
export function Notice() {
  const t = useT();
  const notice = useLab((s) => s.notice);
  const lang = useLab((s) => s.lang);
  const dismiss = useLab((s) => s.dismissNotice);
  return (
    <div className="notice-slot" role="status" aria-live="polite">
      {notice && (
        <div className="notice">
          <bdi className="notice-text" style={{ flex: '1 1 auto', minWidth: 0, overflowWrap: 'anywhere', unicodeBidi: 'isolate' }}>
            {visible(notice[lang])}
          </bdi>
          <button type="button" onClick={dismiss}>
            {t('notice.dismiss')}
          </button>
        </div>
      )}
    </div>
  );
}
