/**
 * nginx's HTTP proxy beyond picking a server, on a real nginx and on the engine in L7 mode:
 *
 *  - limit_req: a leaky bucket per client address (nginx release-1.22.1,
 *    src/http/modules/ngx_http_limit_req_module.c, ngx_http_limit_req_lookup), with `burst=N
 *    nodelay`, `limit_req_status`, and `deny` on some paths. nginx decides on its own
 *    millisecond clock, so a schedule only makes a fair test if no decision hangs on a few ms:
 *    every schedule here keeps each decision at least MIN_MARGIN_MS from its boundary, and nginx
 *    reports when it started each request (`$msec - $request_time`): the engine must agree on
 *    the schedule when nginx kept to it, and at the times nginx saw (see runLimits).
 *  - X-Forwarded-For: `proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for` appends the
 *    client's address (after realip) to what arrived, whatever the case of the header's name
 *    (ngx_http_proxy_module.c, ngx_http_proxy_add_x_forwarded_for_variable).
 *  - 502 and 504: nginx answers itself when its tries run out, 504 if the last one timed out,
 *    502 otherwise (src/http/ngx_http_upstream.c, ngx_http_upstream_next).
 */
import fc from 'fast-check';
import { simulate } from '../../src/sim/engine.ts';
import { parseScenario, type ScenarioInput } from '../../src/sim/scenario.ts';
import type { RequestRecord } from '../../src/sim/types.ts';
import { upstreamWith } from './drive.ts';
import { attemptsOf, TimingError } from './passive.ts';
import { Backends, H_CLIENT, H_ID, rawRequest, request, Silent, startNginx, type Nginx, type NginxExtra, type Reply } from './harness.ts';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, ms)));

async function sleepUntil(t: number): Promise<void> {
  while (Date.now() < t) await sleep(t - Date.now());
}

export function engineRun(input: ScenarioInput): RequestRecord[] {
  const parsed = parseScenario(input);
  if (!parsed.ok) throw new Error(`the engine rejected the scenario: ${parsed.error}\n${JSON.stringify(input)}`);
  return simulate(parsed.scenario);
}

/** No delays anywhere: each request reaches the balancer at its `at`. */
const INSTANT = { clientLatencyMs: 0, serverLatencyMs: 0, dnsLatencyMs: 0, balancerMs: 0, proxyMs: 0 };

/** nginx.conf and error.log, appended to a failure's message. */
function withConf(e: unknown, nginx: Nginx): unknown {
  if (e instanceof Error && !(e instanceof TimingError)) {
    const log = nginx.errorLog().trim();
    e.message += `\nnginx.conf:\n${nginx.conf}${log ? `\nerror.log:\n${log}` : ''}`;
  }
  return e;
}

const oneServer = (port: number) => upstreamWith('round-robin', [`    server 127.0.0.1:${port};`]);
let nextId = 1;
const newId = () => `l7-${process.pid}-${nextId++}`;

// ---------------------------------------------------------------------------------------------
// limit_req

export interface Timed {
  /** When the request is sent, in ms from the start of the case. */
  at: number;
  client: string;
  path: string;
}

export interface LimitCase {
  /** nginx's rate: `requests` per second (perMs 1000, "r/s") or per minute (perMs 60000, "r/m"). */
  requests: number;
  perMs: 1000 | 60_000;
  /** `burst=<burst> nodelay`; 0 = no burst. */
  burst: number;
  /** `limit_req_status`; absent = nginx's default, 503. */
  status?: number;
  /** Denied path prefixes: `location <prefix> { deny all; … }`. */
  deny: string[];
  schedule: Timed[];
}

/** How far every decision stays from its boundary, in ms of the request's own time. */
export const MIN_MARGIN_MS = 30;
/**
 * How far nginx may see a request off its schedule (beyond a shift common to all) and the run
 * still count. A decision depends on the request's own time and on one earlier time (after a
 * pass, `excess + rate * last` is the largest of the terms `rate * t_j + 1000 * (passes since
 * t_j)`), so jitter of at most MIN_MARGIN_MS / 2 on every request moves it by no more than its
 * margin; and one client's requests are at least MIN_MARGIN_MS apart, so they cannot swap.
 */
