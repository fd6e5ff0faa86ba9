import * as v from 'valibot';
import { LANGS } from '../i18n/index.ts';
import { SPEEDS, type RestoredState } from '../store/labStore.ts';
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

const Payload = v.strictObject({
  v: v.literal(VERSION, 'is from another version of Load Balancer Lab'),
  scenario: v.record(v.string(), v.unknown(), 'must hold a scenario object'),
  events: v.pipe(v.array(v.record(v.string(), v.unknown()), 'must be a list of actions'), v.maxLength(10_000, 'has too many actions')),
  time: v.pipe(v.number('must be a time in ms'), v.minValue(0, 'must not be negative'), v.maxValue(1e12, 'is too large')),
  speed: v.picklist([...SPEEDS], 'must be one of the page\'s speeds'),
  selected: v.nullable(v.pipe(v.number('must be a request number'), v.integer('must be a whole number'), v.minValue(1, 'must be at least 1'))),
  lang: v.picklist([...LANGS], 'must be "ko" or "en"'),
  classroom: v.boolean('must be true or false'),
  hidden: v.pipe(v.array(v.pipe(v.string(), v.regex(/^[a-z0-9-]{1,40}$/, 'must be a panel id'))), v.maxLength(40, 'names too many panels')),
  lesson: v.nullable(v.strictObject({
    id: v.pipe(v.string(), v.regex(/^[a-z0-9-]{1,60}$/, 'must be a lesson id')),
    step: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1000)),
  }, 'must name a lesson and a step')),
}, 'must be the state of a Load Balancer Lab page');

export async function encodeState(s: SharedState): Promise<string> {
  return packJson({ v: VERSION, ...s });
}

export type Decoded = { ok: true; state: SharedState } | { ok: false; error: string };

/** Reads a link's state; never throws: a bad link gets a message saying what is wrong. */
export async function decodeState(text: string): Promise<Decoded> {
  let raw: unknown;
  try {
    raw = await unpackJson(text);
  } catch (e) {
    return { ok: false, error: e instanceof LinkError ? e.message : 'it could not be read' };
  }
  const r = v.safeParse(Payload, raw);
  if (!r.success) {
    const issue = r.issues[0]!;
    const path = issue.path?.map((p) => String(p.key)).join('.') ?? '';
    return { ok: false, error: path ? `"${path}" ${issue.message}` : issue.message };
  }
  const { v: _version, ...state } = r.output;
  return { ok: true, state: state as SharedState };
}

/** The `#s=…` part of a URL, or null when there is none. */
export function linkFromHash(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  return params.get(HASH_KEY);
}
