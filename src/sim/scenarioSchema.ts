import * as v from 'valibot';
import { MAX_SERVERS } from './defaults.ts';
import { isBalancer } from './nodes.ts';
import { say } from './said.ts';
import { algorithm, EventSchema } from './scenarioEvents.ts';
import { cookieName, int, objectMessage, oneOf } from './scenarioFields.ts';
import {
  BalancersChecked,
  BlockSchema,
  CacheSchema,
  HealthCheckSchema,
  LoadSchema,
  NetworkSchema,
  PassiveSchema,
  path,
  RequestSchema,
  RuleSchema,
  ServerSchema,
  TimeoutsSchema,
} from './scenarioSections.ts';

/**
 * The scenario file: DESIGN.md's contract, validated. Every field but the servers and the
 * traffic has a default; an unknown field is an error, so a typo never passes silently. Every
 * message says what is wrong in English and in Korean (English: "must …" after the field's
 * name; Korean: a whole predicate after "field:").
 */

export { MAX_SERVERS, MAX_WEIGHT } from './defaults.ts';
/** The longest lists a scenario may hold (requests: 1,000,000, below). */
export const MAX_RULES = 200;
export const MAX_EVENTS = 10_000;

/** Every server name a scenario can refer to: its servers and those its events add. */
export function knownServers(s: { servers: { name: string }[]; events?: { action: string; server?: { name: string } }[] }): Set<string> {
  const names = new Set(s.servers.map((x) => x.name));
  for (const e of s.events ?? []) if (e.server) names.add(e.server.name);
  return names;
}

/**
 * Events that name a server added by an event come at or after it (in time, then in the
 * order listed, as the engine applies them).
 */
function addedBeforeNamed(s: {
  servers: { name: string }[];
  events?: { at: number; action: string; target?: string; server?: { name: string } }[];
}): boolean {
  const present = new Set(s.servers.map((x) => x.name));
  const events = (s.events ?? []).map((e, i) => ({ e, i })).sort((a, b) => a.e.at - b.e.at || a.i - b.i);
  for (const { e } of events) {
    if (e.action === 'add-server' && e.server) present.add(e.server.name);
    else if (e.target !== undefined && !isBalancer(e.target) && !present.has(e.target)) return false;
  }
  return true;
}

const unknownServer = say('names a server that the scenario does not have', '시나리오에 없는 서버를 가리킵니다');
export const ScenarioSchema = v.pipe(
  v.strictObject(
    {
      seed: v.optional(int(0, 2 ** 32 - 1, { en: 'a whole number seed', ko: '정수 시드여야 합니다' })),
      mode: v.optional(oneOf(['L4', 'L7'], 'must be "L4" or "L7"', '"L4" 또는 "L7"이어야 합니다')),
      rules: v.optional(
        v.pipe(
          v.array(RuleSchema, say('must be a list of routing rules', '라우팅 규칙 목록이어야 합니다')),
          v.maxLength(MAX_RULES, say(`must hold at most ${MAX_RULES} rules`, `규칙은 최대 ${MAX_RULES}개까지입니다`)),
        ),
      ),
      cache: v.optional(CacheSchema),
      block: v.optional(BlockSchema),
      sticky: v.optional(
        v.strictObject({ cookie: cookieName }, objectMessage('an object such as {"cookie": "route"}', '{"cookie": "route"} 같은 객체')),
      ),
      sessions: v.optional(
        v.strictObject(
          { loginPath: path },
          objectMessage('an object such as {"loginPath": "/login"}', '{"loginPath": "/login"} 같은 객체'),
        ),
      ),
      algorithm: v.optional(algorithm),
      servers: v.pipe(
        v.array(ServerSchema, say('must be a list of servers', '서버 목록이어야 합니다')),
        v.minLength(1, say('must list at least one server', '서버를 하나 이상 적어야 합니다')),
        v.maxLength(MAX_SERVERS, say(`must list at most ${MAX_SERVERS} servers`, `서버는 최대 ${MAX_SERVERS}대까지입니다`)),
      ),
      requests: v.optional(
        v.pipe(
          v.array(RequestSchema, say('must be a list of requests', '요청 목록이어야 합니다')),
          v.maxLength(1_000_000, say('must hold at most 1,000,000 requests', '요청은 최대 1,000,000개까지입니다')),
        ),
      ),
      load: v.optional(LoadSchema),
      network: v.optional(NetworkSchema),
      passive: v.optional(PassiveSchema),
      events: v.optional(
        v.pipe(
          v.array(EventSchema, say('must be a list of events', '이벤트 목록이어야 합니다')),
          v.maxLength(
            MAX_EVENTS,
            say(
              `must hold at most ${MAX_EVENTS.toLocaleString('en-US')} events`,
              `이벤트는 최대 ${MAX_EVENTS.toLocaleString('en-US')}개까지입니다`,
            ),
          ),
        ),
      ),
      healthCheck: v.optional(HealthCheckSchema),
      balancers: v.optional(BalancersChecked),
      timeouts: v.optional(TimeoutsSchema),
    },
    objectMessage('a JSON object', 'JSON 객체'),
  ),
  v.forward(
    v.check(
      (s) => new Set(s.servers.map((x) => x.name)).size === s.servers.length,
      say('names two servers alike: each needs its own name', '같은 이름의 서버가 둘 있습니다: 서버마다 이름이 달라야 합니다'),
    ),
    ['servers'],
  ),
  v.check((s) => !(s.requests && s.load), say('must give "requests" or "load", not both', '"requests"와 "load" 중 하나만 있어야 합니다')),
  v.check(
    (s) => !!(s.requests || s.load),
    say('needs traffic: a "requests" list or a "load"', '트래픽이 필요합니다: "requests" 목록이나 "load"를 넣으세요'),
  ),
  v.forward(
    v.check((s) => {
      const known = knownServers(s);
      return (s.events ?? []).every((e) => !('target' in e) || known.has(e.target) || isBalancer(e.target));
    }, unknownServer),
    ['events'],
  ),
  v.forward(
    v.check(
      (s) => addedBeforeNamed(s),
      say(
        'names a server before the "add-server" event that adds it: move the event after it',
        '서버를 추가하는 "add-server" 이벤트보다 먼저 그 서버를 가리킵니다: 이벤트를 그 뒤로 옮기세요',
      ),
    ),
    ['events'],
  ),
  v.check(
    (s) => knownServers(s).size <= MAX_SERVERS,
    say(`can have at most ${MAX_SERVERS} servers, added ones included`, `서버는 추가되는 것까지 최대 ${MAX_SERVERS}대까지입니다`),
  ),
  v.forward(
    v.check((s) => (s.rules ?? []).every((r) => r.servers.every((n) => knownServers(s).has(n))), unknownServer),
    ['rules'],
  ),
  v.check(
    (s) => s.mode === 'L7' || !(s.rules || s.cache || s.block || s.sticky),
    say(
      '"rules", "cache", "block" and "sticky" need "mode": "L7": an L4 balancer never reads the HTTP request',
      '"rules", "cache", "block", "sticky"는 "mode": "L7"일 때만 쓸 수 있습니다: L4 로드밸런서는 HTTP 요청을 읽지 않습니다',
    ),
  ),
);

export type ScenarioInput = v.InferInput<typeof ScenarioSchema>;
export type ScenarioEvent = v.InferOutput<typeof EventSchema>;
export type ServerInput = v.InferOutput<typeof ServerSchema>;
export type ScenarioOutput = v.InferOutput<typeof ScenarioSchema>;