export const MAX_JITTER_MS = MIN_MARGIN_MS / 2;
/** Requests (of any client) are at least this far apart. */
const MIN_GAP_MS = 15;

/** nginx's ctx->rate: whole milli-requests per second (ngx_http_limit_req_zone: rate * 1000 / scale). */
export const nginxRate = (c: Pick<LimitCase, 'requests' | 'perMs'>): number =>
  c.perMs === 1000 ? c.requests * 1000 : Math.floor((c.requests * 1000) / 60);

export interface Decision {
  pass: boolean;
  /** How far (ms) the request could move without changing the decision (Infinity: a client's first). */
  marginMs: number;
}

/**
 * limit_req's decision for each request of a schedule, restated from nginx's source for the
 * test's own use (choosing times and their margins, and as the expected answer): a new client
 * starts with excess 0 and passes; then `excess - rate * ms / 1000 + 1000` (whole numbers, at
 * least 0) over `burst * 1000` is rejected and leaves the bucket alone; otherwise the bucket takes
 * it, with `last = now`. (Buckets idle for 60 s, which ngx_http_limit_req_expire frees, never
 * occur in these schedules.)
 */
export function bucketDecisions(c: LimitCase, times: readonly number[] = c.schedule.map((r) => r.at)): Decision[] {
  const rate = nginxRate(c);
  const burst = c.burst * 1000;
  const nodes = new Map<string, { excess: number; last: number }>();
  return c.schedule.map((r, i) => {
    const t = times[i]!;
    const node = nodes.get(r.client);
    if (!node) {
      nodes.set(r.client, { excess: 0, last: t });
      return { pass: true, marginMs: Infinity };
    }
    const raw = node.excess - Math.floor((rate * (t - node.last)) / 1000) + 1000;
    const pass = raw <= burst;
    if (pass) {
      node.excess = Math.max(0, raw);
      node.last = t;
    }
    return { pass, marginMs: (Math.abs(raw - burst) * 1000) / rate };
  });
}

/** The status each request should get: its decision, then `deny` (access phase, after limit_req's preaccess). */
export function expectedStatuses(c: LimitCase): number[] {
  return bucketDecisions(c).map((d, i) => {
    if (!d.pass) return c.status ?? 503;
    return c.deny.some((p) => c.schedule[i]!.path.startsWith(p)) ? 403 : 200;
  });
}

/** What a case adds to nginx.conf. `X-Start` gives nginx's own start time of each request. */
export function limitExtra(c: LimitCase): NginxExtra {
  const rate = c.perMs === 1000 ? `${c.requests}r/s` : `${c.requests}r/m`;
  // $msec - $request_time: when nginx created the request, on the clock limit_req read.
  const start = 'add_header X-Start "$msec $request_time" always;';
  return {
    http: `limit_req_zone $binary_remote_addr zone=perclient:1m rate=${rate};`,
    server: [
      `limit_req zone=perclient${c.burst ? ` burst=${c.burst}` : ''} nodelay;`,
      ...(c.status !== undefined ? [`limit_req_status ${c.status};`] : []),
    ].join('\n'),
    locations: c.deny.map((p) => `location ${p} {\n    deny all;\n    proxy_pass http://backend;\n    ${start}\n}`).join('\n') || undefined,
    proxy: start,
  };
}

/** The engine's scenario for a case: one server, no delays, the limit as `block.perClient`. */
export function limitScenario(c: LimitCase): ScenarioInput {
  return {
    seed: 1,
    mode: 'L7',
    servers: [{ name: 's1' }],
    network: INSTANT,
    block: {
      perClient: {
        requests: c.requests,
        perMs: c.perMs,
        ...(c.burst ? { burst: c.burst } : {}),
        ...(c.status !== undefined ? { status: c.status } : {}),
      },
      ...(c.deny.length ? { pathPrefixes: c.deny } : {}),
    },
    requests: c.schedule.map((r) => ({ at: r.at, client: r.client, path: r.path, serviceMs: 1 })),
  };
}

