import type { Said } from '../sim/said.ts';
import { isParticle, withParticle } from './particle.ts';
import * as app from './sections/app.ts';
import * as classroom from './sections/classroom.ts';
import * as compare from './sections/compare.ts';
import * as controls from './sections/controls.ts';
import * as explain from './sections/explain.ts';
import * as gallery from './sections/gallery.ts';
import * as failures from './sections/failures.ts';
import * as inspector from './sections/inspector.ts';
import * as lessons from './sections/lessons.ts';
import * as share from './sections/share.ts';
import * as sideBySide from './sections/sideBySide.ts';
import * as tcp from './sections/tcp.ts';
import * as topology from './sections/topology.ts';
import * as packets from './sections/packets.ts';
import * as canvasWhy from './sections/canvasWhy.ts';
import * as timeline from './sections/timeline.ts';
import * as layout from './sections/layout.ts';
import * as exportSection from './sections/export.ts';
import * as nodeMenu from './sections/nodeMenu.ts';
import * as now from './sections/now.ts';
import * as forwarding from './sections/forwarding.ts';

/**
 * Every visible string, by section (one file per part of the page). Each section's Korean
 * table is typed by its English one, so both languages are always complete.
 */
const en = {
  ...app.en,
  ...topology.en,
  ...controls.en,
  ...inspector.en,
  ...explain.en,
  ...compare.en,
  ...failures.en,
  ...tcp.en,
  ...sideBySide.en,
  ...lessons.en,
  ...share.en,
  ...classroom.en,
  ...gallery.en,
  ...packets.en,
  ...canvasWhy.en,
  ...timeline.en,
  ...layout.en,
  ...exportSection.en,
  ...nodeMenu.en,
  ...now.en,
  ...forwarding.en,
};
export type MessageKey = keyof typeof en;
const ko: Record<MessageKey, string> = {
  ...app.ko,
  ...topology.ko,
  ...controls.ko,
  ...inspector.ko,
  ...explain.ko,
  ...compare.ko,
  ...failures.ko,
  ...tcp.ko,
  ...sideBySide.ko,
  ...lessons.ko,
  ...share.ko,
  ...classroom.ko,
  ...gallery.ko,
  ...packets.ko,
  ...canvasWhy.ko,
  ...timeline.ko,
  ...layout.ko,
  ...exportSection.ko,
  ...nodeMenu.ko,
  ...now.ko,
  ...forwarding.ko,
};

export type Lang = 'ko' | 'en';
export const LANGS: readonly Lang[] = ['ko', 'en'];
export const dictionaries: Record<Lang, Record<MessageKey, string>> = { en, ko };

/** A placeholder's value: the same in both languages, or one for each (a message from the engine). */
export type Param = string | number | Said;

/**
 * Fills `{name}` placeholders. In Korean, `{name|이}` is the value followed by the particle that
 * fits how the value is read: `{id|이}` gives "3이" but "2가", `{status|으로}` "403으로" but
 * "401로" (either form of the particle may be written; see particle.ts).
 */
export function translate(lang: Lang, key: MessageKey, params?: Record<string, Param>): string {
  return fill(dictionaries[lang][key], lang, params);
}

/** A message's text with its placeholders filled (see translate). */
export function fill(text: string, lang: Lang, params?: Record<string, Param>): string {
  if (!params) return text;
  return text.replace(PLACEHOLDER, (m, k: string, p: string | undefined) => {
    const v = params[k];
    if (v === undefined) return m;
    const s = typeof v === 'object' ? v[lang] : String(v);
    return p && isParticle(p) ? withParticle(s, p) : s;
  });
}

/** `{name}`, or `{name|particle}`: the name is group 1, the particle group 2. */
export const PLACEHOLDER = /\{(\w+)(?:\|([가-힣]+))?\}/g;

/** A message in both languages, for what must follow the page when its language changes (a notice). */
export function translateBoth(key: MessageKey, params?: Record<string, Param>): Said {
  return { en: translate('en', key, params), ko: translate('ko', key, params) };
}

/** `?lang=ko|en` wins; otherwise Korean for a Korean browser, English for any other. */
export function initialLang(search: string, browserLangs: readonly string[]): Lang {
  const asked = new URLSearchParams(search).get('lang');
  if (asked === 'ko' || asked === 'en') return asked;
  return browserLangs.some((l) => l.toLowerCase().startsWith('ko')) ? 'ko' : 'en';
}
