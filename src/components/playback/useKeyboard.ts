import { useEffect } from 'react';
import { useLabStore } from '../../store/context.tsx';
import { moveLessonStep } from '../lazy.tsx';
import { jumpToMark } from './markJump.ts';

const TEXT_INPUTS = new Set(['text', 'number', 'search', 'email', 'url', 'tel', 'password', 'date', 'time', 'file']);

/**
 * Whether the focused element uses `key` itself: every key while typing in a field; Space on
 * a checkbox, a button or a disclosure; the arrows and Space in a list or a slider. Any other
 * key still drives the playback after a click on a control. A button or disclosure focused by
 * a mouse click or a tap (`byPointer`) gives Space back to the playback: the teacher clicked
 * Classroom mode and now wants to play, not to switch it off again; one reached with Tab keeps it.
 */
export function ownsKey(el: HTMLElement | null, key: string, byPointer = false): boolean {
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
  if (tag === 'BUTTON') return key === ' ' && !byPointer && !el.closest('.playback');
  if (tag === 'SUMMARY') return key === ' ' && !byPointer;
  if (tag === 'A') return key === ' ';
  return false;
}

/**
 * Tells whether the focused element got its focus from a pointer (a mouse click, a tap) rather
 * than the keyboard: a pointer press marks what it focuses (or the focused element it lands
 * in), a key press marks what it focuses next as the keyboard's. Returns the question and a
 * function to stop watching.
 */
export function watchFocusSource(doc: Document): { byPointer(el: Element | null): boolean; stop(): void } {
  let pointing = false;
  let pointerFocused: Element | null = null;
  const onPointer = (e: Event) => {
    pointing = true;
    const active = doc.activeElement;
    if (active && e.target instanceof Node && active.contains(e.target)) pointerFocused = active;
  };
  const onKey = () => {
    pointing = false;
  };
  const onFocus = (e: FocusEvent) => {
    pointerFocused = pointing ? (e.target as Element) : null;
  };
  doc.addEventListener('pointerdown', onPointer, true);
  doc.addEventListener('keydown', onKey, true);
  doc.addEventListener('focusin', onFocus, true);
  return {
    byPointer: (el) => el !== null && el === pointerFocused,
    stop: () => {
      doc.removeEventListener('pointerdown', onPointer, true);
      doc.removeEventListener('keydown', onKey, true);
      doc.removeEventListener('focusin', onFocus, true);
    },
  };
}

/** Keys a teacher can drive from the lectern: Space, ← →, + −, R, [ ] (the timeline's marks), PageDown/PageUp. */
export function useKeyboard(): void {
  const store = useLabStore();
  useEffect(() => {
    const { togglePlay, stepForward, stepBack, faster, slower, reset } = store.getState();
    const focus = watchFocusSource(document);
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const target = e.target as HTMLElement | null;
      if (ownsKey(target, e.key, focus.byPointer(target))) return;
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
        // To the previous or next failure, restore or failover marked on the timeline.
        '[': () => jumpToMark(store, -1),
        ']': () => jumpToMark(store, 1),
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
    return () => {
      window.removeEventListener('keydown', onKey);
      focus.stop();
    };
  }, [store]);
}
