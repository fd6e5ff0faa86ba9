import { useEffect, useRef } from 'react';
import { SPEEDS } from '../../store/labStore.ts';
import { Icon } from './Icon.tsx';
import { useLab, useT } from '../../store/context.tsx';

const fmt = (ms: number) => ms.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** Play, pause, step, reset, speed and a scrubbable timeline. The time shown moves every frame
 *  through refs fed by the clock, not through React state. */
export function PlaybackBar() {
  const t = useT();
  const s = useLab((st) => st);
  const range = useRef<HTMLInputElement>(null);
  const readout = useRef<HTMLOutputElement>(null);

  useEffect(() => {
    const show = (time: number) => {
      if (range.current) range.current.value = String(time);
      if (readout.current) readout.current.textContent = t('playback.time', { time: fmt(time) });
    };
    show(s.clock.time);
    return s.clock.subscribe(show);
  }, [s.clock, t, s.time]);

  return (
    <div className="playback" role="group" aria-label={t('playback.label')}>
      <div className="playback-buttons">
        <button type="button" onClick={s.stepBack} aria-label={t('playback.stepBack')} title={t('playback.stepBack')}><Icon name="stepBack" /></button>
        <button type="button" className="play" onClick={s.togglePlay} aria-label={s.playing ? t('playback.pause') : t('playback.play')}>
          <Icon name={s.playing ? 'pause' : 'play'} /> <span className="button-text">{s.playing ? t('playback.pause') : t('playback.play')}</span>
        </button>
        <button type="button" onClick={s.stepForward} aria-label={t('playback.stepForward')} title={t('playback.stepForward')}><Icon name="stepForward" /></button>
        <button type="button" onClick={s.reset} aria-label={t('playback.reset')} title={t('playback.reset')}><Icon name="reset" /></button>
        <label className="speed">
          {t('playback.speed')}
          <select value={s.speed} onChange={(e) => s.setSpeed(Number(e.target.value))}>
            {SPEEDS.map((v) => <option key={v} value={v}>{t('playback.speedOption', { speed: v })}</option>)}
          </select>
        </label>
      </div>
      <input
        ref={range}
        className="timeline"
        type="range"
        min={0}
        max={s.trace.end}
        step="any"
        defaultValue={s.time}
        aria-label={t('playback.timeline')}
        aria-valuetext={t('playback.time', { time: fmt(s.time) })}
        onChange={(e) => s.seek(Number(e.target.value))}
      />
      <output ref={readout} className="clock-readout" aria-live="off" />
      <p className="keys-hint">{t('playback.keys')}</p>
    </div>
  );
}
