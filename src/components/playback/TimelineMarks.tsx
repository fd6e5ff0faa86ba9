import { memo, useMemo, useRef, useState } from 'react';
import { useLab, useLabStore, useT } from '../../store/context.tsx';
import { jumpTarget } from './markJump.ts';
import { ticksPath, timelineMarks, type EventMark, type MarkKind } from '../../trace/marks.ts';
import { narrateFailEvent, narrateVrrp } from '../failures/narrateFailures.ts';
import { timeText } from '../explain/narrate.ts';
import { systemOf } from '../explain/narration.ts';

/** ✕ a failure, ✓ a restore, ▲ the VIP moving: told apart by shape as well as colour. */
const SHAPES: Record<MarkKind, { d: string; fill: boolean }> = {
  fail: { d: 'M5 5L19 19M19 5L5 19', fill: false },
  restore: { d: 'M4 13l5 5L20 6', fill: false },
  failover: { d: 'M12 3L22 20H2z', fill: true },
};

/** The ticks' drawing box; the SVG stretches it to the track (strokes keep their width). */
const TICKS_W = 1000;
const TICKS_H = 10;

/** Keys that move between the marks (one of them is in the Tab order: a roving tabindex). */
const MOVES: Record<string, (i: number, n: number) => number> = {
  ArrowRight: (i, n) => Math.min(n - 1, i + 1),
  ArrowDown: (i, n) => Math.min(n - 1, i + 1),
  ArrowLeft: (i) => Math.max(0, i - 1),
  ArrowUp: (i) => Math.max(0, i - 1),
  Home: () => 0,
  End: (_, n) => n - 1,
};

/**
 * Marks on the timeline: over it, the failures, restores and VIP moves, each a button that
 * jumps playback to just before it (named with its sentence; one Tab stop, the arrows move
 * between them); under it, a tick where requests start, hidden from screen readers (the
 * slider tells the time). Re-renders only with a new run, a new language or a move of focus.
 */
export const TimelineMarks = memo(function TimelineMarks() {
  const t = useT();
  const lang = useLab((s) => s.lang);
  const trace = useLab((s) => s.trace);
  const scenario = useLab((s) => s.scenario);
  const system = useMemo(() => systemOf(scenario), [scenario]);
  const marks = useMemo(() => timelineMarks(trace, scenario.events), [trace, scenario.events]);
  const ticks = useMemo(() => ticksPath(marks.ticks, marks.most, TICKS_W, TICKS_H), [marks]);
  const store = useLabStore();
  const [current, setCurrent] = useState(0);
  const box = useRef<HTMLDivElement>(null);
  const n = marks.marks.length;
  const tabStop = Math.min(current, n - 1);

  const jump = (at: number) => {
    const { seek, speed } = store.getState();
    seek(jumpTarget(at, speed));
  };
  const onKeyDown = (e: React.KeyboardEvent, i: number) => {
    const move = MOVES[e.key];
    if (!move) return;
    // The arrows step the playback elsewhere; here they move between the marks.
    e.preventDefault();
    e.stopPropagation();
    const next = move(i, n);
    setCurrent(next);
    box.current?.querySelectorAll<HTMLButtonElement>('.timeline-mark')[next]?.focus();
  };

  const sentence = (m: EventMark) => (m.kind === 'failover' ? narrateVrrp(m.vrrp, system, lang) : narrateFailEvent(m.event, lang)) ?? '';
  const title = (m: EventMark) => `${timeText(m.at, lang)} — ${sentence(m)}`;
  const name = (m: EventMark) => t('timeline.jump', { what: sentence(m), time: timeText(m.at, lang) });

  return (
    <>
      <div
        ref={box}
        className="timeline-marks"
        role={n ? 'group' : undefined}
        aria-label={n ? t('timeline.marks') : undefined}
        style={{ '--lanes': marks.lanes } as React.CSSProperties}
      >
        {marks.marks.map((m, i) => (
          <button
            type="button"
            key={i}
            className={`timeline-mark mark-${m.kind}`}
            data-kind={m.kind}
            data-at={m.at}
            title={title(m)}
            aria-label={name(m)}
            tabIndex={i === tabStop ? 0 : -1}
            onClick={() => {
              setCurrent(i);
              jump(m.at);
            }}
            onKeyDown={(e) => onKeyDown(e, i)}
            style={{ left: `${m.x * 100}%`, '--lane': m.lane } as React.CSSProperties}
          >
            <svg viewBox="0 0 24 24" width="1em" height="1em" aria-hidden="true" focusable="false">
              <path d={SHAPES[m.kind].d} />
            </svg>
          </button>
        ))}
      </div>
      <svg className="timeline-ticks" viewBox={`0 0 ${TICKS_W} ${TICKS_H}`} preserveAspectRatio="none" aria-hidden="true" focusable="false">
        <title>{t('timeline.requests', { count: trace.records.length })}</title>
        <path d={ticks} vectorEffect="non-scaling-stroke" />
      </svg>
    </>
  );
});
