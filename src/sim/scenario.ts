import * as v from 'valibot';
import { ALGORITHMS, type Algorithm } from './algorithms/pick.ts';

/**
 * The scenario file: DESIGN.md's contract, validated. Every field but the servers and the
 * traffic has a default; an unknown field is an error, so a typo never passes silently.
 */

const ipv4 = v.pipe(
  v.string('must be an IPv4 address such as "203.0.113.10"'),
  v.regex(/^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/,
    (i) => `must be an IPv4 address such as "203.0.113.10" (got ${JSON.stringify(i.input)})`),
);
const int = (min: number, max: number, what: string) =>
  v.pipe(
    v.number(`must be ${what}`),
    v.integer((i) => `must be a whole number (got ${i.input})`),
    v.minValue(min, (i) => `must be at least ${min} (got ${i.input})`),
    v.maxValue(max, (i) => `must be at most ${max} (got ${i.input})`),
  );
const ms = (max = 86_400_000) =>
  v.pipe(
    v.number('must be a time in milliseconds'),
    v.finite('must be a finite number of milliseconds'),
    v.minValue(0, (i) => `must not be negative (got ${i.input})`),
    v.maxValue(max, (i) => `must be at most ${max} ms (got ${i.input})`),
  );
const positiveMs = (max = 86_400_000) =>
  v.pipe(ms(max), v.check((x) => x > 0, 'must be more than 0 ms'));

/** One message for each way an object can be wrong: a missing field, an unknown one, a wrong type. */
const objectMessage = (what: string) => (i: v.BaseIssue<unknown>) =>
  i.received === 'undefined' ? 'is missing'
    : i.expected === 'never' ? 'is not a field the scenario file knows (check its spelling)'
    : `must be ${what} (got ${describe(i.input)})`;

const RESERVED = new Set(['client', 'dns', 'lb1', 'lb2']);
const serverName = v.pipe(
  v.string('must be a name such as "s1"'),
  v.regex(/^[A-Za-z][A-Za-z0-9_-]{0,15}$/, (i) =>
    `must start with a letter and hold only letters, digits, "-" or "_", at most 16 (got ${JSON.stringify(i.input)})`),
  v.check((n) => !RESERVED.has(n), (i) => `${JSON.stringify(i.input)} is the name of another node`),
);

export const MAX_SERVERS = 30;
export const MAX_WEIGHT = 100;

const ServerSchema = v.strictObject({
  name: serverName,
  weight: v.optional(int(1, MAX_WEIGHT, `a weight from 1 to ${MAX_WEIGHT}`)),
  ip: v.optional(ipv4),
  port: v.optional(int(1, 65535, 'a TCP port')),
  concurrency: v.optional(int(1, 10_000, 'the number of requests the server works on at once')),
  speed: v.optional(v.pipe(v.number('must be a number'), v.minValue(0.01, 'must be at least 0.01'), v.maxValue(100, 'must be at most 100'))),
  maxConns: v.optional(int(0, 100_000, 'a connection limit (0 = none)')),
  down: v.optional(v.boolean('must be true or false')),
  onFailure: v.optional(v.picklist(['refuse', 'timeout'], 'must be "refuse" (connections are refused) or "timeout" (nothing answers)')),
}, objectMessage('a server such as {"name": "s1", "weight": 2}'));

const RequestSchema = v.strictObject({
  at: ms(),
  client: ipv4,
  method: v.optional(v.picklist(['GET', 'POST', 'PUT', 'DELETE', 'HEAD'], 'must be GET, POST, PUT, DELETE or HEAD')),
  path: v.optional(v.pipe(v.string('must be a path'), v.regex(/^\/[^\s]*$/, 'must start with "/" and hold no spaces'), v.maxLength(200, 'must be at most 200 characters'))),
  serviceMs: v.optional(ms(3_600_000)),
  headers: v.optional(v.record(v.pipe(v.string(), v.regex(/^[A-Za-z0-9-]{1,40}$/, 'must be a header name')), v.pipe(v.string('must be text'), v.maxLength(200, 'must be at most 200 characters')), 'must be an object of header names to values')),
  cookies: v.optional(v.record(v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,40}$/, 'must be a cookie name')), v.pipe(v.string('must be text'), v.maxLength(200, 'must be at most 200 characters')), 'must be an object of cookie names to values')),
}, objectMessage('a request such as {"at": 0, "client": "203.0.113.10"}'));

