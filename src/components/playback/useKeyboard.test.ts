// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { ownsKey, watchFocusSource } from './useKeyboard.ts';
import { jumpTarget, markJumpFrom } from './markJump.ts';

const make = (html: string): HTMLElement => {
  const box = document.createElement('div');
  box.innerHTML = html;
  document.body.append(box);
  return box.firstElementChild as HTMLElement;
};

describe('which keys a focused control keeps for itself', () => {
  it('a text field keeps every key; a checkbox only Space', () => {
    const text = make('<input type="number">');
    for (const k of [' ', 'ArrowRight', '+', 'r', 'PageDown']) expect(ownsKey(text, k)).toBe(true);
    const box = make('<input type="checkbox">');
    expect(ownsKey(box, ' ')).toBe(true);
    for (const k of ['ArrowRight', 'ArrowLeft', '+', '-', 'r', 'PageDown']) expect(ownsKey(box, k)).toBe(false);
  });

  it('a list keeps Space, the arrows and PageUp/PageDown, but not + − or R', () => {
    const select = make('<select><option>a</option></select>');
    for (const k of [' ', 'ArrowDown', 'ArrowRight', 'PageDown']) expect(ownsKey(select, k)).toBe(true);
    for (const k of ['+', '-', 'r']) expect(ownsKey(select, k)).toBe(false);
  });

  it('a button keeps Space, except on the playback bar, where Space plays and pauses', () => {
    const button = make('<button>Fail s1</button>');
    expect(ownsKey(button, ' ')).toBe(true);
    expect(ownsKey(button, 'ArrowRight')).toBe(false);
    const play = make('<div class="playback"><button>Play</button></div>').querySelector('button')!;
    expect(ownsKey(play, ' ')).toBe(false);
  });

  it('a button or disclosure focused by a mouse click gives Space back to the playback', () => {
    const button = make('<button>Classroom mode</button>');
    expect(ownsKey(button, ' ', true)).toBe(false);
    expect(ownsKey(button, ' ', false)).toBe(true);
    const summary = make('<details><summary>Panels</summary></details>').querySelector('summary')!;
    expect(ownsKey(summary, ' ', true)).toBe(false);
    expect(ownsKey(summary, ' ', false)).toBe(true);
    // A list still needs Space to open, however it was focused.
    expect(ownsKey(make('<select><option>en</option></select>'), ' ', true)).toBe(true);
  });

  it('tells focus by a pointer from focus by the keyboard', () => {
    const watch = watchFocusSource(document);
    const a = make('<button>A</button>');
    const b = make('<button>B</button>');
    a.dispatchEvent(new Event('pointerdown', { bubbles: true }));
    a.focus();
    expect(watch.byPointer(a)).toBe(true);
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab' }));
    b.focus();
    expect(watch.byPointer(b)).toBe(false);
    // A click on the button that already has the keyboard's focus makes it the pointer's.
    b.dispatchEvent(new Event('pointerdown', { bubbles: true }));
    expect(watch.byPointer(b)).toBe(true);
    watch.stop();
  });

  it('nothing focused keeps nothing', () => {
    expect(ownsKey(null, ' ')).toBe(false);
    expect(ownsKey(document.body, 'ArrowRight')).toBe(false);
  });
});

describe('jumping between the timeline marks', () => {
  it('lands a second of real time before the mark, and goes on from there', () => {
    expect(jumpTarget(8000, 1)).toBe(7000);
    expect(jumpTarget(8000, 0.05)).toBe(7950);
    expect(jumpTarget(200, 1)).toBe(0);
    const marks = [3000, 8000, 11_000];
    expect(markJumpFrom(marks, 0, 1, 1)).toBe(2000);
    expect(markJumpFrom(marks, 2000, 1, 1)).toBe(7000);
    expect(markJumpFrom(marks, 7000, 1, 1)).toBe(10_000);
    expect(markJumpFrom(marks, 10_000, 1, 1)).toBeNull();
    expect(markJumpFrom(marks, 10_000, 1, -1)).toBe(7000);
    expect(markJumpFrom(marks, 7500, 1, -1)).toBe(7000);
    expect(markJumpFrom(marks, 2000, 1, -1)).toBeNull();
  });
});
