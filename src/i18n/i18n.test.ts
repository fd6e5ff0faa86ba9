import { describe, expect, it } from 'vitest';
import { initialLang, PLACEHOLDER, translate } from './index.ts';
import { everyString } from './ownSections.ts';

describe('i18n', () => {
  it('has every key in both languages, none empty, with the same placeholders', () => {
    const en = everyString('en'),
      ko = everyString('ko');
    expect(Object.keys(ko).sort()).toEqual(Object.keys(en).sort());
    for (const [k, v] of Object.entries(ko)) {
      expect(v.trim(), k).not.toBe('');
      // A Korean placeholder may carry a particle, {id|이}: the name is what must match.
      const holes = (s: string) => [...s.matchAll(PLACEHOLDER)].map((m) => m[1]!).sort();
      expect(holes(v), k).toEqual(holes(en[k] ?? ''));
    }
  });

  it('fills placeholders', () => {
    expect(translate('en', 'node.server', { name: 's1' })).toBe('Server s1');
    expect(translate('ko', 'node.server', { name: 's1' })).toBe('서버 s1');
  });

  it('picks the language from ?lang, then from the browser', () => {
    expect(initialLang('?lang=en', ['ko-KR'])).toBe('en');
    expect(initialLang('?lang=ko', ['en-US'])).toBe('ko');
    expect(initialLang('?lang=xx', ['ko-KR', 'en'])).toBe('ko');
    expect(initialLang('', ['en-GB'])).toBe('en');
  });
});
