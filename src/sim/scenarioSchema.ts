import * as v from 'valibot';
import { MAX_SERVERS } from './defaults.ts';
import { isBalancer } from './nodes.ts';
import { say } from './said.ts';
import { algorithm, EventSchema } from './scenarioEvents.ts';
import { FORWARDINGS } from './forwarding.ts';
import { cookieName, int, objectMessage, oneOf } from './scenarioFields.ts';
import {
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
import { BalancersChecked } from './scenarioBalancers.ts';

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

type HealthField = 'fall' | 'rise' | 'retries' | 'retryDelayMs';

/** Whether a health-check field that one mode's checker alone has is absent, or in that mode. */
const healthFieldFits = (
  s: { mode?: 'L4' | 'L7'; healthCheck?: Partial<Record<HealthField, number>> },
  field: HealthField,
  mode: 'L4' | 'L7',
) => s.healthCheck?.[field] === undefined || (s.mode ?? 'L4') === mode;

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
      forwarding: v.optional(
        oneOf(FORWARDINGS, `must be one of ${FORWARDINGS.join(', ')}`, `${FORWARDINGS.join(', ')} 중 하나여야 합니다`),
      ),
      persistenceTimeoutMs: v.optional(
        v.pipe(
          int(1000, 86_400_000, {
            en: 'a whole number of milliseconds from 1000 to 86400000',
            ko: '1000부터 86400000까지의 밀리초 정수여야 합니다',
          }),
          v.multipleOf(
            1000,
            say(
              "must be whole seconds (keepalived's persistence_timeout counts seconds): a multiple of 1000",
              '초 단위여야 합니다(keepalived의 persistence_timeout은 초를 셉니다): 1000의 배수',
            ),
          ),
        ),
      ),
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
  v.forward(
    v.check(
      (s) => s.mode !== 'L7' || (s.forwarding ?? 'full-nat') === 'full-nat',
      say(
        'must be "full-nat" (or left out) in L7: an L7 balancer is a proxy that opens its own connection to the server; the other modes are IPVS\'s, in L4',
        'L7에서는 "full-nat"이어야(또는 빠져야) 합니다: L7 로드밸런서는 서버로 자기 연결을 여는 프록시입니다. 다른 방식은 L4의 IPVS 것입니다',
      ),
    ),
    ['forwarding'],
  ),
  v.forward(
    v.check(
      (s) => s.mode !== 'L7' || s.persistenceTimeoutMs === undefined,
      say(
        'needs "mode": "L4": it is keepalived\'s persistence_timeout for IPVS; in L7 keep a client on its server with "sticky" or ip-hash',
        '"mode": "L4"가 필요합니다: IPVS를 위한 keepalived의 persistence_timeout입니다. L7에서는 "sticky"나 ip-hash로 클라이언트를 서버에 붙이세요',
      ),
    ),
    ['persistenceTimeoutMs'],
  ),
  v.forward(
    v.check(
      (s) =>
        s.mode !== 'L7' ||
        (s.algorithm !== 'weighted-least-connections' &&
          !(s.events ?? []).some((e) => e.action === 'set-algorithm' && e.algorithm === 'weighted-least-connections')),
      say(
        'cannot be "weighted-least-connections" in L7: it is IPVS\'s wlc (L4); nginx\'s least_conn ("least-connections") already weighs',
        'L7에서는 "weighted-least-connections"일 수 없습니다: IPVS의 wlc(L4)입니다. nginx의 least_conn("least-connections")은 이미 가중치를 봅니다',
      ),
    ),
    ['algorithm'],
  ),
  v.forward(
    v.check(
      (s) => {
        const f = s.forwarding ?? 'full-nat';
        if (f !== 'dr' && f !== 'tun') return true;
        const vipPort = s.network?.vipPort ?? 80;
        const added = (s.events ?? []).flatMap((e) => (e.action === 'add-server' && e.server ? [e.server] : []));
        return [...s.servers, ...added].every((x) => x.port === undefined || x.port === vipPort);
      },
      say(
        'gives a server a port other than the VIP\'s: in "dr" and "tun" nothing translates ports, so each server listens on the VIP\'s port (keepalived -t refuses another)',
        '서버에 VIP와 다른 포트를 줍니다: "dr"과 "tun"에서는 포트를 바꾸지 않으므로 서버는 VIP의 포트에서 듣습니다(keepalived -t가 다른 포트를 거부합니다)',
      ),
    ),
    ['servers'],
  ),
  // Active checks are HAProxy's in L7 and keepalived's TCP_CHECK in L4 (health.ts): each
  // tool's own counts, refused in the other mode.
  v.forward(
    v.check(
      (s) => healthFieldFits(s, 'fall', 'L7'),
      say(
        'needs "mode": "L7": it is HAProxy\'s fall; in L4 the checks are keepalived\'s TCP_CHECK, which takes a server out after "retries" + 1 failed checks in a row',
        '"mode": "L7"이 필요합니다: HAProxy의 fall입니다. L4의 검사는 keepalived의 TCP_CHECK로, 연속 "retries" + 1번 실패하면 서버를 뺍니다',
      ),
    ),
    ['healthCheck', 'fall'],
  ),
  v.forward(
    v.check(
      (s) => healthFieldFits(s, 'rise', 'L7'),
      say(
        'needs "mode": "L7": it is HAProxy\'s rise; in L4 keepalived\'s TCP_CHECK puts a server back at its first passed check',
        '"mode": "L7"이 필요합니다: HAProxy의 rise입니다. L4에서 keepalived의 TCP_CHECK는 검사를 한 번 통과하면 서버를 되돌립니다',
      ),
    ),
    ['healthCheck', 'rise'],
  ),
  v.forward(
    v.check(
      (s) => healthFieldFits(s, 'retries', 'L4'),
      say(
        'needs "mode": "L4": it is keepalived\'s retry (TCP_CHECK); in L7 HAProxy counts failed checks with "fall"',
        '"mode": "L4"가 필요합니다: keepalived의 retry(TCP_CHECK)입니다. L7에서 HAProxy는 실패한 검사를 "fall"로 셉니다',
      ),
    ),
    ['healthCheck', 'retries'],
  ),
  v.forward(
    v.check(
      (s) => healthFieldFits(s, 'retryDelayMs', 'L4'),
      say(
        'needs "mode": "L4": it is keepalived\'s delay_before_retry (TCP_CHECK); in L7 HAProxy checks every "intervalMs"',
        '"mode": "L4"가 필요합니다: keepalived의 delay_before_retry(TCP_CHECK)입니다. L7에서 HAProxy는 "intervalMs"마다 검사합니다',
      ),
    ),
    ['healthCheck', 'retryDelayMs'],
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
