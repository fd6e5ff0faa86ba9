import { useLab, useT } from '../store/context.tsx';

/**
 * A long run in the worker: how far it has got, and a way to stop it (the page keeps the run
 * it had). The page stays usable meanwhile. It appears only after a moment (CSS), since most
 * runs land before anyone could read a word.
 */
export function RunStatus() {
  const t = useT();
  const lang = useLab((s) => s.lang);
  const pending = useLab((s) => s.pending);
  const cancel = useLab((s) => s.cancelRun);
  const number = (n: number, digits = 0) => n.toLocaleString(lang === 'ko' ? 'ko-KR' : 'en-US', { maximumFractionDigits: digits });
  return (
    <div className="run-status-slot" role="status" aria-live="polite">
      {pending && (
        <div className="run-status">
          <span className="run-spinner" aria-hidden="true" />
          <span>{t('run.progress', { seconds: number(pending.simulatedMs / 1000, 1), requests: number(pending.requests) })}</span>
          <button type="button" onClick={cancel}>
            {t('run.cancel')}
          </button>
        </div>
      )}
    </div>
  );
}
