import { useState } from 'react';
import { echoText } from '../../sim/said.ts';
import { KEEPALIVED_CHECK_DEFAULTS, type HealthCheck } from '../../sim/scenario.ts';
import { ownBoth } from '../../i18n/ownSection.ts';
import { failoverPanel, type FailoverPanelKey } from '../../i18n/sections/failoverPanel.ts';
import { useLab, useOwnT, useT } from '../../store/context.tsx';
import { HealthTable } from './HealthTable.tsx';
import { usePending } from '../controls/usePending.ts';

type Field = 'intervalMs' | 'fall' | 'rise' | 'retries' | 'retryDelayMs';
/**
 * Each mode's checker and its numbers: HAProxy's in L7 (DESIGN.md's defaults: a check every
 * 2 s, down after 3 failures, up after 2 passes), keepalived's TCP_CHECK in L4 (its own retry 1
 * and delay_before_retry 1 s; delay_loop 2 s, the lab's). The scenario refuses the other's.
 */
const FIELDS: Record<'L4' | 'L7', readonly Field[]> = { L7: ['intervalMs', 'fall', 'rise'], L4: ['intervalMs', 'retries', 'retryDelayMs'] };
const DEFAULTS: Record<Field, number> = { intervalMs: 2000, fall: 3, rise: 2, ...KEEPALIVED_CHECK_DEFAULTS };

const count = (min: number) => ({ ok: (n: number) => Number.isInteger(n) && n >= min && n <= 100, min, max: 100 });
/** The rule for each number, and the message that names the field when it is broken. */
const RULES: Record<Field, { label: FailoverPanelKey; invalid: FailoverPanelKey; ok(n: number): boolean; min: number; max: number }> = {
  intervalMs: {
    label: 'failover.hc.interval',
    invalid: 'failover.invalid.interval',
    ok: (n) => n >= 100 && n <= 600_000,
    min: 100,
    max: 600_000,
  },
  fall: { label: 'failover.hc.fall', invalid: 'failover.invalid.fall', ...count(1) },
  rise: { label: 'failover.hc.rise', invalid: 'failover.invalid.rise', ...count(1) },
  retries: { label: 'failover.hc.retries', invalid: 'failover.invalid.retries', ...count(0) },
  retryDelayMs: {
    label: 'failover.hc.retryDelay',
    invalid: 'failover.invalid.retryDelay',
    ok: (n) => n >= 0 && n <= 600_000,
    min: 0,
    max: 600_000,
  },
};
/** keepalived calls the interval delay_loop. */
const labelOf = (f: Field, mode: 'L4' | 'L7'): FailoverPanelKey =>
  f === 'intervalMs' && mode === 'L4' ? 'failover.hc.delayLoop' : RULES[f].label;

/** A field's value in the resolved checks (L4's retries live under `keepalived`). */
function valueOf(hc: HealthCheck, f: Field): number {
  if (f === 'retries' || f === 'retryDelayMs') return hc.keepalived?.[f] ?? DEFAULTS[f];
  return hc[f];
}

/**
 * Active health checks on or off, and their numbers for this mode's checker; a bad number is
 * refused with a message naming it and stays in its box to be corrected, and nothing else changes.
 */
export function HealthChecks() {
  const t = useT();
  const own = useOwnT(failoverPanel);
  const hc = useLab((s) => s.scenario.healthCheck);
  const mode = useLab((s) => s.scenario.mode);
  const [on, setOn] = usePending(!!hc);
  const base = useLab((s) => s.base);
  const passive = useLab((s) => s.scenario.passive);
  const configure = useLab((s) => s.configure);
  const report = useLab((s) => s.reportProblem);
  const [drafts, setDrafts] = useState<Partial<Record<Field, string>>>({});
  const current = (f: Field) => (hc ? valueOf(hc, f) : DEFAULTS[f]);
  const fields = FIELDS[mode];

  const apply = (field: Field, text: string) => {
    const n = Number(text);
    if (text.trim() === '' || !Number.isFinite(n) || !RULES[field].ok(n)) {
      report(ownBoth(failoverPanel, RULES[field].invalid, { value: echoText(text, 60) }));
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
        healthCheck: on ? { ...base.healthCheck, ...Object.fromEntries(fields.map((f) => [f, current(f)])) } : undefined,
      }),
    );
    setDrafts({});
  };

  return (
    <fieldset className="health-checks" data-lesson-target="health">
      <legend>{t('failover.hc.heading')}</legend>
      <label className="check">
        <input type="checkbox" checked={on} onChange={(e) => toggle(e.target.checked)} />
        <span>{own('failover.hc.active')}</span>
      </label>
      <p className="hint">{own(mode === 'L4' ? 'failover.hc.keepalived' : 'failover.hc.haproxy')}</p>
      {hc ? (
        <div className="control-row hc-numbers">
          {fields.map((f) => (
            <label key={f}>
              {own(labelOf(f, mode))}
              <input
                type="number"
                min={RULES[f].min}
                max={RULES[f].max}
                step={f === 'intervalMs' || f === 'retryDelayMs' ? 100 : 1}
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
        <p className="hint">{own('failover.hc.off', { maxFails: passive.maxFails, failTimeout: passive.failTimeoutMs / 1000 })}</p>
      )}
      <HealthTable />
    </fieldset>
  );
}
