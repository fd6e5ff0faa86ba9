import { en, type MessageKey } from './en.ts';
import { ko } from './ko.ts';

export type Lang = 'ko' | 'en';
export type { MessageKey };
export const LANGS: readonly Lang[] = ['ko', 'en'];

const dictionaries: Record<Lang, Record<MessageKey, string>> = { en, ko };

/** Fills `{name}` placeholders. */
export function translate(lang: Lang, key: MessageKey, params?: Record<string, string | number>): string {
  const text = dictionaries[lang][key];
  return params ? text.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m)) : text;
}

/** `?lang=ko|en` wins; otherwise Korean for a Korean browser, English for any other. */
export function initialLang(search: string, browserLangs: readonly string[]): Lang {
  const asked = new URLSearchParams(search).get('lang');
  if (asked === 'ko' || asked === 'en') return asked;
  return browserLangs.some((l) => l.toLowerCase().startsWith('ko')) ? 'ko' : 'en';
}
