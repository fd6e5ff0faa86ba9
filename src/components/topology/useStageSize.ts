import { useLayoutEffect, useState, type RefObject } from 'react';
import { DEFAULT_SIZE, TALL_BELOW_PX, type Orientation, type Size } from './layout.ts';

/** From this window width the stage has a height of its own (styles.css's page grid says the same). */
export const FILLS = '(min-width: 901px)';

export interface StageSize {
  orientation: Orientation;
  /** The drawing's size in CSS px: the picture is drawn at it, one unit a pixel. */
  size: Size;
  /** Px at the bottom of the picture that the legend, laid over it, takes (nodes keep out). */
  reserve: number;
}

/**
 * A single column (tablet, phone) gives the drawing a width only: a wide picture takes a
 * height from it (no taller than most of the window), a tall one as much as its rows need.
 */
function measure(el: HTMLElement | null, key: HTMLElement | null): StageSize {
  const box = el?.getBoundingClientRect();
  if (!el || !box || box.width <= 0) return { orientation: 'wide', size: DEFAULT_SIZE, reserve: 0 };
  // Inside its frame (the border), where the SVG is drawn.
  const r = { width: box.width - 2 * el.clientLeft, height: box.height - 2 * el.clientTop };
  const fills = window.matchMedia(FILLS).matches;
  if (fills && r.height > 0) {
    const reserve = key && getComputedStyle(key).position === 'absolute' ? Math.ceil(key.getBoundingClientRect().height) : 0;
    return { orientation: 'wide', size: { width: r.width, height: r.height }, reserve };
  }
  if (r.width < TALL_BELOW_PX) return { orientation: 'tall', size: { width: r.width, height: 0 }, reserve: 0 };
  const height = Math.round(Math.min(r.width * 0.72, Math.max(320, window.innerHeight * 0.55)));
  return { orientation: 'wide', size: { width: r.width, height }, reserve: 0 };
}

const same = (a: StageSize, b: StageSize) =>
  a.orientation === b.orientation &&
  a.size.width === b.size.width &&
  a.reserve === b.reserve &&
  (a.orientation === 'tall' || a.size.height === b.size.height);

/**
 * The drawing area's size and the picture that reads best in it, following the window (a
 * ResizeObserver on the area and on the legend, `key`, which a large stage lays over the
 * picture's bottom edge). Measured before the first paint; until then (and in jsdom) a
 * default size.
 */
export function useStageSize(box: RefObject<HTMLElement | null>, key: RefObject<HTMLElement | null>): StageSize {
  const [stage, setStage] = useState<StageSize>(() => ({
    orientation: typeof window !== 'undefined' && window.innerWidth < TALL_BELOW_PX ? 'tall' : 'wide',
    size: DEFAULT_SIZE,
    reserve: 0,
  }));
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const update = () => {
      const next = measure(el, key.current);
      setStage((last) => (same(last, next) ? last : next));
    };
    update();
    if (typeof ResizeObserver === 'undefined') return;
    const watch = new ResizeObserver(update);
    watch.observe(el);
    if (key.current) watch.observe(key.current);
    return () => watch.disconnect();
  }, [box, key]);
  return stage;
}
