import { memo, useMemo } from 'react';
import { useLab, useT } from '../../store/context.tsx';
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

/**
 * Marks on the timeline: over it, the failures, restores and VIP moves (each with its sentence
 * as a tooltip); under it, a tick where requests start. Hidden from screen readers: the slider
 * itself tells the time, and the log tells what happened. Re-renders only with a new run.
 */
export const TimelineMarks = memo(function TimelineMarks() {
  const t = useT();
  const lang = useLab((s) => s.lang);
  const trace = useLab((s) => s.trace);
  const scenario = useLab((s) => s.scenario);
  const system = useMemo(() => systemOf(scenario), [scenario]);
  const marks = useMemo(() => timelineMarks(trace, scenario.events), [trace, scenario.events]);
  const ticks = useMemo(() => ticksPath(marks.ticks, marks.most, TICKS_W, TICKS_H), [marks]);

  const title = (m: EventMark) => {
    const text = m.kind === 'failover' ? narrateVrrp(m.vrrp, system, lang) : narrateFailEvent(m.event, lang);
    return `${timeText(m.at, lang)} — ${text ?? ''}`;
  };

  return (
    <>
      <div className="timeline-marks" aria-hidden="true" style={{ '--lanes': marks.lanes } as React.CSSProperties}>
        {marks.marks.map((m, i) => (
          <span
            key={i}
            className={`timeline-mark mark-${m.kind}`}
            data-kind={m.kind}
            title={title(m)}
            style={{ left: `${m.x * 100}%`, '--lane': m.lane } as React.CSSProperties}
          >
            <svg viewBox="0 0 24 24" width="1em" height="1em" focusable="false">
              <path d={SHAPES[m.kind].d} />
            </svg>
          </span>
        ))}
      </div>
      <svg className="timeline-ticks" viewBox={`0 0 ${TICKS_W} ${TICKS_H}`} preserveAspectRatio="none" aria-hidden="true" focusable="false">
        <title>{t('timeline.requests', { count: trace.records.length })}</title>
        <path d={ticks} vectorEffect="non-scaling-stroke" />
      </svg>
    </>
  );
});
