import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { useLab, useLabStore } from './context.tsx';

interface Gate {
  visible: boolean;
  /** The time the panels show while they are held: where playback was when the hold began. */
  held: number;
}

const TimeGate = createContext<Gate>({ visible: true, held: 0 });

/**
 * Holds the panels inside at their last time while playback runs and they are scrolled out of
 * view, so details nobody sees do not re-render with every commit (eight times a second) and
 * steal frames from the stage. They catch up as soon as they come into view or playback stops.
 */
export function OffscreenHold({ children }: { children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  const store = useLabStore();
  const [gate, setGate] = useState<Gate>({ visible: true, held: 0 });
  useEffect(() => {
    const el = box.current;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    const watch = new IntersectionObserver(([entry]) => {
      if (entry) setGate({ visible: entry.isIntersecting, held: store.getState().time });
    });
    watch.observe(el);
    return () => watch.disconnect();
  }, [store]);
  // Playback starting while out of view: hold at the moment it starts from.
  useEffect(
    () =>
      store.subscribe((s, prev) => {
        if (s.playing && !prev.playing) setGate((g) => (g.visible ? g : { visible: false, held: s.time }));
      }),
    [store],
  );
  return (
    <div ref={box} className="offscreen-hold">
      <TimeGate.Provider value={gate}>{children}</TimeGate.Provider>
    </div>
  );
}

/** The committed playback time, as the panel should show it (see OffscreenHold). */
export function useCommittedTime(): number {
  const gate = useContext(TimeGate);
  return useLab((s) => (gate.visible || !s.playing ? s.time : gate.held));
}
