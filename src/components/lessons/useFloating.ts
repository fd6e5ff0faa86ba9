import { type RefObject, useEffect, useState } from 'react';

/** Beside the stage (the wide layout), where the lesson heads the "now" column. */
export const WIDE = '(min-width: 901px)';

/**
 * Beside the stage the lesson sits at the top of the "now" column, which scrolls away with the
 * first screen. When a step (or the student) takes the page down to the details, the lesson
 * floats at the foot of the window instead, so its words and buttons stay in view.
 */
export function useFloating(panel: RefObject<HTMLElement | null>, open: boolean): boolean {
  const [floating, setFloating] = useState(false);
  useEffect(() => {
    const column = panel.current?.parentElement;
    if (!open || !column) return undefined;
    const wide = window.matchMedia(WIDE);
    let frame = 0;
    const check = () => {
      frame = 0;
      // Floating once less than a few lines of the column are left on screen.
      setFloating(wide.matches && column.getBoundingClientRect().bottom < 160);
    };
    const soon = () => {
      if (!frame) frame = requestAnimationFrame(check);
    };
    check();
    window.addEventListener('scroll', soon, { passive: true });
    window.addEventListener('resize', soon);
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('scroll', soon);
      window.removeEventListener('resize', soon);
    };
  }, [panel, open]);
  return floating;
}