export interface LimitEngineRun {
  status: (number | null)[];
  outcome: string[];
}

export function limitOnEngine(c: LimitCase): LimitEngineRun {
  const recs = engineRun(limitScenario(c));
  return { status: recs.map((r) => r.status), outcome: recs.map((r) => r.outcome) };
}

export interface LimitNginxRun {
  status: number[];
  /** When nginx started each request, in ms after the first. */
  started: number[];
  conf: string;
}

/** nginx's start of a request, in ms, from `X-Start: "$msec $request_time"`. */
function startOf(r: Reply, i: number): number {
  const v = r.headers['x-start'];
  const m = typeof v === 'string' ? /^(\d+)\.(\d{3}) (\d+)\.(\d{3})$/.exec(v) : null;
  if (!m) throw new Error(`request #${i + 1} (HTTP ${r.status}) has no X-Start header: ${JSON.stringify(v)}`);
  return Number(m[1]) * 1000 + Number(m[2]) - (Number(m[3]) * 1000 + Number(m[4]));
}

export interface LimitEnv {
  backends: Backends;
  baseDir: string;
}

/**
 * Sends a case's requests to `nginx`, each at `t0` + its time (without waiting for the ones
 * before) on its own connection, and reads when nginx started each.
 */
async function driveLimit(c: LimitCase, nginx: Nginx, t0: number): Promise<LimitNginxRun> {
  const replies: Promise<Reply>[] = [];
  const first = c.schedule[0]?.at ?? 0;
  for (const r of c.schedule) {
    await sleepUntil(t0 + r.at - first);
    const reply = request(nginx.port, r.path, { [H_CLIENT]: r.client });
    reply.catch(() => {}); // awaited below; keeps an early failure from going unhandled
    replies.push(reply);
  }
  const got = await Promise.all(replies);
  const starts = got.map(startOf);
  return { status: got.map((r) => r.status), started: starts.map((s) => s - starts[0]!), conf: nginx.conf };
}

/**
 * How far nginx's start times are off the schedule, at most, once shifted by the best common
 * amount (only differences of time matter to limit_req).
 */
export function jitterOf(c: LimitCase, started: readonly number[]): number {
  const off = started.map((s, i) => s - c.schedule[i]!.at);
  return (Math.max(...off) - Math.min(...off)) / 2;
}

/**
 * nginx's clocks: limit_req reads the monotonic ms clock, $msec and $request_time the wall
 * clock's ms, both taken at the same moment (ngx_times.c, ngx_time_update); a difference of
 * two times can read 1 ms apart on the two.
 */
export const CLOCK_SLACK_MS = 2;

/** The case with its requests at the times nginx started them (from the schedule's first, and never before 0). */
export function asSeen(c: LimitCase, started: readonly number[]): LimitCase {
  const origin = (c.schedule[0]?.at ?? 0) - Math.min(0, ...started);
  return { ...c, schedule: c.schedule.map((q, i) => ({ ...q, at: origin + started[i]! })) };
}

/** Whether each decision of `c` is clear of its boundary by `ms` and one client's requests stay in order. */
function clear(c: LimitCase, ms: number): boolean {
  const last = new Map<string, number>();
  const ordered = c.schedule.every((q) => {
    const ok = q.at > (last.get(q.client) ?? -Infinity);
    last.set(q.client, q.at);
    return ok;
  });
  return ordered && bucketDecisions(c).every((d) => d.marginMs >= ms);
}

export interface LimitSide {
  /** The engine's statuses and outcomes, and the formula's statuses, for these times. */
  engine: LimitEngineRun;
  expected: number[];
}

