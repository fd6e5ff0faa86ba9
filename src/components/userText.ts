import { echoText } from '../sim/said.ts';

/**
 * Scenario strings (paths, header and cookie values, rule matches) shown among the page's own
 * words: the event log, the narration, Why, the inspector, the NAT card, the stage's labels.
 *
 * Two things keep such a string from reordering the words around it. Its invisible and
 * bidirectional control characters (an override U+202E, an isolate, a mark) are written
 * visibly as `\uXXXX`, as every message quoting input already does (said.ts): an override
 * would reverse the words after it, and a stray U+2069 inside would end any isolation it is
 * wrapped in. Then, if right-to-left letters remain (a Hebrew or Arabic path), the string is
 * isolated left to right (U+2066 LRI … U+2069 PDI), so its direction cannot carry the
 * neighbouring punctuation and numbers with it; left to right because these are URL paths and
 * protocol values, which a browser's address bar also keeps in order ("/שלום/a" stays a path
 * read from its first slash, where first-strong isolation would turn it around). Text in plain text and SVG alike, so one helper serves
 * React and the stage. A string without right-to-left letters is left unwrapped: it cannot
 * reorder anything, and the page's text (and what a reader copies) stays free of invisible marks.
 */

/** Right-to-left letters (bidi classes R and AL): Hebrew, Arabic, Syriac, Thaana, N'Ko… and their presentation forms. */
const RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;

export const LRI = '\u2066';
export const PDI = '\u2069';

/** A scenario string as the page shows it among its own words; cut with "…" past `max` characters. */
export function isolate(text: string, max = Infinity): string {
  const shown = echoText(text, max);
  return RTL.test(shown) ? `${LRI}${shown}${PDI}` : shown;
}

/**
 * Lines of text (a config to copy) with every invisible and bidirectional control character
 * written as `\uXXXX`, line breaks kept: what the page shows and what it copies are then the
 * same characters, and neither can read in another order than it is (Trojan Source,
 * CVE-2021-42574).
 */
export const visibleLines = (text: string): string =>
  text
    .split('\n')
    .map((line) => echoText(line, Infinity))
    .join('\n');
