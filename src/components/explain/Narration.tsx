import { useMemo } from 'react';
import { useLab, useT } from '../../store/context.tsx';
import { currentLine, systemOf } from './narration.ts';
import './narration.css';

/**
 * The current moment in words, under the stage, large enough for the back of a classroom: the
 * event log's sentence for the main event at the committed time (a failure or a takeover before
 * a packet's step or the balancers' routine), or how to start before anything happened.
 * A region named "Narration" ("해설").
 * Read out politely while paused (each step), silent while playing, like the log.
 */
export function Narration() {
  const t = useT();
  const lang = useLab((s) => s.lang);
  const trace = useLab((s) => s.trace);
  const scenario = useLab((s) => s.scenario);
  const time = useLab((s) => s.time);
  const playing = useLab((s) => s.playing);
  const system = useMemo(() => systemOf(scenario), [scenario]);
  const line = useMemo(() => currentLine(trace, scenario, time, lang, system), [trace, scenario, time, lang, system]);

  return (
    <div className="narration" role="region" aria-label={t('narration.label')} aria-live={playing ? 'off' : 'polite'} aria-atomic="true">
      {line ? (
        <>
          <span className="narration-time mono">{line.time}</span> {line.request === null && <span aria-hidden="true">⚙ </span>}
          <span className="narration-text">{line.text}</span>
        </>
      ) : (
        <>
          <span className="narration-start narration-keys">{t('narration.start')}</span>
          <span className="narration-start narration-touch">{t('narration.startTouch')}</span>
        </>
      )}
    </div>
  );
}
