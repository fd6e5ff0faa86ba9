import { useEffect } from 'react';
import { useLabStore } from '../../store/context.tsx';
import { moveLessonStep } from '../lazy.tsx';

const TEXT_INPUTS = new Set(['text', 'number', 'search', 'email', 'url', 'tel', 'password', 'date', 'time', 'file']);

/**
 * Whether the focused element uses `key` itself: every key while typing in a field; Space on
 * a checkbox, a button or a disclosure; the arrows and Space in a list or a slider. Any other
 * key still drives the playback after a click on a control.
 */
export function ownsKey(el: HTMLElement | null, key: string): boolean {
  if (!el) return false;
  const tag = el.tagName;
  if (tag === 'TEXTAREA' || el.isContentEditable) return true;
  if (tag === 'INPUT') {
    const type = (el as HTMLInputElement).type;
    if (TEXT_INPUTS.has(type)) return true;
    if (type === 'range') return key.startsWith('Arrow') || key.startsWith('Page') || key === 'Home' || key === 'End';
    return key === ' ' || (type === 'radio' && key.startsWith('Arrow'));
  }
  if (tag === 'SELECT') return key === ' ' || key.startsWith('Arrow') || key.startsWith('Page');
  // On a playback button Space still means play/pause (Enter presses the button).
  if (tag === 'BUTTON') return key === ' ' && !el.closest('.playback');
  if (tag === 'SUMMARY' || tag === 'A') return key === ' ';
  return false;
}

/** Keys a teacher can drive from the lectern: Space, ← →, + −, R, PageDown/PageUp. */
export function useKeyboard(): void {
  const store = useLabStore();
  useEffect(() => {
    const { togglePlay, stepForward, stepBack, faster, slower, reset } = store.getState();
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (ownsKey(e.target as HTMLElement | null, e.key)) return;
      const action: Record<string, (() => void) | undefined> = {
        ' ': togglePlay,
        ArrowRight: stepForward,
        ArrowLeft: stepBack,
        '+': faster,
        '=': faster,
        '-': slower,
        _: slower,
        r: reset,
        R: reset,
        // Presentation clickers send PageDown/PageUp: the next lesson step, or one event.
        PageDown: () => {
          if (!moveLessonStep(store, 1) && !store.getState().lesson) stepForward();
        },
        PageUp: () => {
          if (!moveLessonStep(store, -1) && !store.getState().lesson) stepBack();
        },
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