const LoadSchema = v.strictObject({
  clients: v.union([
    int(1, 1000, 'a number of clients from 1 to 1000'),
    v.pipe(v.array(ipv4, 'must be a list of client addresses'), v.minLength(1, 'must name at least one client')),
  ], 'must be a number of clients or a list of client addresses'),
  ratePerSec: v.pipe(v.number('must be requests per second'), v.minValue(0.001, 'must be more than 0'), v.maxValue(10_000_000, 'must be at most 10,000,000')),
  durationMs: positiveMs(1_000_000_000),
  serviceMs: v.optional(ms(3_600_000)),
  paths: v.optional(v.pipe(v.array(v.pipe(v.string(), v.regex(/^\/[^\s]*$/, 'must start with "/"'))), v.minLength(1, 'must name at least one path'))),
}, objectMessage('a load such as {"clients": 4, "ratePerSec": 10, "durationMs": 5000}'));

const NetworkSchema = v.strictObject({
  serviceName: v.optional(v.pipe(v.string(), v.regex(/^[a-z0-9.-]+$/i, 'must be a host name'))),
  vip: v.optional(ipv4),
  vipPort: v.optional(int(1, 65535, 'a TCP port')),
  balancerIps: v.optional(v.pipe(v.array(ipv4), v.length(2, 'must give the two balancers\' inside addresses'))),
  clientLatencyMs: v.optional(ms(10_000)),
  serverLatencyMs: v.optional(ms(10_000)),
  dnsLatencyMs: v.optional(ms(10_000)),
  dnsTtlMs: v.optional(ms()),
  balancerMs: v.optional(ms(1000)),
  proxyMs: v.optional(ms(1000)),
  natSource: v.optional(v.picklist(['vip', 'balancer'], 'must be "vip" or "balancer"')),
  handshakes: v.optional(v.boolean('must be true or false')),
}, objectMessage('an object of network settings'));

const PassiveSchema = v.strictObject({
  maxFails: v.optional(int(0, 1000, 'a number of failures (0 = never mark down)')),
  failTimeoutMs: v.optional(ms()),
}, objectMessage('an object such as {"maxFails": 1, "failTimeoutMs": 10000}'));

const HealthCheckSchema = v.strictObject({
  intervalMs: v.optional(positiveMs(600_000)),
  fall: v.optional(int(1, 100, 'a number of failed checks')),
  rise: v.optional(int(1, 100, 'a number of passed checks')),
  timeoutMs: v.optional(positiveMs(600_000)),
}, objectMessage('an object such as {"intervalMs": 2000, "fall": 3, "rise": 2}'));

const BalancersSchema = v.strictObject({
  advertIntervalMs: v.optional(positiveMs(60_000)),
  priorities: v.optional(v.pipe(v.array(int(1, 254, 'a VRRP priority from 1 to 254')), v.length(2, 'must give the two balancers\' priorities'),
    v.check((p) => p[0] !== p[1], 'must differ, so that one balancer is the master'))),
  sync: v.optional(v.boolean('must be true or false')),
  preempt: v.optional(v.boolean('must be true or false')),
}, objectMessage('an object such as {"priorities": [150, 100], "sync": false}'));

const TimeoutsSchema = v.strictObject({
  connectMs: v.optional(positiveMs(600_000)),
  readMs: v.optional(positiveMs(3_600_000)),
  clientMs: v.optional(positiveMs(3_600_000)),
}, objectMessage('an object such as {"connectMs": 60000, "readMs": 60000, "clientMs": 30000}'));

