import * as v from 'valibot';
import { RESERVED_NAMES } from './nodes.ts';
import { echo, say, sayOf, type Said } from './said.ts';

/**
 * The scenario file's single fields — names, numbers, times, addresses — each validated with a
 * message in English and in Korean (English: "must …" after the field's name; Korean: a whole
 * predicate after "field:"). The sections (scenarioSections.ts) and the whole file
 * (scenarioSchema.ts) are built from these.
 */

/** What a wrong value was, for "(got …)". */
export function describe(x: unknown): Said {
  if (x === null) return { en: 'null', ko: 'null' };
  if (Array.isArray(x)) return { en: 'a list', ko: '목록' };
  const ko: Record<string, string> = {
    string: '문자열',
    number: '숫자',
    boolean: '참/거짓',
    object: '객체',
    undefined: '없음',
  };
  return { en: typeof x, ko: ko[typeof x] ?? typeof x };
}

/** The value a message quotes: cut and cleaned (said.ts). */
export const got = echo;
// oxlint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;
/**
 * No control character (C0: NUL, tab, CR, LF, ESC…, and DEL) in a value the exports write or a
 * request carries: each tool reads them its own way (HAProxy cuts `path_beg "/\x00x"` at the
 * NUL and the rule denies every request; nginx.conf would hold the raw bytes; CR LF ends a
 * header line on the wire), so no config could do what the lab shows.
 */
export const noControl = v.check(
  (t: string) => !CONTROL_CHARACTER.test(t),
  sayOf((i: { input: string }) => ({
    en: `must hold no control characters (NUL, tab, CR, LF, ESC, DEL…): nginx, HAProxy and HTTP each read them their own way (got ${got(i.input)})`,
    ko: `제어 문자(NUL, 탭, CR, LF, ESC, DEL 등)를 담을 수 없습니다: nginx, HAProxy, HTTP가 저마다 다르게 읽습니다 (입력: ${got(i.input)})`,
  })),
);
export const text = (max: number) =>
  v.pipe(
    v.string(say('must be text', '문자열이어야 합니다')),
    noControl,
    v.maxLength(max, say(`must be at most ${max} characters`, `${max}자 이하여야 합니다`)),
  );
export const named = (re: RegExp, en: string, ko: string) =>
  v.pipe(v.string(say(`must be ${en}`, `${ko}이어야 합니다`)), v.regex(re, say(`must be ${en}`, `${ko}이어야 합니다`)));
/**
 * Names a JavaScript object keeps for itself: valibot's records skip such keys without a word
 * (and its objects never see them), so a header, cookie or field so named would silently vanish.
 * They are refused instead, in any case.
 */
const RESERVED_NAME = /^(?:__proto__|constructor|prototype)$/i;
const reservedName = sayOf((i: { input: string }) => ({
  en: `must not be ${got(i.input)} (a name JavaScript objects keep for themselves)`,
  ko: `자바스크립트 객체가 스스로 쓰는 이름이라 쓸 수 없습니다 (입력: ${got(i.input)})`,
}));
const notReserved = v.check((n: string) => !RESERVED_NAME.test(n), reservedName);
/**
 * Headers HTTP itself writes to frame and route the message: a scenario's own would clash with
 * the client's (nginx answers 400 to a second Host or a Content-Length with no body), and the
 * engine reads none of them.
 */
const HTTP_OWN = /^(?:host|content-length|transfer-encoding|connection|te|upgrade|keep-alive|expect)$/i;
export const headerName = v.pipe(
  named(/^[A-Za-z0-9-]{1,40}$/, 'a header name', '헤더 이름(영문자, 숫자, "-", 40자 이하)'),
  notReserved,
  v.check(
    (n: string) => !HTTP_OWN.test(n),
    sayOf((i: { input: string }) => ({
      en: `must not be ${got(i.input)}: HTTP writes that header itself to frame or route the request, and nginx answers 400 to a second one`,
      ko: `${got(i.input)}는 쓸 수 없습니다: HTTP가 요청을 나누고 보내려고 스스로 쓰는 헤더라, 하나 더 있으면 nginx가 400으로 답합니다`,
    })),
  ),
);
export const cookieName = v.pipe(
  named(/^[A-Za-z0-9_-]{1,40}$/, 'a cookie name', '쿠키 이름(영문자, 숫자, "-", "_", 40자 이하)'),
  notReserved,
);
/** The first key of an object that is a reserved name, if any. */
const reservedKey = (x: unknown): string | undefined =>
  x !== null && typeof x === 'object' && !Array.isArray(x) ? Object.keys(x).find((k) => RESERVED_NAME.test(k)) : undefined;
const MAX_NAMES = 100;
/**
 * Names to values (headers, cookies), checked before valibot's record reads them: a reserved
 * name is refused naming it (the record would drop it unseen), and at most MAX_NAMES entries.
 */