export interface LimitResult {
  same: boolean;
  nginx: LimitNginxRun;
  /** On the schedule: when nginx kept to it within MAX_JITTER_MS. */
  planned: LimitSide | null;
  /** At the times nginx started the requests: when no decision there is within CLOCK_SLACK_MS of its boundary. */
  seen: LimitSide | null;
  /** How many times the case had to run again on nginx (timing). */
  reruns: number;
}

function side(c: LimitCase): LimitSide {
  return { engine: limitOnEngine(c), expected: expectedStatuses(c) };
}

const agrees = (nginx: readonly number[], s: LimitSide) =>
  s.engine.status.length === nginx.length &&
  nginx.every((x, i) => x === s.engine.status[i] && x === s.expected[i]) &&
  s.engine.outcome.every((o, i) => (o === 'blocked') === (s.engine.status[i] !== 200));

/**
 * Runs cases side by side, each on a fresh nginx of its own, and on the engine. Every nginx is
 * started before any case sends, so that starting processes does not delay the schedules.
 *
 * Two comparisons, each where it is sound: on the schedule, when nginx kept to it within
 * MAX_JITTER_MS (its decisions are then the schedule's); and at the times nginx itself started
 * the requests (`X-Start`), when none of those decisions lies within CLOCK_SLACK_MS of its
 * boundary. In each, nginx, the engine and the bucket's formula must give every request the same
 * status, and the engine's outcome is `blocked` exactly where the status is not 200. A case
 * where nginx strayed from its schedule runs again on a fresh nginx, up to `tries` times in
 * all; after that the comparison at nginx's own times stands alone. Each case gets its result,
 * or the error that stopped it (TimingError: neither comparison was sound).
 */
export async function runLimits(cases: readonly LimitCase[], env: LimitEnv, tries = 3): Promise<(LimitResult | Error)[]> {
  const out: (LimitResult | Error | undefined)[] = cases.map(() => undefined);
  let pending = cases.map((_, k) => k);
  for (let round = 0; pending.length; round++) {
    const started = await Promise.allSettled(
      pending.map((k) => startNginx(env.baseDir, oneServer(env.backends.ports[0]!), limitExtra(cases[k]!))),
    );
    const t0 = Date.now() + 50;
    const again: number[] = [];
    await Promise.all(
      pending.map(async (k, j) => {
        const s = started[j]!;
        if (s.status === 'rejected') {
          out[k] = s.reason as Error;
          return;
        }
        const nginx = s.value;
        const c = cases[k]!;
        try {
          // Cases start 7 ms apart (in a cycle of 70 ms): their first requests do not all coincide.
          const run = await driveLimit(c, nginx, t0 + (j % 10) * 7);
          const jitter = jitterOf(c, run.started);
          const onPlan = jitter <= MAX_JITTER_MS;
          if (!onPlan && round + 1 < tries) {
            again.push(k);
            return;
          }
          const seenCase = asSeen(c, run.started);
          const planned = onPlan ? side(c) : null;
          const seen = clear(seenCase, CLOCK_SLACK_MS) ? side(seenCase) : null;
          if (!planned && !seen) {
            throw new TimingError(
              `nginx saw the requests up to ${jitter} ms off their schedule (at most ${MAX_JITTER_MS}), ` +
                `and at its own times a decision lies within ${CLOCK_SLACK_MS} ms of its boundary`,
            );
          }
          const same = (!planned || agrees(run.status, planned)) && (!seen || agrees(run.status, seen));
          out[k] = { same, nginx: run, planned, seen, reruns: round };
        } catch (e) {
          out[k] = withConf(e, nginx) as Error;
        } finally {
          await nginx.stop();
        }
      }),
    );
    pending = again;
  }
  return out.map((r) => r ?? new Error('not run'));
}

