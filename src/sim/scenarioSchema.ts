import * as v from 'valibot';
import { ALGORITHMS } from './algorithms/pick.ts';
import { echo, say, sayOf, type Said } from './said.ts';
import { MAX_SERVERS, MAX_WEIGHT } from './defaults.ts';

/**
 * The scenario file: DESIGN.md's contract, validated. Every field but the servers and the
 * traffic has a default; an unknown field is an error, so a typo never passes silently. Every
 * message says what is wrong in English and in Korean (English: "must …" after the field's
 * name; Korean: a whole predicate after "field:").
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
const got = echo;
const text = (max: number) =>
  v.pipe(
    v.string(say('must be text', '문자열이어야 합니다')),
    v.maxLength(max, say(`must be at most ${max} characters`, `${max}자 이하여야 합니다`)),
  );
const named = (re: RegExp, en: string, ko: string) =>
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
const headerName = v.pipe(named(/^[A-Za-z0-9-]{1,40}$/, 'a header name', '헤더 이름(영문자, 숫자, "-", 40자 이하)'), notReserved);
const cookieName = v.pipe(named(/^[A-Za-z0-9_-]{1,40}$/, 'a cookie name', '쿠키 이름(영문자, 숫자, "-", "_", 40자 이하)'), notReserved);
/** The first key of an object that is a reserved name, if any. */
const reservedKey = (x: unknown): string | undefined =>
  x !== null && typeof x === 'object' && !Array.isArray(x) ? Object.keys(x).find((k) => RESERVED_NAME.test(k)) : undefined;
const MAX_NAMES = 100;
/**
 * Names to values (headers, cookies), checked before valibot's record reads them: a reserved
 * name is refused naming it (the record would drop it unseen), and at most MAX_NAMES entries.
 */
const namesTo = <S extends v.GenericSchema>(record: S, what: Said) =>
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
const trueOrFalse = v.boolean(say('must be true or false', 'true 또는 false여야 합니다'));
const oneOf = <const T extends readonly string[]>(options: T, en: string, ko: string) => v.picklist(options, say(en, ko));

