import * as v from 'valibot';
import { ALGORITHMS } from './algorithms/pick.ts';
import { sayOf, type Said } from './said.ts';
import { describe, got, ms, named, objectMessage, oneOf, serverName } from './scenarioFields.ts';
import { LoadSchema, RequestSchema, ServerSchema, weight } from './scenarioSections.ts';

/** The scenario's events: what changes while it runs (the user's actions become such events too). */

const failTarget = named(/^[A-Za-z][A-Za-z0-9_-]{0,15}$/, 'the name of a server, or "lb1"/"lb2"', '서버 이름이나 "lb1"/"lb2"');
export const algorithm = oneOf(ALGORITHMS, `must be one of ${ALGORITHMS.join(', ')}`, `${ALGORITHMS.join(', ')} 중 하나여야 합니다`);

const EVENT_ACTIONS = ['set-algorithm', 'set-weight', 'add-server', 'remove-server', 'set-load', 'request', 'fail', 'restore'] as const;
const anEvent = objectMessage('an event', '이벤트 객체');
export const EventSchema = v.variant(
  'action',
  [
    v.strictObject({ at: ms(), action: v.literal('set-algorithm'), algorithm }, anEvent),
    v.strictObject({ at: ms(), action: v.literal('set-weight'), target: serverName, weight }, anEvent),
    v.strictObject({ at: ms(), action: v.literal('add-server'), server: ServerSchema }, anEvent),
    v.strictObject({ at: ms(), action: v.literal('remove-server'), target: serverName }, anEvent),
    v.strictObject(
      {
        at: ms(),
        action: v.literal('set-load'),
        clients: v.optional(LoadSchema.entries.clients),
        ratePerSec: v.optional(LoadSchema.entries.ratePerSec),
        durationMs: v.optional(LoadSchema.entries.durationMs),
        serviceMs: v.optional(ms(3_600_000)),
      },
      anEvent,
    ),
    v.strictObject({ action: v.literal('request'), ...RequestSchema.entries }, anEvent),
    v.strictObject({ at: ms(), action: v.literal('fail'), target: failTarget }, anEvent),
    v.strictObject({ at: ms(), action: v.literal('restore'), target: failTarget }, anEvent),
  ],
  sayOf((i: v.BaseIssue<unknown>): Said => {
    const actions = EVENT_ACTIONS.join(', ');
    // valibot reports a bad "action" under that key, with the action as the input.
    if (i.path?.length) {
      return i.input === undefined
        ? { en: `is missing: it must be one of ${actions}`, ko: `빠져 있습니다: ${actions} 중 하나여야 합니다` }
        : {
            en: `must be one of ${actions} (got ${got(i.input)})`,
            ko: `${actions} 중 하나여야 합니다 (입력: ${got(i.input)})`,
          };
    }
    const what = describe(i.input);
    return {
      en: `must be an event such as {"at": 1000, "action": "fail", "target": "s1"} (got ${what.en})`,
      ko: `{"at": 1000, "action": "fail", "target": "s1"} 같은 이벤트 객체여야 합니다 (입력: ${what.ko})`,
    };
  }),
);
