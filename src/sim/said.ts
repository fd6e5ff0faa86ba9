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
export function heard(message: string | undefined): Said {
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