export function describeLimit(c: LimitCase, r: Omit<LimitResult, 'same' | 'reruns'>): string {
  const plan = bucketDecisions(c);
  const seenCase = asSeen(c, r.nginx.started);
  const seen = bucketDecisions(seenCase);
  const ms = (d: Decision) => (Number.isFinite(d.marginMs) ? `${d.marginMs.toFixed(0)} ms` : 'new');
  const differs = (i: number, x: LimitSide | null) =>
    x !== null && (r.nginx.status[i] !== x.engine.status[i] || r.nginx.status[i] !== x.expected[i]);
  const first = c.schedule.findIndex((_, i) => differs(i, r.planned) || differs(i, r.seen));
  const show = (x: LimitSide | null, i: number) =>
    x ? `engine ${x.engine.status[i]} (${x.engine.outcome[i]}) formula ${x.expected[i]}` : '(not compared)';
  const rows = c.schedule.map(
    (q, i) =>
      `  #${String(i + 1).padStart(2)} ${q.client.padEnd(15)} ${q.path.padEnd(7)} nginx ${r.nginx.status[i]} | ` +
      `planned at ${String(q.at).padStart(5)} ms, margin ${ms(plan[i]!).padEnd(6)}: ${show(r.planned, i)} | ` +
      `seen at ${String(seenCase.schedule[i]!.at).padStart(5)} ms, margin ${ms(seen[i]!).padEnd(6)}: ${show(r.seen, i)}` +
      `${i === first ? '  <-- first difference' : ''}`,
  );
  return [
    `rate=${c.requests}${c.perMs === 1000 ? 'r/s' : 'r/m'} (${nginxRate(c)} milli-requests/s), burst=${c.burst} nodelay, ` +
      `limit_req_status ${c.status ?? '503 (default)'}${c.deny.length ? `, deny ${c.deny.join(' ')}` : ''}`,
    'requests:',
    ...rows,
    'nginx.conf:',
    r.nginx.conf,
    `engine scenario (planned): ${JSON.stringify(limitScenario(c))}`,
  ].join('\n');
}

/** Sends `n` requests at `times` from one client to `/` (or the paths given). */
export const timed = (times: readonly number[], client = '203.0.113.10', paths: readonly string[] = []): Timed[] =>
  times.map((at, i) => ({ at, client, path: paths[i] ?? '/' }));

const CLIENTS = ['203.0.113.10', '198.51.100.23'];
const RATES: Pick<LimitCase, 'requests' | 'perMs'>[] = [
  { requests: 2, perMs: 1000 },
  { requests: 4, perMs: 1000 },
  { requests: 5, perMs: 1000 },
  { requests: 10, perMs: 1000 },
  { requests: 120, perMs: 60_000 },
  { requests: 300, perMs: 60_000 },
];
/** A random case's schedule ends within this. */
const MAX_SPAN_MS = 2000;

/**
 * Random cases: a rate (r/s or r/m), burst 0–3, limit_req_status default, 429 or 503, perhaps a
 * denied /admin, one or two clients, and 3–14 requests. Each request's time is drawn from the
 * times that give the outcome drawn for it (pass or reject, when reject is possible) with at
 * least MIN_MARGIN_MS to spare, so nginx's decision cannot hang on jitter.
 */
