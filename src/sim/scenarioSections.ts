import * as v from 'valibot';
import { MAX_BACKLOG, MAX_SERVERS, MAX_WEIGHT } from './defaults.ts';
import { MAX_RATE_PER_SECOND } from './limitRate.ts';
import { say, sayOf } from './said.ts';
import {
  cookieName,
  got,
  headerName,
  int,
  ipv4,
  ms,
  named,
  namesTo,
  noControl,
  objectMessage,
  oneOf,
  positiveMs,
  serverName,
  text,
  trueOrFalse,
} from './scenarioFields.ts';

/** The scenario file's sections, one schema each: servers, requests, load, network, checks, timeouts, L7 (balancers: scenarioBalancers.ts). */

export const weight = int(1, MAX_WEIGHT, {
  en: `a weight from 1 to ${MAX_WEIGHT}`,
  ko: `1부터 ${MAX_WEIGHT}까지의 가중치여야 합니다`,
});
const port = int(1, 65535, { en: 'a TCP port', ko: 'TCP 포트 번호여야 합니다' });
/**
 * A server's address is a host's in its /24: .0 names the network and .255 is its broadcast,
 * so no machine answers there (the real lab's SYNs to 10.0.0.255 went unanswered).
 */
const hostAddress = v.pipe(
  ipv4,
  v.check(
    (ip: string) => !/\.(0|255)$/.test(ip),
    sayOf((i: { input: string }) => ({
      en: `must be a host's address: ${got(i.input)} is its /24's network or broadcast address (.0, .255), where no server answers`,
      ko: `호스트 주소여야 합니다: ${got(i.input)}는 /24의 네트워크 주소나 브로드캐스트 주소(.0, .255)라 어떤 서버도 응답하지 않습니다`,
    })),
  ),
);

export const ServerSchema = v.strictObject(
  {
    name: serverName,
    weight: v.optional(weight),
    ip: v.optional(hostAddress),
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
    backlog: v.optional(
      int(1, MAX_BACKLOG, {
        en: `a listen backlog: how many connections may wait to be accepted (1 to ${MAX_BACKLOG}; nginx's default is 511)`,
        ko: `listen 백로그(수락을 기다릴 수 있는 연결 수, 1~${MAX_BACKLOG}, nginx 기본값 511)여야 합니다`,
      }),
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

/**
 * A header's value as HTTP carries it: no space at either end. nginx and HAProxy strip them as
 * they read the header (its optional whitespace, RFC 9110 §5.5), so a rule for " a" could never match.
 */
const headerValue = v.pipe(
  text(200),
  v.check(
    (t: string) => !/^ | $/.test(t),
    sayOf((i: { input: string }) => ({
      en: `must not start or end with a space: HTTP drops it, so nginx and HAProxy never see it (got ${got(i.input)})`,
      ko: `공백으로 시작하거나 끝날 수 없습니다: HTTP가 버리므로 nginx와 HAProxy는 보지 못합니다 (입력: ${got(i.input)})`,
    })),
  ),
);

export const path = v.pipe(
  v.string(say('must be a path', '경로여야 합니다')),
  noControl,
  v.regex(/^\/[^\s]*$/, say('must start with "/" and hold no spaces', '"/"로 시작하고 공백이 없어야 합니다')),
  v.maxLength(200, say('must be at most 200 characters', '200자 이하여야 합니다')),
);
export const RequestSchema = v.strictObject(
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
        v.record(headerName, headerValue, say('must be an object of header names to values', '헤더 이름과 값으로 된 객체여야 합니다')),
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

export const LoadSchema = v.strictObject(
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

export const NetworkSchema = v.strictObject(
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

export const PassiveSchema = v.strictObject(
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

export const HealthCheckSchema = v.strictObject(
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
    // HAProxy's (L7): failures in a row to take a server out, passes in a row to bring it back.
    fall: v.optional(int(1, 100, { en: 'a number of failed checks', ko: '실패한 검사 횟수여야 합니다' })),
    rise: v.optional(int(1, 100, { en: 'a number of passed checks', ko: '통과한 검사 횟수여야 합니다' })),
    // keepalived's TCP_CHECK (L4): `retry` and `delay_before_retry`.
    retries: v.optional(int(0, 100, { en: 'a number of retries', ko: '재시도 횟수여야 합니다' })),
    retryDelayMs: v.optional(ms(600_000)),
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

export const TimeoutsSchema = v.strictObject(
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
  noControl,
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
  header: v.strictObject({ header: headerName, equals: headerValue }, aMatch),
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
export const RuleSchema = v.strictObject(
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
export const CacheSchema = v.strictObject(
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
  // nginx.conf writes the rate as a whole number (rate=20r/s): a bound keeps it one.
  v.check(
    (l) => (l.requests * 1000) / l.perMs <= MAX_RATE_PER_SECOND,
    say(
      `must allow at most ${MAX_RATE_PER_SECOND.toLocaleString('en-US')} requests per second (make "perMs" longer)`,
      `초당 요청 ${MAX_RATE_PER_SECOND.toLocaleString('en-US')}개 이하여야 합니다("perMs"를 늘리세요)`,
    ),
  ),
);
export const BlockSchema = v.strictObject(
  {
    pathPrefixes: v.optional(pathPrefixes),
    perClient: v.optional(PerClientSchema),
  },
  objectMessage(
    'an object such as {"pathPrefixes": ["/admin"], "perClient": {"requests": 20, "perMs": 1000}}',
    '{"pathPrefixes": ["/admin"], "perClient": {"requests": 20, "perMs": 1000}} 같은 객체',
  ),
);
