// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { ownsKey } from './useKeyboard.ts';

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

  it('nothing focused keeps nothing', () => {
    expect(ownsKey(null, ' ')).toBe(false);
    expect(ownsKey(document.body, 'ArrowRight')).toBe(false);
  });
});