const ipv4 = v.pipe(
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
const int = (min: number, max: number, what: Said) =>
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
const ms = (max = 86_400_000) =>
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
const positiveMs = (max = 86_400_000) =>
  v.pipe(
    ms(max),
    v.check((x) => x > 0, say('must be more than 0 ms', '0 ms보다 커야 합니다')),
  );

/** One message for each way an object can be wrong: a missing field, an unknown one, a wrong type. */
const objectMessage = (en: string, ko: string) =>
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

const RESERVED = new Set(['client', 'dns', 'lb1', 'lb2']);
const serverName = v.pipe(
  v.string(say('must be a name such as "s1"', '"s1" 같은 이름이어야 합니다')),
  v.regex(
    /^[A-Za-z][A-Za-z0-9_-]{0,15}$/,
    sayOf((i: { input: string }) => ({
      en: `must start with a letter and hold only letters, digits, "-" or "_", at most 16 (got ${got(i.input)})`,
      ko: `영문자로 시작하고 영문자, 숫자, "-", "_"만 16자 이하로 써야 합니다 (입력: ${got(i.input)})`,
    })),
  ),
  v.check(
    (n) => !RESERVED.has(n),
    sayOf((i: { input: string }) => ({
      en: `${got(i.input)} is the name of another node`,
      ko: `다른 노드가 쓰는 이름입니다 (입력: ${got(i.input)})`,
    })),
  ),
);

export { MAX_SERVERS, MAX_WEIGHT } from './defaults.ts';
/** The longest lists a scenario may hold (requests: 1,000,000, below). */
export const MAX_RULES = 200;
export const MAX_EVENTS = 10_000;
const weight = int(1, MAX_WEIGHT, {
  en: `a weight from 1 to ${MAX_WEIGHT}`,
  ko: `1부터 ${MAX_WEIGHT}까지의 가중치여야 합니다`,
});
const port = int(1, 65535, { en: 'a TCP port', ko: 'TCP 포트 번호여야 합니다' });

export const ServerSchema = v.strictObject(
  {
    name: serverName,
    weight: v.optional(weight),
    ip: v.optional(ipv4),
    port: v.optional(port),
    concurrency: v.optional(
      int(1, 10_000, {
        en: 'the number of requests the server works on at once',
        ko: '서버가 한 번에 처리하는 요청 수여야 합니다',
      }),
    ),
    speed: v.optional(
      v.pipe(
        v.number(say('must be a number', '숫자여야 합니다')),
        v.minValue(0.01, say('must be at least 0.01', '0.01 이상이어야 합니다')),
        v.maxValue(100, say('must be at most 100', '100 이하여야 합니다')),
      ),
    ),
    maxConns: v.optional(int(0, 100_000, { en: 'a connection limit (0 = none)', ko: '연결 수 제한이어야 합니다(0은 제한 없음)' })),
    down: v.optional(trueOrFalse),
    onFailure: v.optional(
      oneOf(
        ['refuse', 'timeout'],
        'must be "refuse" (connections are refused) or "timeout" (nothing answers)',
        '"refuse"(연결 거부) 또는 "timeout"(응답 없음)이어야 합니다',
      ),
    ),
  },
  objectMessage('a server such as {"name": "s1", "weight": 2}', '{"name": "s1", "weight": 2} 같은 서버 객체'),
);

const path = v.pipe(
  v.string(say('must be a path', '경로여야 합니다')),
  v.regex(/^\/[^\s]*$/, say('must start with "/" and hold no spaces', '"/"로 시작하고 공백이 없어야 합니다')),
  v.maxLength(200, say('must be at most 200 characters', '200자 이하여야 합니다')),
);
const RequestSchema = v.strictObject(
  {
    at: ms(),
    client: ipv4,
    method: v.optional(
      oneOf(
        ['GET', 'POST', 'PUT', 'DELETE', 'HEAD'],
        'must be GET, POST, PUT, DELETE or HEAD',
        'GET, POST, PUT, DELETE, HEAD 중 하나여야 합니다',
      ),
    ),
    path: v.optional(path),
    serviceMs: v.optional(ms(3_600_000)),
    headers: v.optional(
      namesTo(
        v.record(headerName, text(200), say('must be an object of header names to values', '헤더 이름과 값으로 된 객체여야 합니다')),
        { en: 'headers', ko: '헤더' },
      ),
    ),
    cookies: v.optional(
      namesTo(
        v.record(cookieName, text(200), say('must be an object of cookie names to values', '쿠키 이름과 값으로 된 객체여야 합니다')),
        { en: 'cookies', ko: '쿠키' },
      ),
    ),
  },
  objectMessage('a request such as {"at": 0, "client": "203.0.113.10"}', '{"at": 0, "client": "203.0.113.10"} 같은 요청 객체'),
);

const LoadSchema = v.strictObject(
  {
    clients: v.union(
      [
        int(1, 1000, { en: 'a number of clients from 1 to 1000', ko: '1부터 1000까지의 클라이언트 수여야 합니다' }),
        v.pipe(
          v.array(ipv4, say('must be a list of client addresses', '클라이언트 주소 목록이어야 합니다')),
          v.minLength(1, say('must name at least one client', '클라이언트를 하나 이상 적어야 합니다')),
          v.maxLength(1000, say('must name at most 1000 clients', '클라이언트는 최대 1000개까지입니다')),
        ),
      ],
      say('must be a number of clients or a list of client addresses', '클라이언트 수나 클라이언트 주소 목록이어야 합니다'),
    ),
    ratePerSec: v.pipe(
      v.number(say('must be requests per second', '초당 요청 수여야 합니다')),
      v.minValue(0.001, say('must be more than 0', '0보다 커야 합니다')),
      v.maxValue(10_000_000, say('must be at most 10,000,000', '10,000,000 이하여야 합니다')),
    ),
    durationMs: positiveMs(1_000_000_000),
    serviceMs: v.optional(ms(3_600_000)),
    paths: v.optional(
      v.pipe(
        v.array(path, say('must be a list of paths', '경로 목록이어야 합니다')),
        v.minLength(1, say('must name at least one path', '경로를 하나 이상 적어야 합니다')),
        v.maxLength(100, say('must name at most 100 paths', '경로는 최대 100개까지입니다')),
      ),
    ),
  },
  objectMessage(
    'a load such as {"clients": 4, "ratePerSec": 10, "durationMs": 5000}',
    '{"clients": 4, "ratePerSec": 10, "durationMs": 5000} 같은 부하 객체',
  ),
);

const NetworkSchema = v.strictObject(
  {
    serviceName: v.optional(
      v.pipe(
        named(/^[a-z0-9.-]+$/i, 'a host name', '호스트 이름'),
        v.maxLength(40, say('must be at most 40 characters', '40자 이하여야 합니다')),
      ),
    ),
    vip: v.optional(ipv4),
    vipPort: v.optional(port),
    balancerIps: v.optional(
      v.pipe(
        v.array(ipv4, say('must be a list of two addresses', '주소 두 개의 목록이어야 합니다')),
        v.length(2, say("must give the two balancers' inside addresses", '두 로드밸런서의 내부 주소 두 개여야 합니다')),
      ),
    ),
    clientLatencyMs: v.optional(ms(10_000)),
    serverLatencyMs: v.optional(ms(10_000)),
    dnsLatencyMs: v.optional(ms(10_000)),
    dnsTtlMs: v.optional(ms()),
    balancerMs: v.optional(ms(1000)),
    proxyMs: v.optional(ms(1000)),
    natSource: v.optional(oneOf(['vip', 'balancer'], 'must be "vip" or "balancer"', '"vip" 또는 "balancer"여야 합니다')),
    handshakes: v.optional(trueOrFalse),
  },
  objectMessage('an object of network settings', '네트워크 설정 객체'),
);

const PassiveSchema = v.strictObject(
  {
    maxFails: v.optional(
      int(0, 1000, {
        en: 'a number of failures (0 = never mark down)',
        ko: '실패 횟수여야 합니다(0은 다운으로 표시하지 않음)',
      }),
    ),
    failTimeoutMs: v.optional(ms()),
  },
  objectMessage('an object such as {"maxFails": 1, "failTimeoutMs": 10000}', '{"maxFails": 1, "failTimeoutMs": 10000} 같은 객체'),
);

const HealthCheckSchema = v.strictObject(
  {
    intervalMs: v.optional(
      v.pipe(
        ms(600_000),
        v.minValue(
          100,
          sayOf((i: { input: number }) => ({
            en: `must be at least 100 ms (got ${i.input})`,
            ko: `100 ms 이상이어야 합니다 (입력: ${i.input})`,
          })),
        ),
      ),
    ),
    fall: v.optional(int(1, 100, { en: 'a number of failed checks', ko: '실패한 검사 횟수여야 합니다' })),
    rise: v.optional(int(1, 100, { en: 'a number of passed checks', ko: '통과한 검사 횟수여야 합니다' })),
    timeoutMs: v.optional(
      v.pipe(
        ms(600_000),
        v.minValue(
          1,
          sayOf((i: { input: number }) => ({
            en: `must be at least 1 ms (got ${i.input})`,
            ko: `1 ms 이상이어야 합니다 (입력: ${i.input})`,
          })),
        ),
      ),
    ),
  },
  objectMessage('an object such as {"intervalMs": 2000, "fall": 3, "rise": 2}', '{"intervalMs": 2000, "fall": 3, "rise": 2} 같은 객체'),
);

const BalancersSchema = v.strictObject(
  {
    advertIntervalMs: v.optional(positiveMs(60_000)),
    priorities: v.optional(
      v.pipe(
        v.array(
          int(1, 254, { en: 'a VRRP priority from 1 to 254', ko: '1부터 254까지의 VRRP 우선순위여야 합니다' }),
          say('must be a list of two priorities', '우선순위 두 개의 목록이어야 합니다'),
        ),
        v.length(2, say("must give the two balancers' priorities", '두 로드밸런서의 우선순위 두 개여야 합니다')),
        v.check(
          (p) => p[0] !== p[1],
          say('must differ, so that one balancer is the master', '서로 달라야 합니다(그래야 한쪽이 마스터가 됩니다)'),
        ),
      ),
    ),
    sync: v.optional(trueOrFalse),
    preempt: v.optional(trueOrFalse),
    version: v.optional(
      v.picklist(
        [2, 3],
        say("must be 2 (VRRPv2, keepalived's default) or 3 (VRRPv3)", '2(VRRPv2, keepalived 기본값) 또는 3(VRRPv3)이어야 합니다'),
      ),
    ),
  },
  objectMessage('an object such as {"priorities": [150, 100], "sync": false}', '{"priorities": [150, 100], "sync": false} 같은 객체'),
);

/** VRRPv2 sends adverts in whole seconds, VRRPv3 in centiseconds (RFC 3768 §5.3.7, RFC 5798 §5.2.7). */
const advertsWhole = v.forward(
  v.check(
    (b: v.InferOutput<typeof BalancersSchema>) =>
      b.advertIntervalMs === undefined || b.advertIntervalMs % ((b.version ?? 2) === 2 ? 1000 : 10) === 0,
    sayOf((i: { input: { version?: number; advertIntervalMs?: number } }) =>
      (i.input.version ?? 2) === 2
        ? {
            en: `must be whole seconds with VRRPv2, keepalived's default (got ${i.input.advertIntervalMs}): use 1000, 2000… or set "version": 3`,
            ko: `VRRPv2(keepalived 기본값)에서는 초 단위여야 합니다 (입력: ${i.input.advertIntervalMs}): 1000, 2000… 처럼 쓰거나 "version": 3으로 설정하세요`,
          }
        : {
            en: `must be a multiple of 10 ms with VRRPv3 (got ${i.input.advertIntervalMs})`,
            ko: `VRRPv3에서는 10 ms의 배수여야 합니다 (입력: ${i.input.advertIntervalMs})`,
          },
    ),
  ),
  ['advertIntervalMs'],
);
const BalancersChecked = v.pipe(BalancersSchema, advertsWhole);

const TimeoutsSchema = v.strictObject(
  {
    connectMs: v.optional(positiveMs(600_000)),
    readMs: v.optional(positiveMs(3_600_000)),
    clientMs: v.optional(positiveMs(3_600_000)),
  },
  objectMessage(
    'an object such as {"connectMs": 60000, "readMs": 60000, "clientMs": 30000}',
    '{"connectMs": 60000, "readMs": 60000, "clientMs": 30000} 같은 객체',
  ),
);

const pathPrefix = v.pipe(
  v.string(say('must be a path prefix', '경로 접두사여야 합니다')),
  v.maxLength(200, say('must be at most 200 characters', '200자 이하여야 합니다')),
  v.regex(/^\/\S*$/, say('must start with "/" and hold no spaces', '"/"로 시작하고 공백이 없어야 합니다')),
);
const pathPrefixes = v.pipe(
  v.array(pathPrefix, say('must be a list of path prefixes', '경로 접두사 목록이어야 합니다')),
  v.maxLength(50, say('must hold at most 50 path prefixes', '경로 접두사는 최대 50개까지입니다')),
);
/** A header's or cookie's value, as a request's are. */
const equals = text(200);
const matchMessage = say(
  'must be {"pathPrefix": "/search"}, {"header": "X-Beta", "equals": "1"} or {"cookie": "beta", "equals": "1"}',
  '{"pathPrefix": "/search"}, {"header": "X-Beta", "equals": "1"}, {"cookie": "beta", "equals": "1"} 중 하나여야 합니다',
);
const aMatch = objectMessage('a match such as {"header": "X-Beta", "equals": "1"}', '{"header": "X-Beta", "equals": "1"} 같은 조건 객체');
const MATCHES = {
  pathPrefix: v.strictObject({ pathPrefix }, aMatch),
  header: v.strictObject({ header: headerName, equals }, aMatch),
  cookie: v.strictObject({ cookie: cookieName, equals }, aMatch),
};
const anyMatch = v.union([MATCHES.pathPrefix, MATCHES.header, MATCHES.cookie], matchMessage);
/**
 * A rule's match, read by the one key it has ("pathPrefix", "header" or "cookie"), so that what
 * is wrong inside it is named ("rules[0].match.equals" …); anything else gets the union's message.
 */
const ruleMatch = v.lazy((x: unknown) => {
  if (x === null || typeof x !== 'object' || Array.isArray(x)) return anyMatch;
  const kinds = (['pathPrefix', 'header', 'cookie'] as const).filter((k) => Object.hasOwn(x, k));
  return kinds.length === 1 ? MATCHES[kinds[0]!] : anyMatch;
});
const RuleSchema = v.strictObject(
  {
    match: ruleMatch,
    servers: v.pipe(
      v.array(serverName, say('must be a list of server names', '서버 이름 목록이어야 합니다')),
      v.minLength(1, say('must name at least one server', '서버를 하나 이상 적어야 합니다')),
      v.maxLength(MAX_SERVERS, say(`must name at most ${MAX_SERVERS} servers`, `서버는 최대 ${MAX_SERVERS}대까지입니다`)),
    ),
  },
  objectMessage(
    'a rule such as {"match": {"pathPrefix": "/search"}, "servers": ["s1"]}',
    '{"match": {"pathPrefix": "/search"}, "servers": ["s1"]} 같은 규칙 객체',
  ),
);
const CacheSchema = v.strictObject(
  {
    pathPrefixes,
    ttlMs: v.optional(positiveMs()),
  },
  objectMessage(
    'an object such as {"pathPrefixes": ["/static"], "ttlMs": 60000}',
    '{"pathPrefixes": ["/static"], "ttlMs": 60000} 같은 객체',
  ),
);
/**
 * `perClient` is nginx's limit_req per client address: `limit_req_zone $binary_remote_addr
 * rate=…` with `requests` per `perMs` as the rate (perMs 1000 = r/s, 60000 = r/m; see
 * milliRate in l7.ts), `limit_req … burst=<burst> nodelay`, and `limit_req_status <status>`
 * (nginx allows 400–599, default 503).
 */
const PerClientSchema = v.pipe(
  v.strictObject(
    {
      requests: int(1, 100_000, { en: 'a number of requests', ko: '요청 수여야 합니다' }),
      perMs: positiveMs(),
      burst: v.optional(
        int(0, 100_000, {
          en: "a number of requests let through at once above the rate (nginx's burst=N nodelay; 0 = none)",
          ko: '비율을 넘어 한꺼번에 통과시키는 요청 수여야 합니다(nginx의 burst=N nodelay, 0은 없음)',
        }),
      ),
      status: v.optional(
        int(400, 599, {
          en: "the status a rejected request gets, from 400 to 599 (nginx's limit_req_status; 503 by default)",
          ko: '거부된 요청이 받는 400부터 599까지의 상태 코드여야 합니다(nginx의 limit_req_status, 기본 503)',
        }),
      ),
    },
    objectMessage('an object such as {"requests": 20, "perMs": 1000, "burst": 5}', '{"requests": 20, "perMs": 1000, "burst": 5} 같은 객체'),
  ),
  // nginx's lowest rate is 1r/m (rate=0 is refused): at least one request per 60000 ms.
  v.check(
    (l) => l.requests * 60_000 >= l.perMs,
    say(
      "must allow at least 1 request per minute (60000 ms), nginx's lowest rate",
      '1분(60000 ms)에 요청 1개 이상이어야 합니다(nginx가 허용하는 가장 낮은 비율)',
    ),
  ),
);
const BlockSchema = v.strictObject(
  {
    pathPrefixes: v.optional(pathPrefixes),
    perClient: v.optional(PerClientSchema),
  },
  objectMessage(
    'an object such as {"pathPrefixes": ["/admin"], "perClient": {"requests": 20, "perMs": 1000}}',
    '{"pathPrefixes": ["/admin"], "perClient": {"requests": 20, "perMs": 1000}} 같은 객체',
  ),
);

export const NODE_TARGET = /^(lb1|lb2)$/;
const failTarget = named(/^[A-Za-z][A-Za-z0-9_-]{0,15}$/, 'the name of a server, or "lb1"/"lb2"', '서버 이름이나 "lb1"/"lb2"');
const algorithm = oneOf(ALGORITHMS, `must be one of ${ALGORITHMS.join(', ')}`, `${ALGORITHMS.join(', ')} 중 하나여야 합니다`);

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
    else if (e.target !== undefined && !NODE_TARGET.test(e.target) && !present.has(e.target)) return false;
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
  v.check((s) => !(s.requests && s.load), say('give "requests" or "load", not both', '"requests"와 "load" 중 하나만 있어야 합니다')),
  v.check(
    (s) => !!(s.requests || s.load),
    say('needs traffic: a "requests" list or a "load"', '트래픽이 필요합니다: "requests" 목록이나 "load"를 넣으세요'),
  ),
  v.forward(
    v.check((s) => {
      const known = knownServers(s);
      return (s.events ?? []).every((e) => !('target' in e) || known.has(e.target) || NODE_TARGET.test(e.target));
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