const pathPrefix = v.pipe(v.string('must be a path prefix'), v.regex(/^\/\S*$/, 'must start with "/" and hold no spaces'));
const RuleSchema = v.strictObject({
  match: v.union([
    v.strictObject({ pathPrefix }),
    v.strictObject({ header: v.pipe(v.string(), v.regex(/^[A-Za-z0-9-]{1,40}$/, 'must be a header name')), equals: v.string() }),
    v.strictObject({ cookie: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,40}$/, 'must be a cookie name')), equals: v.string() }),
  ], 'must be {"pathPrefix": "/search"}, {"header": "X-Beta", "equals": "1"} or {"cookie": "beta", "equals": "1"}'),
  servers: v.pipe(v.array(serverName, 'must be a list of server names'), v.minLength(1, 'must name at least one server')),
}, objectMessage('a rule such as {"match": {"pathPrefix": "/search"}, "servers": ["s1"]}'));
const CacheSchema = v.strictObject({
  pathPrefixes: v.array(pathPrefix, 'must be a list of path prefixes'),
  ttlMs: v.optional(positiveMs()),
}, objectMessage('an object such as {"pathPrefixes": ["/static"], "ttlMs": 60000}'));
const BlockSchema = v.strictObject({
  pathPrefixes: v.optional(v.array(pathPrefix, 'must be a list of path prefixes')),
  perClient: v.optional(v.strictObject({ requests: int(1, 100_000, 'a number of requests'), perMs: positiveMs() }, objectMessage('an object such as {"requests": 20, "perMs": 1000}'))),
}, objectMessage('an object such as {"pathPrefixes": ["/admin"], "perClient": {"requests": 20, "perMs": 1000}}'));

const NODE_TARGET = /^(lb1|lb2)$/;
const failTarget = v.pipe(v.string('must name a server or "lb1"/"lb2"'), v.regex(/^[A-Za-z][A-Za-z0-9_-]{0,15}$/, 'must name a server or "lb1"/"lb2"'));

const EVENT_ACTIONS = ['set-algorithm', 'set-weight', 'add-server', 'remove-server', 'set-load', 'request', 'fail', 'restore'] as const;
const EventSchema = v.variant('action', [
  v.strictObject({ at: ms(), action: v.literal('set-algorithm'), algorithm: v.picklist(ALGORITHMS, `must be one of ${ALGORITHMS.join(', ')}`) }, objectMessage('an event')),
  v.strictObject({ at: ms(), action: v.literal('set-weight'), target: serverName, weight: int(1, MAX_WEIGHT, `a weight from 1 to ${MAX_WEIGHT}`) }, objectMessage('an event')),
  v.strictObject({ at: ms(), action: v.literal('add-server'), server: ServerSchema }, objectMessage('an event')),
  v.strictObject({ at: ms(), action: v.literal('remove-server'), target: serverName }, objectMessage('an event')),
  v.strictObject({
    at: ms(), action: v.literal('set-load'),
    clients: v.optional(LoadSchema.entries.clients),
    ratePerSec: v.optional(LoadSchema.entries.ratePerSec),
    durationMs: v.optional(LoadSchema.entries.durationMs),
    serviceMs: v.optional(ms(3_600_000)),
  }, objectMessage('an event')),
  v.strictObject({ action: v.literal('request'), ...RequestSchema.entries }, objectMessage('an event')),
  v.strictObject({ at: ms(), action: v.literal('fail'), target: failTarget }, objectMessage('an event')),
  v.strictObject({ at: ms(), action: v.literal('restore'), target: failTarget }, objectMessage('an event')),
], (i) => `"action" must be one of ${EVENT_ACTIONS.join(', ')} (got ${JSON.stringify((i.input as { action?: unknown } | null)?.action)})`);

/** Every server name a scenario can refer to: its servers and those its events add. */
function knownServers(s: { servers: { name: string }[]; events?: { action: string; server?: { name: string } }[] }): Set<string> {
  const names = new Set(s.servers.map((x) => x.name));
  for (const e of s.events ?? []) if (e.server) names.add(e.server.name);
  return names;
}