export const namesTo = <S extends v.GenericSchema>(record: S, what: Said) =>
  v.pipe(
    v.custom<v.InferInput<S>>(() => true),
    v.check(
      (x) => reservedKey(x) === undefined,
      sayOf((i: { input: unknown }) => ({
        en: `must not use ${got(reservedKey(i.input))} as a name (JavaScript objects keep it for themselves)`,
        ko: `자바스크립트 객체가 스스로 쓰는 이름은 ${what.ko} 이름으로 쓸 수 없습니다 (입력: ${got(reservedKey(i.input))})`,
      })),
    ),
    v.check(
      (x) => reservedKey(x) !== undefined || x === null || typeof x !== 'object' || Object.keys(x).length <= MAX_NAMES,
      say(`must hold at most ${MAX_NAMES} ${what.en}`, `${what.ko} 이름은 최대 ${MAX_NAMES}개까지입니다`),
    ),
    record,
  );
export const trueOrFalse = v.boolean(say('must be true or false', 'true 또는 false여야 합니다'));
export const oneOf = <const T extends readonly string[]>(options: T, en: string, ko: string) => v.picklist(options, say(en, ko));

export const ipv4 = v.pipe(
  v.string(say('must be an IPv4 address such as "203.0.113.10"', '"203.0.113.10" 같은 IPv4 주소여야 합니다')),
  v.regex(
    /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/,
    sayOf((i: { input: string }) => ({
      en: `must be an IPv4 address such as "203.0.113.10" (got ${got(i.input)})`,
      ko: `"203.0.113.10" 같은 IPv4 주소여야 합니다 (입력: ${got(i.input)})`,
    })),
  ),
);
/** A whole number from min to max; `what` completes "must be …" in English and is a whole predicate in Korean. */
export const int = (min: number, max: number, what: Said) =>
  v.pipe(
    v.number(say(`must be ${what.en}`, what.ko)),
    v.integer(
      sayOf((i: { input: number }) => ({
        en: `must be a whole number (got ${i.input})`,
        ko: `정수여야 합니다 (입력: ${i.input})`,
      })),
    ),
    v.minValue(
      min,
      sayOf((i: { input: number }) => ({
        en: `must be at least ${min} (got ${i.input})`,
        ko: `${min} 이상이어야 합니다 (입력: ${i.input})`,
      })),
    ),
    v.maxValue(
      max,
      sayOf((i: { input: number }) => ({
        en: `must be at most ${max} (got ${i.input})`,
        ko: `${max} 이하여야 합니다 (입력: ${i.input})`,
      })),
    ),
  );
export const ms = (max = 86_400_000) =>
  v.pipe(
    v.number(say('must be a time in milliseconds', '밀리초 단위의 시간(숫자)이어야 합니다')),
    v.finite(say('must be a finite number of milliseconds', '유한한 밀리초 값이어야 합니다')),
    v.minValue(
      0,
      sayOf((i: { input: number }) => ({
        en: `must not be negative (got ${i.input})`,
        ko: `음수일 수 없습니다 (입력: ${i.input})`,
      })),
    ),
    v.maxValue(
      max,
      sayOf((i: { input: number }) => ({
        en: `must be at most ${max} ms (got ${i.input})`,
        ko: `${max} ms 이하여야 합니다 (입력: ${i.input})`,
      })),
    ),
  );
export const positiveMs = (max = 86_400_000) =>
  v.pipe(
    ms(max),
    v.check((x) => x > 0, say('must be more than 0 ms', '0 ms보다 커야 합니다')),
  );

/** One message for each way an object can be wrong: a missing field, an unknown one, a wrong type. */
export const objectMessage = (en: string, ko: string) =>
  sayOf((i: v.BaseIssue<unknown>) =>
    i.received === 'undefined'
      ? { en: 'is missing', ko: '빠져 있습니다' }
      : i.expected === 'never'
        ? {
            en: 'is not a field the scenario file knows (check its spelling)',
            ko: '시나리오 파일에 없는 필드입니다(철자를 확인하세요)',
          }
        : { en: `must be ${en} (got ${describe(i.input).en})`, ko: `${ko}여야 합니다 (입력: ${describe(i.input).ko})` },
  );

export const serverName = v.pipe(
  v.string(say('must be a name such as "s1"', '"s1" 같은 이름이어야 합니다')),
  v.regex(
    /^[A-Za-z][A-Za-z0-9_-]{0,15}$/,
    sayOf((i: { input: string }) => ({
      en: `must start with a letter and hold only letters, digits, "-" or "_", at most 16 (got ${got(i.input)})`,
      ko: `영문자로 시작하고 영문자, 숫자, "-", "_"만 16자 이하로 써야 합니다 (입력: ${got(i.input)})`,
    })),
  ),
  v.check(
    (n) => !RESERVED_NAMES.has(n),
    sayOf((i: { input: string }) => ({
      en: `${got(i.input)} is the name of another node`,
      ko: `다른 노드가 쓰는 이름입니다 (입력: ${got(i.input)})`,
    })),
  ),
);
