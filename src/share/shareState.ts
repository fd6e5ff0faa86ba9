import * as v from 'valibot';
import { LANGS } from '../i18n/index.ts';
import { SPEEDS, type RestoredState } from '../store/labStore.ts';
import { aboutField, say, type Said } from '../sim/said.ts';
import { LinkError, packJson, unpackJson } from './codec.ts';

/**
 * What a shared link holds: the scenario, the user's actions, the playback position and the
 * settings of the view. The scenario and actions are checked again by the scenario schema when
 * the store restores them; this schema checks the rest.
 */
export type SharedState = RestoredState;

export const VERSION = 1;
/** The fragment key: `#s=…`. The fragment never leaves the browser. */
export const HASH_KEY = 's';

const wholeNumber = (min: number, max: number) => v.pipe(
  v.number(say('must be a number', '숫자여야 합니다')),
  v.integer(say('must be a whole number', '정수여야 합니다')),
  v.minValue(min, say(`must be at least ${min}`, `${min} 이상이어야 합니다`)),
  v.maxValue(max, say(`must be at most ${max}`, `${max} 이하여야 합니다`)),
);
const id = (what: string, ko: string) => v.pipe(v.string(say(`must be ${what}`, `${ko}여야 합니다`)), v.regex(/^[a-z0-9-]{1,60}$/, say(`must be ${what}`, `${ko}여야 합니다`)));

const Payload = v.strictObject({
  v: v.literal(VERSION, say('is from another version of Load Balancer Lab', '다른 버전의 로드밸런서 랩에서 만든 값입니다')),
  scenario: v.record(v.string(), v.unknown(), say('must hold a scenario object', '시나리오 객체여야 합니다')),
  events: v.pipe(v.array(v.record(v.string(), v.unknown()), say('must be a list of actions', '조작 목록이어야 합니다')), v.maxLength(10_000, say('has too many actions', '조작이 너무 많습니다'))),
  time: v.pipe(v.number(say('must be a time in ms', 'ms 단위의 시간이어야 합니다')), v.minValue(0, say('must not be negative', '음수일 수 없습니다')), v.maxValue(1e12, say('is too large', '너무 큽니다'))),
  speed: v.picklist([...SPEEDS], say('must be one of the page\'s speeds', '화면의 재생 속도 중 하나여야 합니다')),
  selected: v.nullable(wholeNumber(1, Number.MAX_SAFE_INTEGER)),
  lang: v.picklist([...LANGS], say('must be "ko" or "en"', '"ko" 또는 "en"이어야 합니다')),
  classroom: v.boolean(say('must be true or false', 'true 또는 false여야 합니다')),
  hidden: v.pipe(v.array(id('a panel id', '패널 id'), say('must be a list of panels', '패널 목록이어야 합니다')), v.maxLength(40, say('names too many panels', '패널이 너무 많습니다'))),
  lesson: v.nullable(v.strictObject({ id: id('a lesson id', '수업 id'), step: wholeNumber(0, 1000) },
    say('must name a lesson and a step', '수업과 단계를 가리켜야 합니다'))),
}, say('must be the state of a Load Balancer Lab page', '로드밸런서 랩 화면의 상태여야 합니다'));

export async function encodeState(s: SharedState): Promise<string> {
  return packJson({ v: VERSION, ...s });
}

export type Decoded = { ok: true; state: SharedState } | { ok: false; problem: Said };

/** Reads a link's state; never throws: a bad link gets a message saying what is wrong. */
export async function decodeState(text: string): Promise<Decoded> {
  let raw: unknown;
  try {
    raw = await unpackJson(text);
  } catch (e) {
    return { ok: false, problem: e instanceof LinkError ? e.said : { en: 'it could not be read', ko: '읽을 수 없습니다' } };
  }
  const r = v.safeParse(Payload, raw);
  if (!r.success) {
    return { ok: false, problem: aboutField(r.issues[0], { en: 'it', ko: '' }) };
  }
  const { v: _version, ...state } = r.output;
  return { ok: true, state: state as SharedState };
}

/** The `#s=…` part of a URL, or null when there is none. */
export function linkFromHash(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  return params.get(HASH_KEY);
}
