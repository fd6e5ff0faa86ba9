/**
 * A message for the user in both languages the app speaks. The engine's own contract (the
 * command line, `error` fields) is the English; the page shows the one in its language.
 */
export interface Said {
  en: string;
  ko: string;
}

/*
 * valibot carries an issue's message as a string, so a bilingual message travels through it as
 * JSON and is read back by heard(). Any message not written with say() (one of valibot's own)
 * reads back as the same text in both languages, and a test finds it.
 */

/** A fixed message in both languages. */
export const say = (en: string, ko: string): string => JSON.stringify({ en, ko } satisfies Said);

/** A message built from the issue (the value received, for example). */
export const sayOf =
  <I>(f: (issue: I) => Said) =>
  (issue: I): string =>
    JSON.stringify(f(issue));

/** The two languages of a message written with say() or sayOf(). */
function heard(message: string | undefined): Said {
  if (message?.startsWith('{')) {
    try {
      const m = JSON.parse(message) as Partial<Said>;
      if (typeof m.en === 'string' && typeof m.ko === 'string') return { en: m.en, ko: m.ko };
    } catch {
      // not one of ours: shown as it is
    }
  }
  return { en: message ?? 'is not valid', ko: message ?? '올바르지 않습니다' };
}

/**
 * What a message may quote of the user's input. A message names the field and quotes the value
 * it got, and both come from the file or the link: a quoted value is cut to ECHO_MAX characters
 * (with "…"), and every control character (C0, DEL, C1) and every bidirectional or invisible
 * format mark (U+061C, U+200B–U+200F, U+2028–U+202E, U+2066–U+2069, U+FEFF) is written as
 * `\uXXXX`: an input cannot reverse the page's own words, hide itself or make a notice a
 * megabyte long.
 */
export const ECHO_MAX = 60;
/** No message is ever longer than this, whatever a rule forgets (the tests hold them to far less). */
export const MESSAGE_MAX = 1000;

/** The characters no message shows as they are (one at a time; lone surrogates too). */
// oxlint-disable-next-line no-control-regex -- matching control characters is the point
const HIDDEN = /^[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff\ud800-\udfff]$/;
// oxlint-disable-next-line no-control-regex -- matching control characters is the point
const ANY_HIDDEN = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/;

const escaped = (ch: string) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * `text` as a message may show it: hidden characters as `\uXXXX`, `"` and `\` escaped when
 * `quoted`, and cut with "…" past `max` characters. Reads no further than it shows, so a
 * 10 MB value costs no more than a short one.
 */
function shown(text: string, max: number, quoted: boolean): string {
  let out = '';
  for (const ch of text) {
    const piece = HIDDEN.test(ch) ? escaped(ch) : quoted && (ch === '"' || ch === '\\') ? `\\${ch}` : ch;
    if (out.length + piece.length > max) return `${out}…`;
    out += piece;
  }
  return out;
}

/**
 * A value from the input, to quote in a message ("(got …)", "(입력: …)"): text in double quotes,
 * anything else as JSON; at most about ECHO_MAX characters, no control or bidirectional
 * character. Every message that echoes input goes through here (or echoText for a name).
 */
export function echo(value: unknown): string {
  if (typeof value === 'string') return `"${shown(value, ECHO_MAX, true)}"`;
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    json = undefined;
  }
  return shown(json ?? String(value), ECHO_MAX, false);
}

/** Text from the input shown without quotes (a field's name, a file's name): as echo() cuts and cleans it. */
export const echoText = (text: string, max = ECHO_MAX): string => shown(text, max, false);

/**
 * A whole message made safe to show: hidden characters as `\uXXXX` and at most MESSAGE_MAX
 * characters. For text whose parts were not all written here (a file's name, the JSON parser's
 * own words); messages built with echo() already pass.
 */
export const visible = (text: string): string =>
  text.length <= MESSAGE_MAX && !ANY_HIDDEN.test(text) ? text : shown(text, MESSAGE_MAX, false);

/** The field an issue names, as a file writes it ("servers[0].weight"); empty for the whole value. */
function fieldOf(path: readonly { key: unknown }[] | undefined): string {
  let out = '';
  for (const item of path ?? []) {
    // A key is the input's own (an unknown field is named by it): cut and cleaned like a value.
    out += typeof item.key === 'number' ? `[${item.key}]` : (out ? '.' : '') + echoText(String(item.key));
  }
  return out;
}

/**
 * What is wrong, naming the field: `"servers[0].weight" must be …` in English, `"…": …` in
 * Korean. Without a field the message is about `subject` (English only: a Korean predicate
 * stands alone, or after `subject.ko:` when one is given).
 */
export function aboutField(issue: { path?: readonly { key: unknown }[] | undefined; message: string } | undefined, subject: Said): Said {
  const m = heard(issue?.message);
  const field = fieldOf(issue?.path);
  const out = field
    ? { en: `"${field}" ${m.en}`, ko: `"${field}": ${m.ko}` }
    : { en: `${subject.en} ${m.en}`, ko: subject.ko ? `${subject.ko}: ${m.ko}` : m.ko };
  return { en: visible(out.en), ko: visible(out.ko) };
}