export const ScenarioSchema = v.pipe(
  v.strictObject({
    seed: v.optional(int(0, 2 ** 32 - 1, 'a whole number seed')),
    mode: v.optional(v.picklist(['L4', 'L7'], 'must be "L4" or "L7"')),
    rules: v.optional(v.array(RuleSchema, 'must be a list of routing rules')),
    cache: v.optional(CacheSchema),
    block: v.optional(BlockSchema),
    sticky: v.optional(v.strictObject({ cookie: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,40}$/, 'must be a cookie name')) }, objectMessage('an object such as {"cookie": "route"}'))),
    sessions: v.optional(v.strictObject({ loginPath: v.pipe(v.string(), v.regex(/^\/\S*$/, 'must start with "/"')) }, objectMessage('an object such as {"loginPath": "/login"}'))),
    algorithm: v.optional(v.picklist(ALGORITHMS, `must be one of ${ALGORITHMS.join(', ')}`)),
    servers: v.pipe(
      v.array(ServerSchema, 'must be a list of servers'),
      v.minLength(1, 'must list at least one server'),
      v.maxLength(MAX_SERVERS, `must list at most ${MAX_SERVERS} servers`),
    ),
    requests: v.optional(v.pipe(v.array(RequestSchema, 'must be a list of requests'), v.maxLength(1_000_000, 'must hold at most 1,000,000 requests'))),
    load: v.optional(LoadSchema),
    network: v.optional(NetworkSchema),
    passive: v.optional(PassiveSchema),
    events: v.optional(v.array(EventSchema, 'must be a list of events')),
    healthCheck: v.optional(HealthCheckSchema),
    balancers: v.optional(BalancersSchema),
    timeouts: v.optional(TimeoutsSchema),
  }, objectMessage('a JSON object')),
  v.forward(v.check((s) => new Set(s.servers.map((x) => x.name)).size === s.servers.length, 'names two servers alike: each needs its own name'), ['servers']),
  v.check((s) => !(s.requests && s.load), 'give "requests" or "load", not both'),
  v.check((s) => !!(s.requests || s.load), 'needs traffic: a "requests" list or a "load"'),
  v.forward(v.check((s) => {
    const known = knownServers(s);
    return (s.events ?? []).every((e) => !('target' in e) || known.has(e.target) || NODE_TARGET.test(e.target));
  }, 'names a server that the scenario does not have'), ['events']),
  v.check((s) => knownServers(s).size <= MAX_SERVERS, `can have at most ${MAX_SERVERS} servers, added ones included`),
  v.forward(v.check((s) => (s.rules ?? []).every((r) => r.servers.every((n) => knownServers(s).has(n))), 'names a server that the scenario does not have'), ['rules']),
  v.check((s) => s.mode === 'L7' || !(s.rules || s.cache || s.block || s.sticky),
    '"rules", "cache", "block" and "sticky" need "mode": "L7": an L4 balancer never reads the HTTP request'),
);

export type ScenarioInput = v.InferInput<typeof ScenarioSchema>;
export type ScenarioEvent = v.InferOutput<typeof EventSchema>;

function describe(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'a list';
  return typeof x;
}

export interface ServerConfig {
  name: string;
  weight: number;
  ip: string;
  port: number;
  concurrency: number;
  speed: number;
  maxConns: number;
  /** nginx's `down` parameter: configured out of the rotation. */
  down: boolean;
  /** How the server behaves while failed: it refuses connections, or nothing answers. */
  onFailure: 'refuse' | 'timeout';
}

export interface RequestSpec {
  at: number;
  client: string;
  method: string;
  path: string;
  serviceMs: number;
  headers?: Record<string, string>;
  cookies?: Record<string, string>;
}

export type RuleMatch = { pathPrefix: string } | { header: string; equals: string } | { cookie: string; equals: string };

export interface LoadSpec {
  clients: string[];
  ratePerSec: number;
  durationMs: number;
  serviceMs: number;
  paths: string[];
}

