import { useState } from 'react';
import { translateBoth } from '../../i18n/index.ts';
import { MAX_SERVERS, MAX_WEIGHT } from '../../sim/defaults.ts';
import { useConfigAt } from '../../store/hooks.ts';
import { useLab, useT } from '../../store/context.tsx';
import { FailureControls } from '../failures/FailureControls.tsx';
import { weightProblem } from './weightInput.ts';

/**
 * One group per server ("Server s1"): its weight, taking it out of or back into the upstream,
 * and failing or restoring it.
 */
export function ServerControls() {
  const t = useT();
  const config = useConfigAt();
  const act = useLab((s) => s.act);
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const report = useLab((s) => s.reportProblem);

  const applyWeight = (name: string, text: string) => {
    const bad = weightProblem(text);
    if (bad) {
      report(bad);
      return;
    }
    setDrafts((d) => ({ ...d, [name]: '' }));
    act({ action: 'set-weight', target: name, weight: Number(text) });
  };

  const addServer = () => {
    if (config.servers.length >= MAX_SERVERS) {
      report(translateBoth('invalid.servers', { max: MAX_SERVERS }));
      return;
    }
    let n = config.servers.length + 1;
    while (config.servers.some((s) => s.name === `s${n}`)) n++;
    act({ action: 'add-server', server: { name: `s${n}` } });
  };

  return (
    <fieldset className="servers-control" data-lesson-target="server-controls">
      <legend>{t('controls.servers')}</legend>
      <div className="server-list">
        {config.servers.map((s) => (
          <div key={s.name} role="group" aria-label={t('controls.serverGroup', { name: s.name })} className={s.member ? '' : 'removed'}>
            <span className="server-name">{s.name}</span>
            <label className="weight">
              <span className="visually-hidden">{t('controls.weight', { name: s.name })}</span>
              <span aria-hidden="true">{t('controls.weightShort')}</span>
              <input
                type="number"
                inputMode="numeric"
                min={1}
                max={MAX_WEIGHT}
                value={drafts[s.name] || String(s.weight)}
                disabled={!s.member}
                onChange={(e) => setDrafts((d) => ({ ...d, [s.name]: e.target.value }))}
                onBlur={(e) => {
                  if (drafts[s.name]) applyWeight(s.name, e.target.value);
                }}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') applyWeight(s.name, e.currentTarget.value);
                }}
              />
            </label>
            {s.member ? (
              <button
                type="button"
                onClick={() => act({ action: 'remove-server', target: s.name })}
                aria-label={t('controls.remove', { name: s.name })}
              >
                {t('controls.removeShort')}
              </button>
            ) : (
              <button
                type="button"
                onClick={() => act({ action: 'add-server', server: { name: s.name } })}
                aria-label={t('controls.restore', { name: s.name })}
              >
                {t('controls.restoreShort')}
              </button>
            )}
            <FailureControls name={s.name} failed={config.failed.has(s.name)} />
          </div>
        ))}
      </div>
      <button type="button" onClick={addServer}>
        {t('controls.addServer')}
      </button>
    </fieldset>
  );
}
