import { useEffect, useRef } from 'react';
import { SPEEDS } from '../../store/labCore.ts';
import { Icon } from './Icon.tsx';
import { TimelineMarks } from './TimelineMarks.tsx';
import { useLab, useLabStore, useT } from '../../store/context.tsx';
import './playback.css';

// One formatter: toLocaleString builds a new one at every call, and the clock is written every frame.
const CLOCK = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const fmt = (ms: number) => CLOCK.format(ms);

/** Where the bar docks at the bottom of the screen (playback.css says the same). */
const DOCKED = '(max-width: 640px)';

/**
 * Play, pause, step, reset, speed and the clock on one row; the timeline, with its marks, full
 * width on the next, so it is wide enough to scrub. The time shown moves every frame through
 * refs fed by the clock, not through React state. On a phone the bar docks at the bottom of
 * the screen and publishes its height as `--playback-dock` on the root, for the page to leave
 * room for it.
 */
export function PlaybackBar() {
  const t = useT();
  const clock = useLab((st) => st.clock);
  const time = useLab((st) => st.time);
  const playing = useLab((st) => st.playing);
  const speed = useLab((st) => st.speed);
  const end = useLab((st) => st.trace.end);
  // The actions never change: read once, without subscribing to every commit.
  const { stepBack, togglePlay, stepForward, reset, setSpeed, seek } = useLabStore().getState();
  const bar = useRef<HTMLDivElement>(null);
  const range = useRef<HTMLInputElement>(null);
  const readout = useRef<HTMLOutputElement>(null);

  useEffect(() => {
    // The thumb moves only when it would move by a thousandth of the track (about a pixel):
    // writing a range input's value restyles it, and a frame at a time that cost was most of
    // the page's own per-frame work in a profile.
    let shown = -1;
    let wrote = -Infinity;
    const show = (at: number) => {
      const frac = end > 0 ? at / end : 0;
      if (range.current && (Math.abs(frac - shown) >= 0.001 || at >= end || at <= 0)) {
        shown = frac;
        range.current.value = String(at);
        range.current.style.setProperty('--at', String(frac));
      }
      // The readout changes at most ten times a second while playing (nobody reads faster, and
      // new text each frame costs the whole page a layout); a seek or a pause shows the exact time.
      const now = performance.now();
      if (readout.current && (!clock.playing || now - wrote >= 100 || at >= end)) {
        wrote = now;
        const text = t('playback.time', { time: fmt(at) });
        if (readout.current.textContent !== text) readout.current.textContent = text;
      }
    };
    show(clock.time);
    // The clock tells every change of its time (frames, seeks), so this subscribes once per
    // language and run length, not at every commit.
    return clock.subscribe(show);
  }, [clock, t, end]);

  // Paused (the clock tells no frame then): the readout shows the exact time it stopped at.
  useEffect(() => {
    if (!playing && readout.current) readout.current.textContent = t('playback.time', { time: fmt(time) });
  }, [playing, time, t]);

  useEffect(() => {
    const el = bar.current;
    if (!el) return;
    const root = document.documentElement.style;
    const publish = () => {
      if (getComputedStyle(el).position === 'fixed')
        root.setProperty('--playback-dock', `${Math.ceil(el.getBoundingClientRect().height)}px`);
      else root.removeProperty('--playback-dock');
    };
    const watch = new ResizeObserver(publish);
    watch.observe(el);
    const docked = window.matchMedia(DOCKED);
    docked.addEventListener('change', publish);
    publish();
    return () => {
      watch.disconnect();
      docked.removeEventListener('change', publish);
      root.removeProperty('--playback-dock');
    };
  }, []);

  return (
    <div ref={bar} className="playback" role="group" aria-label={t('playback.label')} data-lesson-target="playback">
      <div className="playback-row">
        <div className="playback-buttons">
          <button type="button" onClick={stepBack} aria-label={t('playback.stepBack')} title={t('playback.stepBack')}>
            <Icon name="stepBack" />
          </button>
          <button type="button" className="play" onClick={togglePlay} aria-label={playing ? t('playback.pause') : t('playback.play')}>
            <Icon name={playing ? 'pause' : 'play'} />{' '}
            <span className="button-text">{playing ? t('playback.pause') : t('playback.play')}</span>
          </button>
          <button type="button" onClick={stepForward} aria-label={t('playback.stepForward')} title={t('playback.stepForward')}>
            <Icon name="stepForward" />
          </button>
          <button type="button" onClick={reset} aria-label={t('playback.reset')} title={t('playback.reset')}>
            <Icon name="reset" />
          </button>
        </div>
        <label className="speed">
          <span className="speed-label">{t('playback.speed')}</span>
          {/* "0.05×" keeps the row to one line up to classroom type at 1280 px; the title says "of real time". */}
          <select value={speed} title={t('playback.speedOption', { speed })} onChange={(e) => setSpeed(Number(e.target.value))}>
            {SPEEDS.map((v) => (
              <option key={v} value={v}>
                {t('timeline.speedShort', { speed: v })}
              </option>
            ))}
          </select>
        </label>
        <output ref={readout} className="clock-readout" aria-live="off" />
      </div>
      <div className="timeline-track">
        <TimelineMarks />
        <input
          ref={range}
          className="timeline"
          type="range"
          min={0}
          max={end}
          step="any"
          defaultValue={time}
          aria-label={t('playback.timeline')}
          aria-valuetext={t('playback.time', { time: fmt(time) })}
          onChange={(e) => seek(Number(e.target.value))}
        />
      </div>
      <p className="keys-hint">{t('playback.keys')}</p>
    </div>
  );
}