export interface Network {
  serviceName: string;
  vip: string;
  vipPort: number;
  balancerIps: [string, string];
  clientLatencyMs: number;
  serverLatencyMs: number;
  dnsLatencyMs: number;
  dnsTtlMs: number;
  balancerMs: number;
  /** An L7 balancer's extra work per request: parsing HTTP, applying rules, proxying. */
  proxyMs: number;
  natSource: 'vip' | 'balancer';
  /**
   * Model each connection's TCP handshake (SYN, SYN-ACK, ACK) and its round trip. Off: the
   * connections are taken as already open (keep-alive), so only requests and responses travel.
   */
  handshakes: boolean;
}

/** A scenario with every default filled in: what the engine runs. */
export interface Scenario {
  seed: number;
  mode: 'L4' | 'L7';
  algorithm: Algorithm;
  rules: { match: RuleMatch; servers: string[] }[];
  cache: { pathPrefixes: string[]; ttlMs: number } | null;
  block: { pathPrefixes: string[]; perClient: { requests: number; perMs: number } | null } | null;
  sticky: { cookie: string } | null;
  sessions: { loginPath: string } | null;
  servers: ServerConfig[];
  requests: RequestSpec[] | null;
  load: LoadSpec | null;
  network: Network;
  passive: { maxFails: number; failTimeoutMs: number };
  /** Active health checks (HAProxy's defaults), or null when off. */
  healthCheck: { intervalMs: number; fall: number; rise: number; timeoutMs: number } | null;
  /** VRRP between lb1 and lb2, as keepalived runs it. */
  balancers: { advertIntervalMs: number; priorities: [number, number]; sync: boolean; preempt: boolean };
  /** nginx's proxy_connect_timeout and proxy_read_timeout; how long a client waits in all. */
  timeouts: { connectMs: number; readMs: number; clientMs: number };
  events: ScenarioEvent[];
}

export const DEFAULT_CLIENTS = ['203.0.113.10', '192.0.2.77', '100.64.3.9', '198.18.7.21', '203.0.114.5', '192.0.3.140'];
export const DEFAULT_SERVICE_MS = 20;

export type ParseResult = { ok: true; scenario: Scenario } | { ok: false; error: string };

/** Validates untrusted input; on failure, one message naming the field and the problem. */
export function parseScenario(input: unknown): ParseResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, error: `the scenario must be a JSON object (got ${describe(input)})` };
  }
  const r = v.safeParse(ScenarioSchema, input, { abortEarly: true });
  if (!r.success) {
    const issue = r.issues[0];
    const path = issue ? v.getDotPath(issue) : null;
    const where = path ? `"${formatPath(issue?.path)}"` : 'the scenario';
    return { ok: false, error: `${where} ${issue?.message ?? 'is not valid'}` };
  }
  return { ok: true, scenario: resolveScenario(r.output) };
}

function formatPath(path: readonly { key: unknown }[] | undefined): string {
  let out = '';
  for (const item of path ?? []) {
    out += typeof item.key === 'number' ? `[${item.key}]` : (out ? '.' : '') + String(item.key);
  }
  return out;
}

/** Parses JSON text as a scenario; bad JSON gets the same kind of message. */
export function parseScenarioText(text: string): ParseResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `the scenario is not valid JSON: ${(e as Error).message}` };
  }
  return parseScenario(json);
}

/** A load's clients: the listed addresses, or the first n of the defaults. */
export function clientList(clients: number | string[]): string[] {
  if (Array.isArray(clients)) return clients;
  return Array.from({ length: clients }, (_, i) => {
    const round = Math.floor(i / DEFAULT_CLIENTS.length);
    const base = DEFAULT_CLIENTS[i % DEFAULT_CLIENTS.length]!;
    if (round === 0) return base;
    // Beyond the named defaults, each extra client gets a /24 of its own so ip_hash spreads them.
    const [a, b, c, d] = base.split('.').map(Number) as [number, number, number, number];
    return `${a}.${b}.${(c + round * 7) % 256}.${(d + round) % 254 + 1}`;
  });
}

