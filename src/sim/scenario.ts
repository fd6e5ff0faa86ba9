import * as v from 'valibot';
import type { Algorithm } from './algorithms/pick.ts';
import type { VrrpVersion } from './balancer.ts';
import { samePortOf, type Forwarding } from './forwarding.ts';
import { aboutField, echoText, type Said } from './said.ts';
import { describe } from './scenarioFields.ts';
import { ScenarioSchema, type ScenarioEvent, type ScenarioOutput } from './scenarioSchema.ts';
import { clientList, DEFAULT_SERVICE_MS, serverConfig } from './defaults.ts';

/** The scenario file resolved: every default filled in. The schema and its messages are in scenarioSchema.ts. */
export { type ScenarioEvent, type ScenarioInput } from './scenarioSchema.ts';
export { clientList, DEFAULT_CLIENTS, DEFAULT_SERVICE_MS, MAX_SERVERS, MAX_WEIGHT, serverConfig } from './defaults.ts';

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
  /**
   * Its listen backlog: how many connections may wait in its accept queue beyond those it is
   * serving; a SYN that finds the queue full is dropped (Linux tcp_abort_on_overflow 0).
   */
  backlog: number;
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
   * handshake is left out, so only requests and responses travel; each request still has a
   * connection of its own (not keep-alive, which would keep an L4 client on one server).
   */
  handshakes: boolean;
}

/**
 * Active health checks, resolved. L7's are HAProxy's (`check inter fall rise`); L4's are
 * keepalived's TCP_CHECK. keepalived's checker (check_tcp.c, tcp_epilog) counts as HAProxy's
 * health counter does with rise 1 and fall retry + 1: it takes an up server out after retry + 1
 * failed checks in a row (one, before any has passed), and puts it back at its first pass. So
 * `fall` and `rise` mean the same in both modes, and L4's are derived from `keepalived.retries`.
 */
export interface HealthCheck {
  /** HAProxy's `inter`; keepalived's `delay_loop` (counted from the end of the last check). */
  intervalMs: number;
  /** HAProxy's `timeout check`; keepalived's `connect_timeout`. */
  timeoutMs: number;
  /** Failed checks in a row that take an up server out. L4: keepalived's retry + 1. */
  fall: number;
  /** Passed checks in a row that bring a down server back. L4: 1. */
  rise: number;
  /** L4: keepalived's `retry` and `delay_before_retry` (the wait before a retry); null in L7. */
  keepalived: { retries: number; retryDelayMs: number } | null;
}

/** keepalived's TCP_CHECK defaults (check_api.c, queue_checker; check_data.c, alloc_vs): retry 1, 1 s before a retry, a 5 s connect_timeout. */
export const KEEPALIVED_CHECK_DEFAULTS = { retries: 1, retryDelayMs: 1000, timeoutMs: 5000 } as const;

/** A scenario with every default filled in: what the engine runs. */
export interface Scenario {
  seed: number;
  mode: 'L4' | 'L7';
  algorithm: Algorithm;
  /** L4: how the balancer hands a connection to its server (forwarding.ts); always full-nat in L7. */
  forwarding: Forwarding;
  /** L4: keepalived's persistence_timeout in ms (a client's template keeps it on its server), or 0 for none. */
  persistenceTimeoutMs: number;
  rules: { match: RuleMatch; servers: string[] }[];
  cache: { pathPrefixes: string[]; ttlMs: number } | null;
  /** Blocking: denied paths (403), and nginx's limit_req per client (see l7.ts). */
  block: {
    pathPrefixes: string[];
    perClient: { requests: number; perMs: number; burst: number; status: number } | null;
  } | null;
  sticky: { cookie: string } | null;
  sessions: { loginPath: string } | null;
  servers: ServerConfig[];
  requests: RequestSpec[] | null;
  load: LoadSpec | null;
  network: Network;
  passive: { maxFails: number; failTimeoutMs: number };
  /** Active health checks (L7: HAProxy's; L4: keepalived's TCP_CHECK), or null when off. */
  healthCheck: HealthCheck | null;
  /** VRRP between lb1 and lb2, as keepalived runs it. */
  balancers: {
    advertIntervalMs: number;
    priorities: [number, number];
    sync: boolean;
    preempt: boolean;
    version: VrrpVersion;
  };
  /** nginx's proxy_connect_timeout and proxy_read_timeout; how long a client waits in all. */
  timeouts: { connectMs: number; readMs: number; clientMs: number };
  events: ScenarioEvent[];
}

/** A failure names the field and the problem: `error` in English (the contract), `problem` in both languages. */
export type ParseResult = { ok: true; scenario: Scenario } | { ok: false; error: string; problem: Said };