export const limitArb: fc.Arbitrary<LimitCase> = fc
  .record({
    rate: fc.constantFrom(...RATES),
    burst: fc.constantFrom(0, 0, 1, 2, 3),
    status: fc.constantFrom<number | undefined>(undefined, undefined, 429, 503),
    deny: fc.boolean(),
    clients: fc.constantFrom(1, 1, 2),
    steps: fc.array(
      fc.record({
        client: fc.nat(),
        reject: fc.boolean(),
        where: fc.integer({ min: 0, max: 1000 }),
        admin: fc.integer({ min: 0, max: 3 }),
      }),
      { minLength: 3, maxLength: 14 },
    ),
  })
  .map(({ rate, burst, status, deny, clients, steps }) => {
    const c: LimitCase = {
      ...rate,
      burst,
      ...(status !== undefined ? { status } : {}),
      deny: deny ? ['/admin'] : [],
      schedule: [],
    };
    const r = nginxRate(c);
    const b = burst * 1000;
    const spare = Math.ceil((MIN_MARGIN_MS * r) / 1000);
    const nodes = new Map<string, { excess: number; last: number; at: number }>();
    let prev = -Infinity;
    for (const s of steps) {
      const client = CLIENTS[s.client % clients]!;
      const node = nodes.get(client);
      const from = Math.max(prev + MIN_GAP_MS, (node?.at ?? -Infinity) + MIN_MARGIN_MS, 0);
      let lo = from;
      let hi = from + 300;
      if (node) {
        // raw(t) = excess - floor(rate * (t - last) / 1000) + 1000, falling as t grows.
        // Rejected with room: raw >= burst + spare, i.e. floor(rate * d / 1000) <= cap.
        const cap = node.excess + 1000 - b - spare;
        const rejectUntil = cap >= 0 ? node.last + Math.ceil(((cap + 1) * 1000) / r) - 1 : -Infinity;
        // Passed with room: raw <= burst - spare, i.e. floor(rate * d / 1000) >= need.
        const need = node.excess + 1000 - b + spare;
        const passFrom = Math.max(from, node.last + Math.ceil((need * 1000) / r));
        if (s.reject && rejectUntil >= from) hi = rejectUntil;
        else [lo, hi] = [passFrom, passFrom + 300];
      }
      const at = lo + Math.floor(((hi - lo) * s.where) / 1000);
      if (at > MAX_SPAN_MS) break;
      const path = deny && s.admin === 0 ? '/admin' : '/';
      c.schedule.push({ at, client, path });
      prev = at;
      // Follow the bucket as nginx will.
      const d = bucketDecisions({ ...c, schedule: [...c.schedule] }).at(-1)!;
      if (!node) nodes.set(client, { excess: 0, last: at, at });
      else {
        node.at = at;
        if (d.pass) {
          node.excess = Math.max(0, node.excess - Math.floor((r * (at - node.last)) / 1000) + 1000);
          node.last = at;
        }
      }
    }
    return c;
  });

// ---------------------------------------------------------------------------------------------
// X-Forwarded-For

export interface XffRequest {
  client: string;
  /** Headers the client sends, names exactly as written. */
  headers: Record<string, string>;
  /** What the server should receive in X-Forwarded-For. */
  expected: string;
}

export const XFF_REQUESTS: XffRequest[] = [
  { client: '203.0.113.10', headers: {}, expected: '203.0.113.10' },
  { client: '203.0.113.10', headers: { 'X-Forwarded-For': '10.9.8.7' }, expected: '10.9.8.7, 203.0.113.10' },
  { client: '192.0.2.77', headers: { 'x-forwarded-for': '10.9.8.7' }, expected: '10.9.8.7, 192.0.2.77' },
  {
    client: '198.51.100.23',
    headers: { 'X-FORWARDED-FOR': '10.9.8.7, 172.16.0.1' },
    expected: '10.9.8.7, 172.16.0.1, 198.51.100.23',
  },
  // Two headers whose names differ only in case are one header, joined in order.
  {
    client: '203.0.113.10',
    headers: { 'X-Forwarded-For': '10.9.8.7', 'x-forwarded-for': '172.16.0.1' },
    expected: '10.9.8.7, 172.16.0.1, 203.0.113.10',
  },
];

export const XFF_EXTRA: NginxExtra = { proxy: 'proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;' };

/**
 * The X-Forwarded-For each request reached its backend with, through nginx (one request after
 * another, the client's address given to realip in X-Client-IP). Throws unless exactly one
 * such header arrived.
 */