/** A server entry with its defaults: the i-th server gets 10.0.0.(11 + i):8080. */
export function serverConfig(x: v.InferOutput<typeof ServerSchema>, i: number): ServerConfig {
  return {
    name: x.name,
    weight: x.weight ?? 1,
    ip: x.ip ?? `10.0.0.${11 + i}`,
    port: x.port ?? 8080,
    concurrency: x.concurrency ?? 32,
    speed: x.speed ?? 1,
    maxConns: x.maxConns ?? 0,
    down: x.down ?? false,
    onFailure: x.onFailure ?? 'refuse',
  };
}

function resolveScenario(s: v.InferOutput<typeof ScenarioSchema>): Scenario {
  const n = s.network ?? {};
  const servers = s.servers.map(serverConfig);
  const serviceMs = s.load?.serviceMs ?? DEFAULT_SERVICE_MS;
  return {
    seed: s.seed ?? 1,
    mode: s.mode ?? 'L4',
    rules: (s.rules ?? []).map((r) => ({ match: r.match, servers: r.servers })),
    cache: s.cache ? { pathPrefixes: s.cache.pathPrefixes, ttlMs: s.cache.ttlMs ?? 60_000 } : null,
    block: s.block ? { pathPrefixes: s.block.pathPrefixes ?? [], perClient: s.block.perClient ?? null } : null,
    sticky: s.sticky ?? null,
    sessions: s.sessions ?? null,
    algorithm: s.algorithm ?? 'round-robin',
    servers,
    requests: s.requests
      ? s.requests.map((r) => ({
          at: r.at,
          client: r.client,
          method: r.method ?? 'GET',
          path: r.path ?? '/',
          serviceMs: r.serviceMs ?? DEFAULT_SERVICE_MS,
          ...(r.headers ? { headers: r.headers } : {}),
          ...(r.cookies ? { cookies: r.cookies } : {}),
        }))
      : null,
    load: s.load
      ? {
          clients: clientList(s.load.clients),
          ratePerSec: s.load.ratePerSec,
          durationMs: s.load.durationMs,
          serviceMs,
          paths: s.load.paths ?? ['/'],
        }
      : null,
    network: {
      serviceName: n.serviceName ?? 'www.example.com',
      vip: n.vip ?? '198.51.100.1',
      vipPort: n.vipPort ?? 80,
      balancerIps: (n.balancerIps as [string, string] | undefined) ?? ['10.0.0.2', '10.0.0.3'],
      clientLatencyMs: n.clientLatencyMs ?? 10,
      serverLatencyMs: n.serverLatencyMs ?? 1,
      dnsLatencyMs: n.dnsLatencyMs ?? 5,
      dnsTtlMs: n.dnsTtlMs ?? 300_000,
      balancerMs: n.balancerMs ?? 0.1,
      proxyMs: n.proxyMs ?? 0.5,
      natSource: n.natSource ?? 'vip',
      handshakes: n.handshakes ?? false,
    },
    passive: { maxFails: s.passive?.maxFails ?? 1, failTimeoutMs: s.passive?.failTimeoutMs ?? 10_000 },
    healthCheck: s.healthCheck
      ? {
          intervalMs: s.healthCheck.intervalMs ?? 2000,
          fall: s.healthCheck.fall ?? 3,
          rise: s.healthCheck.rise ?? 2,
          timeoutMs: s.healthCheck.timeoutMs ?? s.healthCheck.intervalMs ?? 2000,
        }
      : null,
    balancers: {
      advertIntervalMs: s.balancers?.advertIntervalMs ?? 1000,
      priorities: (s.balancers?.priorities as [number, number] | undefined) ?? [150, 100],
      sync: s.balancers?.sync ?? false,
      preempt: s.balancers?.preempt ?? true,
    },
    timeouts: {
      connectMs: s.timeouts?.connectMs ?? 60_000,
      readMs: s.timeouts?.readMs ?? 60_000,
      clientMs: s.timeouts?.clientMs ?? 120_000,
    },
    events: [...(s.events ?? [])].sort((a, b) => a.at - b.at) as ScenarioEvent[],
  };
}