const failed = (problem: Said): ParseResult => ({ ok: false, error: problem.en, problem });

/** Validates untrusted input; on failure, one message naming the field and the problem. */
export function parseScenario(input: unknown): ParseResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    const what = describe(input);
    return failed({
      en: `the scenario must be a JSON object (got ${what.en})`,
      ko: `시나리오는 JSON 객체여야 합니다 (입력: ${what.ko})`,
    });
  }
  const r = v.safeParse(ScenarioSchema, input, { abortEarly: true });
  if (!r.success) {
    return failed(aboutField(r.issues[0], { en: 'the scenario', ko: '시나리오' }));
  }
  return { ok: true, scenario: resolveScenario(r.output) };
}

/** Parses JSON text as a scenario; bad JSON gets the same kind of message. */
export function parseScenarioText(text: string): ParseResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    // V8's message quotes the text around the error: cut and cleaned like any echo of input.
    const why = echoText((e as Error).message, 160);
    return failed({ en: `the scenario is not valid JSON: ${why}`, ko: `시나리오가 올바른 JSON이 아닙니다: ${why}` });
  }
  return parseScenario(json);
}

function resolveScenario(s: ScenarioOutput): Scenario {
  const n = s.network ?? {};
  const samePort = samePortOf(s.forwarding ?? 'full-nat', n.vipPort ?? 80);
  const servers = s.servers.map((x, i) => serverConfig(x, i, samePort));
  const serviceMs = s.load?.serviceMs ?? DEFAULT_SERVICE_MS;
  return {
    seed: s.seed ?? 1,
    mode: s.mode ?? 'L4',
    rules: (s.rules ?? []).map((r) => ({ match: r.match, servers: r.servers })),
    cache: s.cache ? { pathPrefixes: s.cache.pathPrefixes, ttlMs: s.cache.ttlMs ?? 60_000 } : null,
    block: s.block
      ? {
          pathPrefixes: s.block.pathPrefixes ?? [],
          perClient: s.block.perClient
            ? {
                requests: s.block.perClient.requests,
                perMs: s.block.perClient.perMs,
                burst: s.block.perClient.burst ?? 0,
                status: s.block.perClient.status ?? 503,
              }
            : null,
        }
      : null,
    sticky: s.sticky ?? null,
    sessions: s.sessions ?? null,
    algorithm: s.algorithm ?? 'round-robin',
    forwarding: s.forwarding ?? 'full-nat',
    persistenceTimeoutMs: s.persistenceTimeoutMs ?? 0,
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
    healthCheck: s.healthCheck ? resolveHealthCheck(s.healthCheck, s.mode ?? 'L4') : null,
    balancers: {
      advertIntervalMs: s.balancers?.advertIntervalMs ?? 1000,
      priorities: (s.balancers?.priorities as [number, number] | undefined) ?? [150, 100],
      sync: s.balancers?.sync ?? false,
      preempt: s.balancers?.preempt ?? true,
      version: s.balancers?.version ?? 2,
    },
    timeouts: {
      connectMs: s.timeouts?.connectMs ?? 60_000,
      readMs: s.timeouts?.readMs ?? 60_000,
      clientMs: s.timeouts?.clientMs ?? 120_000,
    },
    events: [...(s.events ?? [])].sort((a, b) => a.at - b.at) as ScenarioEvent[],
  };
}

/**
 * Both checkers check every 2 s unless told (HAProxy's default `inter`; keepalived's own
 * delay_loop default is 60 s, too slow for a lesson's run). L7: HAProxy's fall 3 and rise 2, a
 * check timing out after the interval. L4: keepalived's defaults (KEEPALIVED_CHECK_DEFAULTS).
 */
function resolveHealthCheck(
  h: { intervalMs?: number; timeoutMs?: number; fall?: number; rise?: number; retries?: number; retryDelayMs?: number },
  mode: 'L4' | 'L7',
): HealthCheck {
  const intervalMs = h.intervalMs ?? 2000;
  if (mode === 'L7') {
    return { intervalMs, timeoutMs: h.timeoutMs ?? intervalMs, fall: h.fall ?? 3, rise: h.rise ?? 2, keepalived: null };
  }
  const retries = h.retries ?? KEEPALIVED_CHECK_DEFAULTS.retries;
  return {
    intervalMs,
    timeoutMs: h.timeoutMs ?? KEEPALIVED_CHECK_DEFAULTS.timeoutMs,
    fall: retries + 1,
    rise: 1,
    keepalived: { retries, retryDelayMs: h.retryDelayMs ?? KEEPALIVED_CHECK_DEFAULTS.retryDelayMs },
  };
}
