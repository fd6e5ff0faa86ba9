import { useEffect, useRef } from 'react';
import type { Lang } from '../../../i18n/index.ts';
import { translate } from '../../../i18n/index.ts';
import type { PlaybackClock } from '../../../store/clock.ts';
import type { Rect } from './place.ts';
import { fractionLeft, secondsLeft, type Countdown } from './countdown.ts';

/** In screen px at type scale 1 (the glyph grows by layout.type). */
export const RING_SIZE = { w: 72, h: 72 };
const R = 28;
const CIRCUMFERENCE = 2 * Math.PI * R;

interface Props {
  countdown: Countdown;
  clock: PlaybackClock;
  place: Rect;
  k: number;
  lang: Lang;
  /** Committed time: the accessible name and the still picture under reduced motion. */
  time: number;
  reducedMotion: boolean;
}

/**
 * The backup's master-down timer as a ring that empties toward the takeover, the seconds left
 * written inside. It follows the playback clock every frame by attribute (no React render);
 * under reduced motion it stands still at the committed time.
 */
export function CountdownRing({ countdown, clock, place, k, lang, time, reducedMotion }: Props) {
  const arc = useRef<SVGCircleElement>(null);
  const label = useRef<SVGTextElement>(null);
  const ring = useRef<SVGGElement>(null);

  useEffect(() => {
    const draw = (t: number) => {
      const a = arc.current,
        l = label.current,
        g = ring.current;
      if (!a || !l || !g) return;
      const over = t >= countdown.end;
      g.style.visibility = over ? 'hidden' : '';
      a.setAttribute('stroke-dashoffset', (CIRCUMFERENCE * (1 - fractionLeft(countdown, t))).toFixed(1));
      const text = translate(lang, 'cw.seconds', { s: secondsLeft(countdown, t, lang) });
      if (l.textContent !== text) l.textContent = text;
    };
    draw(reducedMotion ? time : clock.time);
    if (reducedMotion) return;
    return clock.subscribe(draw);
  }, [countdown, clock, lang, time, reducedMotion]);

  const name = translate(lang, countdown.reason === 'preempt' ? 'cw.ringPreempt' : 'cw.ring', {
    lb: countdown.balancer,
    s: secondsLeft(countdown, time, lang),
  });
  return (
    <g
      ref={ring}
      className="cw-ring"
      role="img"
      aria-label={name}
      data-balancer={countdown.balancer}
      transform={`translate(${place.x.toFixed(1)},${place.y.toFixed(1)}) scale(${k})`}
    >
      <circle className="cw-ring-plate" cx={RING_SIZE.w / 2} cy={RING_SIZE.h / 2} r={R + 7} />
      <circle className="cw-ring-track" cx={RING_SIZE.w / 2} cy={RING_SIZE.h / 2} r={R} />
      {/* Starts at twelve o'clock and empties clockwise, as a kitchen timer does. */}
      <circle
        ref={arc}
        className="cw-ring-arc"
        cx={RING_SIZE.w / 2}
        cy={RING_SIZE.h / 2}
        r={R}
        strokeDasharray={CIRCUMFERENCE.toFixed(1)}
        transform={`rotate(-90 ${RING_SIZE.w / 2} ${RING_SIZE.h / 2})`}
      />
      <text ref={label} className="cw-ring-text" x={RING_SIZE.w / 2} y={RING_SIZE.h / 2 + 5.5} textAnchor="middle" />
    </g>
  );
}