export async function xffOnNginx(requests: readonly XffRequest[], env: LimitEnv): Promise<{ values: string[]; conf: string }> {
  env.backends.reset();
  const nginx = await startNginx(env.baseDir, oneServer(env.backends.ports[0]!), XFF_EXTRA);
  try {
    const values: string[] = [];
    for (const [i, q] of requests.entries()) {
      const id = newId();
      // Written byte for byte, so the names go out in exactly the case given.
      const status = await rawRequest(nginx.port, '/', [[H_ID, id], [H_CLIENT, q.client], ...Object.entries(q.headers)]);
      const got = env.backends.headerValues(id, 'x-forwarded-for');
      if (status !== 200 || !got || got.length !== 1) {
        throw new Error(`request #${i + 1}: HTTP ${status}, the backend got X-Forwarded-For ${JSON.stringify(got)}`);
      }
      values.push(got[0]!);
    }
    return { values, conf: nginx.conf };
  } catch (e) {
    throw withConf(e, nginx);
  } finally {
    await nginx.stop();
  }
}

export function xffScenario(requests: readonly XffRequest[]): ScenarioInput {
  return {
    seed: 1,
    mode: 'L7',
    servers: [{ name: 's1' }],
    requests: requests.map((q, i) => ({
      at: i * 100,
      client: q.client,
      ...(Object.keys(q.headers).length ? { headers: q.headers } : {}),
    })),
  };
}

/** The X-Forwarded-For the engine's server saw, per request. */
export function xffOnEngine(requests: readonly XffRequest[]): (string | undefined)[] {
  return engineRun(xffScenario(requests)).map((r) => r.headers?.['X-Forwarded-For']);
}

// ---------------------------------------------------------------------------------------------
// 502 and 504

/** ok: answers; refuse: nothing listens; hang: accepts the connection and never answers. */
export type Kind = 'ok' | 'refuse' | 'hang';

export interface ErrorCase {
  what: string;
  /** s1, s2, … in order, round robin. */
  servers: Kind[];
  method: 'GET' | 'POST';
  /** Requests, one after another. */
  count: number;
  /**
   * In the engine, hanging servers fail (`onFailure: timeout`) from the start — nothing answers,
   * not even the connection: nginx's proxy_connect_timeout — or once the first request is in
   * service there ("holding"): it hangs with the request sent, proxy_read_timeout. Loopback
   * can only give nginx the second (a server that accepts and is silent); both time out after
   * the same 1 s, and they differ only for a request that nginx may not send twice (POST).
   */
  hang: 'from-start' | 'holding' | 'slow';
  /** Per request: the status, and the servers attempted ("s1 s2 | s2"; "-" for none). */
  expected: { status: number[]; attempts: string };
}

/** proxy_connect_timeout and proxy_read_timeout, and the engine's `timeouts`. */
export const PROXY_TIMEOUT_MS = 1000;
const ERROR_SLOT_MS = 2000;

/** The `upstream backend { … }` block of an error case; `ports` in server order. */
export function errorUpstream(c: ErrorCase, ports: readonly number[]): string {
  return upstreamWith(
    'round-robin',
    c.servers.map((k, i) => `    server 127.0.0.1:${ports[i]};  # s${i + 1} (${k})`),
  );
}

export const ERROR_EXTRA: NginxExtra = {
  proxy: `proxy_connect_timeout ${PROXY_TIMEOUT_MS / 1000}s;\nproxy_read_timeout ${PROXY_TIMEOUT_MS / 1000}s;`,
};

export interface ErrorRun {
  status: (number | null)[];
  attempts: string[][];
  /** Per request: it took at least the proxy timeout (nginx waited for a silent server). */
  slow: boolean[];
}

export interface ErrorEnv {
  backends: Backends;
  refusingPorts: readonly number[];
  baseDir: string;
}

