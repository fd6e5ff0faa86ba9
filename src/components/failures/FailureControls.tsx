import { useLab, useT } from '../../store/context.tsx';
import { usePending } from '../controls/usePending.ts';
import './failures.css';

/**
 * Inside a server's group: "Fail" / "Restore" at the current moment (an event in the history),
 * and how the server fails — refusing connections or not answering — for the whole run.
 */
export function FailureControls({ name, failed }: { name: string; failed: boolean }) {
  const t = useT();
  const act = useLab((s) => s.act);
  const configure = useLab((s) => s.configure);
  const base = useLab((s) => s.base);
  const server = useLab((s) => s.scenario.servers.find((x) => x.name === name));
  // A server added by an event has no entry in the scenario's list to set its failure mode on.
  const listed = base.servers.some((x) => x.name === name);

  const [mode, showMode] = usePending(server?.onFailure ?? 'refuse');
  const setMode = (onFailure: 'refuse' | 'timeout') =>
    showMode(onFailure, () => configure({ servers: base.servers.map((x) => (x.name === name ? { ...x, onFailure } : x)) }));

  return (
    <>
      <button
        type="button"
        className={failed ? 'restore-button' : 'fail-button'}
        aria-label={t(failed ? 'fail.restoreNamed' : 'fail.failNamed', { name })}
        onClick={() => act({ action: failed ? 'restore' : 'fail', target: name })}
      >
        {t(failed ? 'fail.restore' : 'fail.fail')}
      </button>
      {listed && server && (
        <select aria-label={t('fail.onFailure', { name })} value={mode} onChange={(e) => setMode(e.target.value as 'refuse' | 'timeout')}>
          <option value="refuse">{t('fail.onFailure.refuse')}</option>
          <option value="timeout">{t('fail.onFailure.timeout')}</option>
        </select>
      )}
    </>
  );
}
