import { useLab, useT } from '../store/context.tsx';

/** The message about the user's last action that could not be done (bad input). */
export function Notice() {
  const t = useT();
  const notice = useLab((s) => s.notice);
  const lang = useLab((s) => s.lang);
  const dismiss = useLab((s) => s.dismissNotice);
  return (
    <div className="notice-slot" role="status" aria-live="polite">
      {notice && (
        <div className="notice">
          <span>{notice[lang]}</span>
          <button type="button" onClick={dismiss}>{t('notice.dismiss')}</button>
        </div>
      )}
    </div>
  );
}
