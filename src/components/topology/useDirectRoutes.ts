import { useEffect, useMemo, useState } from 'react';
import type { DirectRoutes } from './directWay.ts';
import type { Layout } from './layout.ts';

type Module = typeof import('./directPaths.ts');
/** The part that works the route out, once loaded: later pictures get their route at once. */
let loaded: Module | null = null;

/**
 * The direct answers' route on this picture when `wanted` (direct routing, IP tunnelling), else
 * null. Working it out (directPaths.ts) is loaded on first use, out of the page's first
 * download; from then on each new picture (a resize, a legend that grew) gets its route in the
 * same render, so answers never travel without one.
 */
export function useDirectRoutes(wanted: boolean, layout: Layout): DirectRoutes | null {
  const [mod, setMod] = useState<Module | null>(loaded);
  useEffect(() => {
    if (!wanted || mod) return;
    let live = true;
    void import('./directPaths.ts').then((m) => {
      loaded = m;
      if (live) setMod(m);
    });
    return () => {
      live = false;
    };
  }, [wanted, mod]);
  return useMemo(() => (wanted && mod ? mod.directRoutes(layout) : null), [wanted, mod, layout]);
}
