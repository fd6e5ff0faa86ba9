import { useState } from 'react';
import type { Said } from '../../sim/said.ts';
import { MAX_WEIGHT } from '../../sim/defaults.ts';
import { useConfigAt } from '../../store/hooks.ts';
import { useLab, useT } from '../../store/context.tsx';
import { FailureControls } from '../failures/FailureControls.tsx';
import { weightProblem } from '../controls/weightInput.ts';

/**
 * A server's controls in its card: Fail/Restore (with how it fails), its weight (a field and
 * −/+), take it out of the upstream or add it back. Each goes through the store's actions, so
 * it is an event in the run's history, as the settings panel's are.
 */
export function ServerNodeControls({ name }: { name: string }) {
  const t = useT();
  const lang = useLab((s) => s.lang);
  const act = useLab((s) => s.act);
  const report = useLab((s) => s.reportProblem);
  const config = useConfigAt();
  const server = config.servers.find((s) => s.name === name);
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<Said | null>(null);
  if (!server) return null;
  const failed = config.failed.has(name);

  const setWeight = (text: string) => {
    const bad = weightProblem(text);
    setProblem(bad);
    if (bad) {
      report(bad);
      return;
    }
    setDraft('');
    void act({ action: 'set-weight', target: name, weight: Number(text) });
  };

  return (
    <>
      {(failed || !server.member) && (
        <p className="node-menu-state">
          {[failed && t('nodeMenu.failed'), !server.member && t('nodeMenu.removed')].filter(Boolean).join(' · ')}
        </p>
      )}
      <div className="node-menu-row">
        <FailureControls name={name} failed={failed} />
      </div>
      <div className="node-menu-row node-menu-weight" role="group" aria-label={t('controls.weight', { name })}>
        <span aria-hidden="true">{t('controls.weightShort')}</span>
        <button
          type="button"
          aria-label={t('nodeMenu.lighter', { name })}
          disabled={!server.member}
          onClick={() => setWeight(String(server.weight - 1))}
        >
          −
        </button>
        <input
          type="number"
          inputMode="numeric"
          min={1}
          max={MAX_WEIGHT}
          aria-label={t('controls.weight', { name })}
          aria-invalid={problem ? true : undefined}
          value={draft || String(server.weight)}
          disabled={!server.member}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={(e) => {
            if (draft) setWeight(e.target.value);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') setWeight(e.currentTarget.value);
          }}
        />
        <button
          type="button"
          aria-label={t('nodeMenu.heavier', { name })}
          disabled={!server.member}
          onClick={() => setWeight(String(server.weight + 1))}
        >
          +
        </button>
      </div>
      {problem && (
        <p className="node-menu-problem" role="alert">
          {problem[lang]}
        </p>
      )}
      <div className="node-menu-row">
        {server.member ? (
          <button type="button" onClick={() => act({ action: 'remove-server', target: name })}>
            {t('controls.remove', { name })}
          </button>
        ) : (
          <button type="button" onClick={() => act({ action: 'add-server', server: { name } })}>
            {t('controls.restore', { name })}
          </button>
        )}
      </div>
    </>
  );
}

/** A balancer's controls in its card: Fail, or Restore once failed. */
export function BalancerNodeControls({ name }: { name: string }) {
  const t = useT();
  const act = useLab((s) => s.act);
  const failed = useConfigAt().failed.has(name);
  return (
    <>
      {failed && <p className="node-menu-state">{t('nodeMenu.failed')}</p>}
      <div className="node-menu-row">
        <button
          type="button"
          className={failed ? 'restore-button' : 'fail-button'}
          onClick={() => act({ action: failed ? 'restore' : 'fail', target: name })}
        >
          {t(failed ? 'fail.restoreNamed' : 'fail.failNamed', { name })}
        </button>
      </div>
    </>
  );
}
