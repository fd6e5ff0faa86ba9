import * as v from 'valibot';
import { LANGS, translate } from '../i18n/index.ts';
import { SPEEDS, type RestoredState } from '../store/labCore.ts';
import { aboutField, say, sayOf, type Said } from '../sim/said.ts';
import { LinkError, MAX_BYTES, packJson, unpackJson } from './codec.ts';

/**
 * What a shared link holds: the scenario, the user's actions, the playback position and the
 * settings of the view. The scenario and actions are checked again by the scenario schema when
 * the store restores them; this schema checks the rest.
 */
export type SharedState = RestoredState;

export const VERSION = 1;
/** The fragment key: `#s=…`. The fragment never leaves the browser. */
export const HASH_KEY = 's';

const wholeNumber = (min: number, max: number) =>
  v.pipe(
    v.number(say('must be a number', '숫자여야 합니다')),
    v.integer(say('must be a whole number', '정수여야 합니다')),
    v.minValue(min, say(`must be at least ${min}`, `${min} 이상이어야 합니다`)),
    v.maxValue(max, say(`must be at most ${max}`, `${max} 이하여야 합니다`)),
  );
const id = (what: string, ko: string) =>
  v.pipe(v.string(say(`must be ${what}`, `${ko}여야 합니다`)), v.regex(/^[a-z0-9-]{1,60}$/, say(`must be ${what}`, `${ko}여야 합니다`)));

/**
 * A JSON object, passed on as it is: valibot's record would drop the keys "__proto__",
 * "constructor" and "prototype" without a word, and the scenario schema must see them to refuse
 * them ("is not a field the scenario file knows").
 */
const jsonObject = (en: string, ko: string) =>
  v.custom<Record<string, unknown>>((x) => x !== null && typeof x === 'object' && !Array.isArray(x), say(en, ko));

const Payload = v.strictObject(
  {
    v: v.literal(VERSION, say('is from another version of Load Balancer Lab', '다른 버전의 로드밸런서 랩에서 만든 값입니다')),
    scenario: jsonObject('must hold a scenario object', '시나리오 객체여야 합니다'),
    events: v.pipe(
      v.array(jsonObject('must be an action object', '조작 객체여야 합니다'), say('must be a list of actions', '조작 목록이어야 합니다')),
      v.maxLength(10_000, say('has too many actions', '조작이 너무 많습니다')),
    ),
    time: v.pipe(
      v.number(say('must be a time in ms', 'ms 단위의 시간이어야 합니다')),
      v.minValue(0, say('must not be negative', '음수일 수 없습니다')),
      v.maxValue(1e12, say('is too large', '너무 큽니다')),
    ),
    speed: v.picklist([...SPEEDS], say("must be one of the page's speeds", '화면의 재생 속도 중 하나여야 합니다')),
    selected: v.nullable(wholeNumber(1, Number.MAX_SAFE_INTEGER)),
    lang: v.picklist([...LANGS], say('must be "ko" or "en"', '"ko" 또는 "en"이어야 합니다')),
    classroom: v.boolean(say('must be true or false', 'true 또는 false여야 합니다')),
    hidden: v.pipe(
      v.array(id('a panel id', '패널 id'), say('must be a list of panels', '패널 목록이어야 합니다')),
      v.maxLength(40, say('names too many panels', '패널이 너무 많습니다')),
    ),
    lesson: v.nullable(
      v.strictObject(
        { id: id('a lesson id', '수업 id'), step: wholeNumber(0, 1000) },
        say('must name a lesson and a step', '수업과 단계를 가리켜야 합니다'),
      ),
    ),
  },
  sayOf((i: v.BaseIssue<unknown>) =>
    i.expected === 'never'
      ? { en: 'is not part of a Load Balancer Lab link', ko: '로드밸런서 랩 링크에 없는 항목입니다' }
      : i.received === 'undefined' && i.path?.length
        ? { en: 'is missing', ko: '빠져 있습니다' }
        : { en: 'must be the state of a Load Balancer Lab page', ko: '로드밸런서 랩 화면의 상태여야 합니다' },
  ),
);

export async function encodeState(s: SharedState): Promise<string> {
  return packJson({ v: VERSION, ...s });
}

export type Decoded = { ok: true; state: SharedState } | { ok: false; problem: Said };

/** decodeState's answer, saying also whether a refusal is for the link's size alone. */
async function decode(text: string): Promise<Decoded | { ok: false; problem: Said; tooLarge: boolean }> {
  let raw: unknown;
  try {
    raw = await unpackJson(text);
  } catch (e) {
    return e instanceof LinkError
      ? { ok: false, problem: e.said, tooLarge: e.tooLarge }
      : { ok: false, problem: { en: 'it could not be read', ko: '읽을 수 없습니다' }, tooLarge: false };
  }
  const r = v.safeParse(Payload, raw, { abortEarly: true });
  if (!r.success) {
    return { ok: false, problem: aboutField(r.issues[0], { en: 'it', ko: '' }), tooLarge: false };
  }
  const { v: _version, ...state } = r.output;
  return { ok: true, state: state as SharedState };
}

/** Reads a link's state; never throws: a bad link gets a message saying what is wrong. */
export async function decodeState(text: string): Promise<Decoded> {
  const r = await decode(text);
  return r.ok ? r : { ok: false, problem: r.problem };
}

/**
 * The limits a link must keep to be opened: its encoded text and the JSON it unpacks to are at
 * most this many characters and bytes (the decoder refuses anything more, so that a link cannot
 * make the page unpack a bomb).
 */
export const LINK_LIMITS = { maxEncodedChars: MAX_BYTES, maxUnpackedBytes: MAX_BYTES } as const;

/**
 * Whether a link would open: null when the decoder accepts it, otherwise a whole sentence in
 * both languages saying why, for the share button to show instead of "copied". `link` is the
 * whole address (its `#s=…` fragment is read), a fragment, or the encoded text alone. It runs
 * the very decoder that opening the link runs (the same limits, the same link schema); the
 * scenario itself is not checked again (the page was running it). A link too large for the
 * decoder says to save the scenario file instead.
 */
export async function checkLink(link: string): Promise<Said | null> {
  const hashAt = link.indexOf('#');
  // Without a fragment, an address (it has characters base64url lacks) carries no state.
  const text = hashAt >= 0 ? linkFromHash(link.slice(hashAt)) : /[:/?.]/.test(link) ? null : link;
  if (text === null) {
    return {
      en: 'This link does not carry the page\'s state (it has no "#s=…" part).',
      ko: '이 링크에는 화면의 상태가 없습니다("#s=…" 부분이 없습니다).',
    };
  }
  const r = await decode(text);
  if (r.ok) return null;
  if ('tooLarge' in r && r.tooLarge) {
    const where = (lang: 'en' | 'ko') => `${translate(lang, 'gallery.button')} → “${translate(lang, 'gallery.save')}”`;
    const most = MAX_BYTES.toLocaleString('en-US');
    return {
      en: `This link is too large to open (${r.problem.en}; a link holds at most ${most} bytes). Save the scenario file instead (${where('en')}) and share the file.`,
      ko: `이 링크는 너무 커서 열 수 없습니다(${r.problem.ko}. 링크에는 최대 ${most}바이트까지 담깁니다). 대신 시나리오 파일을 저장해(${where('ko')}) 파일을 공유하세요.`,
    };
  }
  return { en: `This link would not open: ${r.problem.en}.`, ko: `이 링크는 열리지 않습니다: ${r.problem.ko}.` };
}

/** The `#s=…` part of a URL, or null when there is none. */
export function linkFromHash(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  return params.get(HASH_KEY);
}
