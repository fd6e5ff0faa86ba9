import { describe, expect, it } from 'vitest';
import { LRI, isolate, PDI, visibleLines } from './userText.ts';

describe('scenario strings among the page words', () => {
  it('leaves plain paths, Korean and values alone: nothing invisible is added', () => {
    for (const s of ['/search?q=nat', '/static/app.js', '/한글/경로', 'beta=1; x=y']) expect(isolate(s)).toBe(s);
  });

  it('writes overrides, isolates, marks and other controls visibly, so none can reorder what follows', () => {
    expect(isolate('/x\u202e')).toBe('/x\\u202e');
    // A stray PDI would end an isolation around it: it is shown, not obeyed.
    expect(isolate('/a\u2069\u202eb')).toBe('/a\\u2069\\u202eb');
    expect(isolate('v\u200f\u061c\u0000\u2028\ufeff')).toBe('v\\u200f\\u061c\\u0000\\u2028\\ufeff');
  });

  it('isolates right-to-left text (Hebrew, Arabic), its controls shown too', () => {
    expect(isolate('/שלום')).toBe(`${LRI}/שלום${PDI}`);
    expect(isolate('/مرحبا\u202e')).toBe(`${LRI}/مرحبا\\u202e${PDI}`);
  });

  it('cuts at max characters, the isolation outside the cut', () => {
    expect(isolate('/abcdefghij', 4)).toBe('/abc…');
    expect(isolate('/שלוםשלום', 4)).toBe(`${LRI}/שלו…${PDI}`);
  });

  it('keeps line breaks in a config and writes every other control visibly', () => {
    const config = 'location ^~ "/x\u202e" {\n    return 403;\n}\n# X-Beta: 1\u200b\u2028';
    const shown = visibleLines(config);
    expect(shown).toBe('location ^~ "/x\\u202e" {\n    return 403;\n}\n# X-Beta: 1\\u200b\\u2028');
    expect(shown.split('\n')).toHaveLength(config.split('\n').length);
    expect(visibleLines('plain\nconfig\n')).toBe('plain\nconfig\n');
  });
});
