import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { initialLang, translate } from './index.ts';
import { ko } from './ko.ts';

describe('i18n', () => {
  it('has every key in both languages, none empty, none left in English in Korean', () => {
    expect(Object.keys(ko).sort()).toEqual(Object.keys(en).sort());
    for (const [k, v] of Object.entries(ko)) {
      expect(v.trim(), k).not.toBe('');
      expect(en[k as keyof typeof en].match(/\{\w+\}/g)?.sort(), k).toEqual(v.match(/\{\w+\}/g)?.sort());
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
