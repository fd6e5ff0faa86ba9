import type { Said } from '../sim/said.ts';
import { fill, type Lang, type Param } from './index.ts';

/**
 * A section of strings that only a part loaded on first use needs (a dialog, a detail panel).
 * That part imports its own section and reads it with `ownText`, so the words travel in its
 * chunk instead of the page's first download. The Korean table is typed by the English one,
 * as in every section; src/i18n/ownSections.ts lists them all for the tests.
 */
export interface OwnSection<K extends string> {
  en: Record<K, string>;
  ko: Record<K, string>;
}

export function ownText<K extends string>(section: OwnSection<K>, lang: Lang, key: K, params?: Record<string, Param>): string {
  return fill(section[lang][key], lang, params);
}

/** `translateBoth` for an own section: a message in both languages (a notice that follows the language). */
export function ownBoth<K extends string>(section: OwnSection<K>, key: K, params?: Record<string, Param>): Said {
  return { en: ownText(section, 'en', key, params), ko: ownText(section, 'ko', key, params) };
}
