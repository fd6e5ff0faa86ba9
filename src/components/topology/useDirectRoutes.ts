import { useEffect, useState } from 'react';
import type { DirectRoutes } from './directWay.ts';
import type { Layout } from './layout.ts';

/**
 * The direct answers' route on this picture when `wanted` (direct routing, IP tunnelling), else
 * null. Working it out (directPaths.ts) is loaded on first use, out of the page's first
 * download; until it lands, a moment after the mode is chosen, there is no route to draw.
 */
export function useDirectRoutes(wanted: boolean, layout: Layout): DirectRoutes | null {
  const [made, setMade] = useState<{ layout: Layout; routes: DirectRoutes | null } | null>(null);
  useEffect(() => {
    if (!wanted) return;
    let live = true;
    void import('./directPaths.ts').then((m) => {
      if (live) setMade({ layout, routes: m.directRoutes(layout) });
    });
    return () => {
      live = false;
    };
  }, [wanted, layout]);
  return wanted && made?.layout === layout ? made.routes : null;
}
