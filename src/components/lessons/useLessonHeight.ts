import { type RefObject, useEffect } from 'react';

/**
 * Keeps `--lesson-height` on the page at the lesson panel's height while it is open, so the
 * page can make room for it: bottom padding under a sheet, and a scroll margin that keeps what
 * a step outlines clear of it.
 */
export function useLessonHeight(panel: RefObject<HTMLElement | null>, open: boolean): void {
  useEffect(() => {
    const el = panel.current;
    if (!open || !el || typeof ResizeObserver === 'undefined') return undefined;
    const root = document.documentElement;
    const measure = () => root.style.setProperty('--lesson-height', `${Math.ceil(el.getBoundingClientRect().height)}px`);
    const watch = new ResizeObserver(measure);
    watch.observe(el);
    measure();
    return () => {
      watch.disconnect();
      root.style.removeProperty('--lesson-height');
    };
  }, [panel, open]);
}
