import { useEffect } from 'react';
import { useLabStore } from '../../store/context.tsx';
import { LESSONS } from '../../lessons/index.ts';
import { moveStep } from '../../lessons/run.ts';

/** Keys a teacher can drive from the lectern: Space, ← →, + −, R. Typing in a field is left alone. */
export function useKeyboard(): void {
  const store = useLabStore();
  useEffect(() => {
    const { togglePlay, stepForward, stepBack, faster, slower, reset } = store.getState();
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const el = e.target as HTMLElement | null;
      const tag = el?.tagName;
      const typing = tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA' || el?.isContentEditable;
      if (typing) return;
      const action: Record<string, (() => void) | undefined> = {
        // On a playback button Space still means play/pause (Enter presses the button);
        // on any other button it keeps its usual meaning.
        ' ': tag === 'BUTTON' && !el?.closest('.playback') ? undefined : togglePlay,
        ArrowRight: stepForward,
        ArrowLeft: stepBack,
        '+': faster,
        '=': faster,
        '-': slower,
        _: slower,
        r: reset,
        R: reset,
        // Presentation clickers send PageDown/PageUp: the next lesson step, or one event.
        PageDown: () => { if (!moveStep(store, 1, LESSONS) && !store.getState().lesson) stepForward(); },
        PageUp: () => { if (!moveStep(store, -1, LESSONS) && !store.getState().lesson) stepBack(); },
      };
      const fn = action[e.key];
      if (!fn) return;
      e.preventDefault();
      fn();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);
}
