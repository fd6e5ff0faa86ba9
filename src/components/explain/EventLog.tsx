import { useMemo } from 'react';
import { useLab, useT } from '../../store/context.tsx';
import { useCommittedTime } from '../../store/offscreen.tsx';
import { LOG_CAP, logLines } from './logLines.ts';
import { systemOf } from './narration.ts';
import './explain.css';

/**
 * What happened, in words, up to the committed time: one line per moment (DNS, a packet at a
 * node) and per configuration event, the latest at the bottom. Each line is a button that
 * selects its request and jumps to that moment. The log is one tab stop (the current line):
 * the up and down arrows, Home and End move between lines. Silent for screen readers while
 * playing.
 */
export function EventLog() {
  const t = useT();
  const lang = useLab((s) => s.lang);
  const trace = useLab((s) => s.trace);
  const events = useLab((s) => s.scenario.events);
  const time = useCommittedTime();
  const selected = useLab((s) => s.selected);
  const select = useLab((s) => s.select);
  const seek = useLab((s) => s.seek);
  const scenario = useLab((s) => s.scenario);
  const system = useMemo(() => systemOf(scenario), [scenario]);
  const lines = useMemo(() => logLines(trace, events, time, lang, LOG_CAP, system), [trace, events, time, lang, system]);
  const current = lines.findIndex((l) => l.current);
  const stop = current >= 0 ? current : lines.length - 1;
  const move = (e: React.KeyboardEvent<HTMLOListElement>) => {
    const buttons = [...e.currentTarget.querySelectorAll<HTMLButtonElement>('button')];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const to =
      e.key === 'ArrowDown' ? at + 1 : e.key === 'ArrowUp' ? at - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? buttons.length - 1 : null;
    if (to === null || at < 0) return;
    e.preventDefault();
    buttons[Math.max(0, Math.min(buttons.length - 1, to))]?.focus();
  };

  return (
    <section className="panel explain-panel log-panel" aria-label={t('log.title')} data-lesson-target="event-log">
      <h2 id="event-log-title">{t('log.title')}</h2>
      <div className="log-box" role="log" aria-live="off" aria-labelledby="event-log-title">
        {lines.length === 0 ? (
          <p className="why-empty">{t('log.empty')}</p>
        ) : (
          <ol className="log-lines" onKeyDown={move}>
            {lines.map((l, i) => (
              <li
                key={l.key}
                className={
                  [l.request === null ? 'log-event' : '', l.request !== null && l.request === selected ? 'log-selected' : '']
                    .join(' ')
                    .trim() || undefined
                }
              >
                <button
                  type="button"
                  aria-current={l.current ? 'step' : undefined}
                  tabIndex={i === stop ? 0 : -1}
                  onClick={() => {
                    if (l.request !== null) select(l.request);
                    seek(l.at);
                  }}
                >
                  <span className="log-time mono">{l.time}</span>
                  {l.request === null && <span aria-hidden="true">⚙ </span>}
                  <span className="log-text">{l.text}</span>
                </button>
              </li>
            ))}
          </ol>
        )}
      </div>
    </section>
  );
}
