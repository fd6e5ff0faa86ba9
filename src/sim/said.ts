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
export const sayOf = <I>(f: (issue: I) => Said) => (issue: I): string => JSON.stringify(f(issue));

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

/** The field an issue names, as a file writes it ("servers[0].weight"); empty for the whole value. */
function fieldOf(path: readonly { key: unknown }[] | undefined): string {
  let out = '';
  for (const item of path ?? []) {
    out += typeof item.key === 'number' ? `[${item.key}]` : (out ? '.' : '') + String(item.key);
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
  if (field) return { en: `"${field}" ${m.en}`, ko: `"${field}": ${m.ko}` };
  return { en: `${subject.en} ${m.en}`, ko: subject.ko ? `${subject.ko}: ${m.ko}` : m.ko };
}