/** Runs an error case on a fresh nginx, with silent servers of its own. */
export async function errorOnNginx(c: ErrorCase, env: ErrorEnv): Promise<ErrorRun & { conf: string }> {
  const silents: Silent[] = [];
  let ok = 0;
  let refusing = 0;
  try {
    const ports: number[] = [];
    for (const k of c.servers) {
      if (k === 'hang') {
        const s = await Silent.start();
        silents.push(s);
        ports.push(s.port);
      } else {
        const port = k === 'ok' ? env.backends.ports[ok++] : env.refusingPorts[refusing++];
        if (port === undefined) throw new Error(`not enough ${k === 'ok' ? 'backends' : 'refusing ports'}`);
        ports.push(port);
      }
    }
    const names = new Map(ports.map((p, i) => [`127.0.0.1:${p}`, `s${i + 1}`]));
    const nginx = await startNginx(env.baseDir, errorUpstream(c, ports), ERROR_EXTRA);
    try {
      const run: ErrorRun = { status: [], attempts: [], slow: [] };
      for (let i = 0; i < c.count; i++) {
        const t = Date.now();
        const r = await request(nginx.port, '/', { [H_CLIENT]: '203.0.113.10' }, PROXY_TIMEOUT_MS * 4, c.method);
        run.status.push(r.status);
        run.slow.push(Date.now() - t >= PROXY_TIMEOUT_MS - 50);
        // $upstream_addr: the addresses tried, and "backend" when none was left.
        run.attempts.push(
          (r.upstream ?? '')
            .split(', ')
            .filter((a) => a !== '' && a !== 'backend')
            .map((a) => names.get(a) ?? `?${a}`),
        );
      }
      if (silents.some((s) => s.accepted === 0) && run.slow.some((x) => x)) {
        throw new Error('nginx waited, but no silent server was ever connected to');
      }
      return { ...run, conf: nginx.conf };
    } catch (e) {
      throw withConf(e, nginx);
    } finally {
      await nginx.stop();
    }
  } finally {
    await Promise.all(silents.map((s) => s.close()));
  }
}

export function errorScenario(c: ErrorCase): ScenarioInput {
  const failing = c.servers.flatMap((k, i) => (k === 'ok' ? [] : [{ k, name: `s${i + 1}` }]));
  return {
    seed: 1,
    mode: 'L7',
    servers: c.servers.map((k, i) => ({
      name: `s${i + 1}`,
      ...(k === 'hang' ? { onFailure: 'timeout' as const } : {}),
    })),
    timeouts: { connectMs: PROXY_TIMEOUT_MS, readMs: PROXY_TIMEOUT_MS },
    // The first request reaches its server about 22 ms in (DNS, the client's 10 ms, the
    // proxy, 1 ms to the server), and is served for 200 ms: failing at 40 ms holds it.
    // "slow": nothing fails; the server is healthy, but takes far longer than the timeout.
    events:
      c.hang === 'slow'
        ? []
        : failing.map(({ k, name }) => ({
            at: k === 'hang' && c.hang === 'holding' ? 40 : 0,
            action: 'fail' as const,
            target: name,
          })),
    requests: Array.from({ length: c.count }, (_, i) => ({
      at: i * ERROR_SLOT_MS,
      client: '203.0.113.10',
      method: c.method,
      serviceMs: c.hang === 'slow' ? 30 * PROXY_TIMEOUT_MS : 200,
    })),
  };
}

export function errorOnEngine(c: ErrorCase): ErrorRun & { records: RequestRecord[] } {
  const input = errorScenario(c);
  const parsed = parseScenario(input);
  if (!parsed.ok) throw new Error(`the engine rejected the scenario: ${parsed.error}\n${JSON.stringify(input)}`);
  const addr = new Map(parsed.scenario.servers.map((s) => [`${s.ip}:${s.port}`, s.name]));
  const records = simulate(parsed.scenario);
  return {
    status: records.map((r) => r.status),
    attempts: records.map((r) => attemptsOf(r, addr).map((a) => a.server)),
    slow: records.map((r) => r.latencyMs >= PROXY_TIMEOUT_MS),
    records,
  };
}

export const showAttempts = (a: readonly string[][]): string => a.map((x) => x.join(' ') || '-').join(' | ');
