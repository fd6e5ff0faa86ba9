import { type RefObject, useLayoutEffect, useState } from 'react';
import type { LessonStep } from '../../lessons/types.ts';
import { placeFor } from './targets.ts';
import { WIDE } from './useFloating.ts';

/** What a step about the column's tab leaves that tab at least (its heading and first lines), in rem. */
const TAB_ROOM_REM = 7;

/**
 * Beside the stage, whether the step's words fold (all but the first sentence into "More"): only
 * when the card, question and choices included, would not fit in the "now" column with room left
 * for the tab the step is about. Measured again as the card or the column change size (a quiz's
 * feedback, a language, classroom mode); a new step starts unfolded.
 */
export function useFold(panel: RefObject<HTMLElement | null>, step: LessonStep | undefined, open: boolean): boolean {
  const [fold, setFold] = useState<{ step: LessonStep | undefined; on: boolean }>({ step, on: false });
  const on = fold.step === step && fold.on;
  useLayoutEffect(() => {
    const card = panel.current;
    const column = card?.parentElement;
    if (!open || !card || !column || !step || on) return undefined;
    const measure = () => {
      if (!window.matchMedia(WIDE).matches) return;
      const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
      const tabs = column.querySelector('.now-tablist');
      const reserve = (tabs?.getBoundingClientRect().height ?? 0) + (placeFor(step.highlight) ? TAB_ROOM_REM * rem : 0);
      // The card's own height, as tall as its words (no scroller of its own beside the stage).
      const need = card.scrollHeight;
      if (need > column.clientHeight - reserve) setFold({ step, on: true });
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return undefined;
    const watch = new ResizeObserver(measure);
    watch.observe(card);
    watch.observe(column);
    return () => watch.disconnect();
  }, [panel, step, open, on]);
  return on;
}

/** A step's words as their first sentence and the rest ('' when it is one sentence). */
export function splitLead(text: string): [string, string] {
  const end = /[.!?:](?=\s)/g;
  for (let m = end.exec(text); m; m = end.exec(text)) {
    // Not after a word too short to end a sentence ("e.g", "s1" in a list).
    if (m.index < 30) continue;
    return [text.slice(0, m.index + 1), text.slice(m.index + 1).trim()];
  }
  return [text, ''];
}
