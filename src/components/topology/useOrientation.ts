import { useEffect, useState, type RefObject } from 'react';
import { TALL_BELOW_PX, type Orientation } from './layout.ts';

/** The picture that reads best in the stage's present width (it follows the window). */
export function useOrientation(box: RefObject<HTMLElement | null>): Orientation {
  const [orientation, setOrientation] = useState<Orientation>(() =>
    typeof window !== 'undefined' && window.innerWidth < TALL_BELOW_PX ? 'tall' : 'wide',
  );
  useEffect(() => {
    const el = box.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const watch = new ResizeObserver(([entry]) => {
      if (entry) setOrientation(entry.contentRect.width < TALL_BELOW_PX ? 'tall' : 'wide');
    });
    watch.observe(el);
    return () => watch.disconnect();
  }, [box]);
  return orientation;
}
