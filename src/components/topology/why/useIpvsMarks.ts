import { useEffect, useState } from 'react';

type Module = typeof import('./ipvsMarks.tsx');
/** The marks' module once loaded: later stages draw with it at once. */
let loaded: Module | null = null;

/**
 * IPVS's marks on the stage (ipvsMarks.tsx, its glyphs and words), loaded once the page is in
 * L4 (`wanted`), out of the page's first download; null until they have arrived. The first
 * screen has made no pick yet, so the marks are there before the first one is drawn.
 */
export function useIpvsMarks(wanted: boolean): Module['ipvsMarks'] | null {
  const [mod, setMod] = useState<Module | null>(loaded);
  useEffect(() => {
    if (!wanted || mod) return;
    let live = true;
    void import('./ipvsMarks.tsx').then((m) => {
      loaded = m;
      if (live) setMod(m);
    });
    return () => {
      live = false;
    };
  }, [wanted, mod]);
  return mod ? mod.ipvsMarks : null;
}
