import { useState } from 'react';
import { echoText } from '../../sim/said.ts';
import { translateBoth, type MessageKey } from '../../i18n/index.ts';
import { useLab, useT } from '../../store/context.tsx';
import { HealthTable } from './HealthTable.tsx';
import { usePending } from '../controls/usePending.ts';

type Field = 'intervalMs' | 'fall' | 'rise';
/** HAProxy's defaults (DESIGN.md): a check every 2 s, down after 3 failures, up after 2 passes. */
const DEFAULTS: Record<Field, number> = { intervalMs: 2000, fall: 3, rise: 2 };

/** The rule for each number, and the message that names the field when it is broken. */
const RULES: Record<Field, { label: MessageKey; invalid: MessageKey; ok(n: number): boolean; min: number; max: number }> = {
  intervalMs: {
    label: 'failover.hc.interval',
    invalid: 'failover.invalid.interval',
    ok: (n) => n >= 100 && n <= 600_000,
    min: 100,
    max: 600_000,
  },
  fall: {
    label: 'failover.hc.fall',
    invalid: 'failover.invalid.fall',
    ok: (n) => Number.isInteger(n) && n >= 1 && n <= 100,
    min: 1,
    max: 100,
  },
  rise: {
    label: 'failover.hc.rise',
    invalid: 'failover.invalid.rise',
    ok: (n) => Number.isInteger(n) && n >= 1 && n <= 100,
    min: 1,
    max: 100,
  },
};
const FIELDS = Object.keys(RULES) as Field[];

/**
 * Active health checks on or off, their interval, fall and rise; a bad number is refused with
 * a message naming it and stays in its box to be corrected, and nothing else changes.
 */
export function HealthChecks() {
  const t = useT();
  const hc = useLab((s) => s.scenario.healthCheck);
  const [on, setOn] = usePending(!!hc);
  const base = useLab((s) => s.base);
  const passive = useLab((s) => s.scenario.passive);
  const configure = useLab((s) => s.configure);
  const report = useLab((s) => s.reportProblem);
  const [drafts, setDrafts] = useState<Partial<Record<Field, string>>>({});
  const current = (f: Field) => (hc ? hc[f] : DEFAULTS[f]);

  const apply = (field: Field, text: string) => {
    const n = Number(text);
    if (text.trim() === '' || !Number.isFinite(n) || !RULES[field].ok(n)) {
      report(translateBoth(RULES[field].invalid, { value: echoText(text, 60) }));
      return;
    }
    if (n === current(field)) {
      setDrafts((d) => ({ ...d, [field]: undefined }));
      return;
    }
    void configure({ healthCheck: { ...base.healthCheck, [field]: n } }).then((problem) => {
      if (!problem) setDrafts((d) => ({ ...d, [field]: undefined }));
    });
  };
  const toggle = (on: boolean) => {
    setOn(on, () =>
      configure({
        healthCheck: on
          ? { ...base.healthCheck, intervalMs: current('intervalMs'), fall: current('fall'), rise: current('rise') }
          : undefined,
      }),
    );
    setDrafts({});
  };

  return (
    <fieldset className="health-checks" data-lesson-target="health">
      <legend>{t('failover.hc.heading')}</legend>
      <label className="check">
        <input type="checkbox" checked={on} onChange={(e) => toggle(e.target.checked)} />
        <span>{t('failover.hc.active')}</span>
      </label>
      <p className="hint">{t('failover.hc.haproxy')}</p>
      {hc ? (
        <div className="control-row hc-numbers">
          {FIELDS.map((f) => (
            <label key={f}>
              {t(RULES[f].label)}
              <input
                type="number"
                min={RULES[f].min}
                max={RULES[f].max}
                step={f === 'intervalMs' ? 100 : 1}
                value={drafts[f] ?? String(current(f))}
                onChange={(e) => setDrafts((d) => ({ ...d, [f]: e.target.value }))}
                onBlur={(e) => {
                  if (drafts[f] !== undefined) apply(f, e.target.value);
                }}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') apply(f, e.currentTarget.value);
                }}
              />
            </label>
          ))}
        </div>
      ) : (
        <p className="hint">{t('failover.hc.off', { maxFails: passive.maxFails, failTimeout: passive.failTimeoutMs / 1000 })}</p>
      )}
      <HealthTable />
    </fieldset>
  );
}
