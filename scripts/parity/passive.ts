/**
 * Passive failures on a real nginx and on the engine: some upstream servers refuse connections
 * (nothing listens at their address), and both sides must make the same attempts for every
 * request — the refused ones that nginx's `proxy_next_upstream error` retries, and the one
 * that answers — with `max_fails`/`fail_timeout` deciding when a refusing server is skipped.
 *
 * nginx reports the attempts in `$upstream_addr` ("127.0.0.1:A, 127.0.0.1:B"; the upstream's
 * own name, "backend", when it found no server to try); the engine records one balancer
 * request hop per attempt, to the address of the server attempted.
 *
 * The engine runs in L7 mode: what is compared is nginx's HTTP proxy, which retries the next
 * server (proxy_next_upstream; nginx release-1.22.1, src/http/ngx_http_upstream.c,
 * ngx_http_upstream_next) and answers 502 itself when no server is left. The engine's L4 is a
 * kernel NAT, which never retries: the server's reset goes back to the client.
 *
 * Time. nginx compares whole seconds of wall-clock time (`ngx_time()`) for `fail_timeout`; the
 * engine floors its simulated milliseconds to seconds the same way. Two kinds of case:
 *  - untimed (one phase): steps follow one another as fast as nginx answers and take 100 ms
 *    slots in the engine; `fail_timeout` is long enough (10 s by default) that no failure
 *    expires on either side, so the exact seconds do not matter;
 *  - timed (several phases): each phase runs inside one wall-clock second, between 100 ms and
 *    950 ms past it (the test waits for that moment; a phase that overruns makes the whole
 *    case run again on a fresh nginx), and the engine puts the same phase in the same second
 *    of simulated time (100 ms slots from 100 ms past it). So both sides see the same
 *    differences of seconds, including the edge `now - checked == fail_timeout`.
 */
import { basename } from 'node:path';
import fc from 'fast-check';
import { simulate } from '../../src/sim/engine.ts';
import type { NginxAlgorithm as Algorithm } from '../../src/sim/algorithms/pick.ts';
import { isBalancer } from '../../src/sim/nodes.ts';
import { parseScenario, type ScenarioInput } from '../../src/sim/scenario.ts';
import type { RequestRecord } from '../../src/sim/types.ts';
import { buildPhases, octet, prefix, upstreamOf, type Step } from './cases.ts';
import { StepDriver, upstreamWith } from './drive.ts';
import { Backends, startNginx, type Nginx, type Reply } from './harness.ts';

export interface PassiveServer {
  name: string;
  weight: number;
  /** Nothing listens at its address: every connection to it is refused. */
  refuse?: boolean;
  /** nginx's `down` parameter. */
  down?: boolean;
}

/** Steps that run inside one second (`second`, counted from the case's first). */
export interface Phase {
  second: number;
  steps: Step[];
}

export interface PassiveCase {
  algorithm: Algorithm;
  servers: PassiveServer[];
  /** nginx `max_fails` / the engine's `passive.maxFails`; absent = both defaults (1). */
  maxFails?: number;
  /** nginx `fail_timeout` in seconds / `passive.failTimeoutMs`; absent = both defaults (10 s). */
  failTimeoutS?: number;
  phases: Phase[];
  /** Every request's method; absent = GET. */
  method?: 'GET' | 'POST';
}

export const SLOT_MS = 100;
/** Timed phases: where in its second a phase starts, and the most steps one may hold. */
export const PHASE_START_MS = 100;
export const MAX_PHASE_STEPS = 7;
/** A timed phase on nginx must be over this long before its second ends. */
const PHASE_MARGIN_MS = 50;
/** …and must not start later than this after its moment (a stalled test process). */
const PHASE_LATE_MS = 250;
export const MAX_PASSIVE_SERVERS = 5;
export const MAX_REFUSING = 2;
const DEFAULT_FAIL_TIMEOUT_S = 10;

export const isTimed = (c: PassiveCase): boolean => c.phases.length > 1;

const requestSteps = (c: PassiveCase) =>
  c.phases.flatMap((p, pi) => p.steps.flatMap((s, k) => (s.kind === 'request' ? [{ s, phase: pi, second: p.second, k }] : [])));

// ---------------------------------------------------------------------------------------------
// nginx

/** Where each server of a case listens: healthy ones on the backends in turn, refusing ones nowhere. */
export function portsOf(c: PassiveCase, backendPorts: readonly number[], refusingPorts: readonly number[]): number[] {
  let b = 0;
  let r = 0;
  return c.servers.map((s) => {
    const port = s.refuse ? refusingPorts[r++] : backendPorts[b++];
    if (port === undefined) throw new Error(`not enough ${s.refuse ? 'refusing ports' : 'backends'} for ${s.name}`);
    return port;
  });
}

/** The `upstream backend { … }` block nginx runs for a case. */
export function passiveUpstream(c: PassiveCase, ports: readonly number[]): string {
  const params = [
    ...(c.maxFails !== undefined ? [`max_fails=${c.maxFails}`] : []),
    ...(c.failTimeoutS !== undefined ? [`fail_timeout=${c.failTimeoutS}s`] : []),
  ];
  const lines = c.servers.map((s, i) => {
    const weight = c.algorithm === 'round-robin' ? [] : [`weight=${s.weight}`];
    const words = [`127.0.0.1:${ports[i]}`, ...weight, ...params, ...(s.down ? ['down'] : [])];
    return `    server ${words.join(' ')};  # ${s.name}${s.refuse ? ' (refuses)' : ''}`;
  });
  return upstreamWith(c.algorithm, lines);
}

export class TimingError extends Error {}

export interface NginxPassiveRun {
  /** Per request: the servers nginx attempted, in order (by the case's names). */
  attempts: string[][];
  /** Per request: nginx found no server left to try ("backend" in $upstream_addr). */
  noLive: boolean[];
  status: number[];
  upstreams: (string | null)[];
  conf: string;
  errorLog: string;
}

export interface PassiveEnv {
  backends: Backends;
  refusingPorts: readonly number[];
  baseDir: string;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, ms)));

async function sleepUntil(t: number): Promise<void> {
  while (Date.now() < t) await sleep(t - Date.now());
}

/** Runs a case on a fresh nginx; always stops it. A timed phase that overruns throws TimingError. */
export async function passiveOnNginx(c: PassiveCase, env: PassiveEnv): Promise<NginxPassiveRun> {
  const ports = portsOf(c, env.backends.ports, env.refusingPorts);
  const nginx = await startNginx(env.baseDir, passiveUpstream(c, ports));
  try {
    const replies = await drive(c, env.backends, nginx);
    const stranger = replies.findIndex((r) => r.nginx !== basename(nginx.dir));
    if (stranger >= 0) throw new Error(`request #${stranger + 1} was answered by another nginx (${replies[stranger]!.nginx})`);
    return { ...readAttempts(c, ports, env.backends, replies), conf: nginx.conf, errorLog: nginx.errorLog() };
  } catch (e) {
    if (!(e instanceof TimingError)) {
      const log = nginx.errorLog().trim();
      (e as Error).message += `\nnginx.conf:\n${nginx.conf}${log ? `\nerror.log:\n${log}` : ''}`;
    }
    throw e;
  } finally {
    await nginx.stop();
  }
}

async function drive(c: PassiveCase, backends: Backends, nginx: Nginx): Promise<Reply[]> {
  const driver = new StepDriver(backends, nginx, `p${process.pid}-`, c.method);
  const timed = isTimed(c);
  let base = 0;
  if (timed) {
    // The first phase starts PHASE_START_MS past a second, with a little room to get there.
    const now = Date.now();
    let first = Math.floor(now / 1000) * 1000 + PHASE_START_MS;
    if (first < now + 20) first += 1000;
    base = first - PHASE_START_MS - c.phases[0]!.second * 1000;
  }
  try {
    for (const phase of c.phases) {
      const start = base + phase.second * 1000 + PHASE_START_MS;
      if (timed) {
        await sleepUntil(start);
        if (Date.now() > start + PHASE_LATE_MS)
          throw new TimingError(`phase at second ${phase.second} started ${Date.now() - start} ms late`);
      }
      for (const s of phase.steps) await driver.step(s);
      const end = base + (phase.second + 1) * 1000 - PHASE_MARGIN_MS;
      if (timed && Date.now() > end) {
        throw new TimingError(
          `phase at second ${phase.second} ran ${Date.now() - start} ms, past ${1000 - PHASE_START_MS - PHASE_MARGIN_MS} ms`,
        );
      }
    }
    return await driver.finish();
  } finally {
    driver.releaseHeld();
  }
}

/** $upstream_addr -> the servers attempted; checks it against the answer and the case. */
function readAttempts(c: PassiveCase, ports: readonly number[], backends: Backends, replies: readonly Reply[]) {
  const byAddr = new Map(ports.map((p, i) => [`127.0.0.1:${p}`, i]));
  const attempts: string[][] = [];
  const noLive: boolean[] = [];
  replies.forEach((r, i) => {
    const where = `request #${i + 1} (HTTP ${r.status}, X-Upstream ${JSON.stringify(r.upstream)}, answered by ${r.backend})`;
    const parts = (r.upstream ?? '').split(', ').filter((x) => x !== '');
    const tried: number[] = [];
    let none = false;
    parts.forEach((p, k) => {
      const index = byAddr.get(p);
      if (index !== undefined) tried.push(index);
      else if (p === 'backend' && k === parts.length - 1) none = true;
      else throw new Error(`${where}: ${JSON.stringify(p)} is no server of the case`);
    });
    if (r.status === 200) {
      const last = tried[tried.length - 1];
      const answered = last === undefined ? -1 : backends.indexOfPort(ports[last]!);
      if (none || last === undefined || c.servers[last]!.refuse || r.backend !== `b${answered}`) {
        throw new Error(`${where}: the last address is not the backend that answered`);
      }
      if (tried.slice(0, -1).some((t) => !c.servers[t]!.refuse)) throw new Error(`${where}: a healthy server failed`);
    } else if (r.status === 502) {
      if (tried.some((t) => !c.servers[t]!.refuse)) throw new Error(`${where}: a healthy server failed`);
    } else {
      throw new Error(`${where}: unexpected status`);
    }
    attempts.push(tried.map((t) => c.servers[t]!.name));
    noLive.push(none);
  });
  return { attempts, noLive, status: replies.map((r) => r.status), upstreams: replies.map((r) => r.upstream) };
}

// ---------------------------------------------------------------------------------------------
// The engine

/** The engine time (ms) of every step, in order. */
export function stepTimes(c: PassiveCase): number[] {
  if (!isTimed(c)) {
    const steps = c.phases[0]?.steps ?? [];
    // One phase: nothing may expire on either side while it runs.
    const spanS = Math.ceil((steps.length * SLOT_MS) / 1000);
    if (spanS > (c.failTimeoutS ?? DEFAULT_FAIL_TIMEOUT_S)) {
      throw new Error(`an untimed case of ${steps.length} steps needs fail_timeout >= ${spanS} s`);
    }
    return steps.map((_, k) => k * SLOT_MS);
  }
  return c.phases.flatMap((p, pi) => {
    if (p.steps.length > MAX_PHASE_STEPS) throw new Error(`phase ${pi} has ${p.steps.length} steps (at most ${MAX_PHASE_STEPS})`);
    if (pi > 0 && p.second <= c.phases[pi - 1]!.second) throw new Error('phases must be in later and later seconds');
    return p.steps.map((_, k) => p.second * 1000 + PHASE_START_MS + k * SLOT_MS);
  });
}

/**
 * The engine scenario equivalent to a case: L7 (nginx's HTTP proxy), refusing servers fail at 0
 * with `onFailure: refuse`.
 */
export function passiveScenario(c: PassiveCase): ScenarioInput {
  const steps = c.phases.flatMap((p) => p.steps);
  const times = stepTimes(c);
  const end = (times[times.length - 1] ?? 0) + SLOT_MS;
  const releaseAt = new Map<number, number>();
  steps.forEach((s, i) => {
    if (s.kind === 'release') releaseAt.set(s.request, times[i]!);
  });
  let r = 0;
  const requests = steps.flatMap((s, i) => {
    if (s.kind !== 'request') return [];
    const at = times[i]!;
    const serviceMs = s.held ? (releaseAt.get(r) ?? end) - at : s.serviceMs;
    r++;
    return [{ at, client: s.client, path: s.path, serviceMs, ...(c.method ? { method: c.method } : {}) }];
  });
  const passive = {
    ...(c.maxFails !== undefined ? { maxFails: c.maxFails } : {}),
    ...(c.failTimeoutS !== undefined ? { failTimeoutMs: c.failTimeoutS * 1000 } : {}),
  };
  return {
    seed: 1,
    mode: 'L7',
    algorithm: c.algorithm,
    servers: c.servers.map((s) => ({
      name: s.name,
      weight: s.weight,
      onFailure: 'refuse' as const,
      ...(s.down ? { down: true } : {}),
    })),
    requests,
    ...(Object.keys(passive).length ? { passive } : {}),
    events: c.servers.filter((s) => s.refuse).map((s) => ({ at: 0, action: 'fail' as const, target: s.name })),
  };
}

export interface Attempt {
  server: string;
  /** The server refused the connection (a hop with `drop: 'refused'`). */
  refused: boolean;
}

/**
 * The attempts of one request, from its record: every balancer request hop that leaves for a
 * server's address is one attempt; a hop after it (before the next attempt) that was dropped
 * as `refused` marks it refused. `servers` maps "ip:port" to a server's name.
 */
export function attemptsOf(rec: RequestRecord, servers: ReadonlyMap<string, string>): Attempt[] {
  const out: Attempt[] = [];
  for (const h of rec.hops) {
    if (isBalancer(h.node) && h.dir === 'request' && h.out) {
      const server = servers.get(h.out.dst);
      if (server !== undefined) {
        out.push({ server, refused: false });
        continue;
      }
    }
    const last = out[out.length - 1];
    if (last && h.drop === 'refused') last.refused = true;
  }
  return out;
}

export interface EnginePassiveRun {
  attempts: Attempt[][];
  status: (number | null)[];
  records: RequestRecord[];
}

export function passiveOnEngine(c: PassiveCase): EnginePassiveRun {
  const input = passiveScenario(c);
  const parsed = parseScenario(input);
  if (!parsed.ok) throw new Error(`the engine rejected the scenario: ${parsed.error}\n${JSON.stringify(input)}`);
  const addr = new Map(parsed.scenario.servers.map((s) => [`${s.ip}:${s.port}`, s.name]));
  const records = simulate(parsed.scenario);
  return { attempts: records.map((r) => attemptsOf(r, addr)), status: records.map((r) => r.status), records };
}

// ---------------------------------------------------------------------------------------------
// Comparing

export interface PassiveResult {
  same: boolean;
  nginx: NginxPassiveRun;
  engine: EnginePassiveRun;
  /** How many times a timed case had to run again on nginx. */
  reruns: number;
}

/**
 * Runs a case on nginx (again, up to `tries` times, if a timed phase overran its second) and
 * on the engine. Same = for every request, the same servers attempted in the same order, and
 * the same status: the server's 200, or 502 from the balancer itself when every server it
 * tried refused or none was left to try (ngx_http_upstream_next: NGX_HTTP_BAD_GATEWAY).
 */
export async function runPassive(c: PassiveCase, env: PassiveEnv, tries = 3): Promise<PassiveResult> {
  let nginx: NginxPassiveRun | null = null;
  let reruns = 0;
  for (;;) {
    try {
      nginx = await passiveOnNginx(c, env);
      break;
    } catch (e) {
      if (!(e instanceof TimingError) || reruns + 1 >= tries) throw e;
      reruns++;
    }
  }
  const engine = passiveOnEngine(c);
  const same =
    nginx.attempts.length === engine.attempts.length &&
    nginx.attempts.every(
      (a, i) => a.join(' ') === engine.attempts[i]!.map((x) => x.server).join(' ') && nginx.status[i] === engine.status[i],
    );
  return { same, nginx, engine, reruns };
}

const showNginx = (run: NginxPassiveRun, i: number) => {
  const tried = run.attempts[i]!;
  const ok = run.status[i] === 200;
  const names = tried.map((s, k) => (ok && k === tried.length - 1 ? s : `${s}✗`));
  return `${[...names, ...(run.noLive[i] ? ['(no live upstream)'] : [])].join(' ') || '-'} -> ${run.status[i]}`;
};
const showEngine = (run: EnginePassiveRun, i: number) =>
  `${run.attempts[i]!.map((a) => (a.refused ? `${a.server}✗` : a.server)).join(' ') || '-'} -> ${run.status[i]}`;

/** A readable account of a case and both sides' attempts, marking where they part. */
export function describePassive(c: PassiveCase, r: Pick<PassiveResult, 'nginx' | 'engine'>, expected?: readonly string[][]): string {
  const reqs = requestSteps(c);
  const same = (i: number) =>
    (r.nginx.attempts[i] ?? []).join(' ') === (r.engine.attempts[i] ?? []).map((a) => a.server).join(' ') &&
    r.nginx.status[i] === r.engine.status[i] &&
    (!expected || (expected[i] ?? []).join(' ') === (r.nginx.attempts[i] ?? []).join(' '));
  const first = reqs.findIndex((_, i) => !same(i));
  const times = stepTimes(c);
  let stepIndex = 0;
  const timeOfReq: number[] = [];
  c.phases.forEach((p) =>
    p.steps.forEach((s) => {
      if (s.kind === 'request') timeOfReq.push(times[stepIndex]!);
      stepIndex++;
    }),
  );
  const rows = reqs.map(({ s, second }, i) => {
    const mark = i === first ? '  <-- first difference' : '';
    const exp = expected ? `  expected: ${(expected[i] ?? []).join(' ') || '-'}` : '';
    return (
      `  #${String(i + 1).padStart(2)} ${isTimed(c) ? `second ${second} ` : ''}engine t=${timeOfReq[i]} ms ` +
      `${s.held ? 'held ' : 'quick'} ${s.client.padEnd(15)} nginx: ${showNginx(r.nginx, i).padEnd(24)} ` +
      `engine: ${showEngine(r.engine, i)}${exp}${mark}`
    );
  });
  const releases = c.phases.flatMap((p) => p.steps.flatMap((s) => (s.kind === 'release' ? [`#${s.request + 1}`] : [])));
  const firstRec = first >= 0 ? r.engine.records[first] : undefined;
  const before = firstRec?.decision?.before?.map(
    (p) =>
      `${p.name}: weight ${p.weight} effective ${p.effectiveWeight} current ${p.currentWeight} conns ${p.conns} fails ${p.fails}${p.down ? ' down' : ''}`,
  );
  return [
    `algorithm: ${c.algorithm}; servers: ${c.servers.map((s) => `${s.name}(w${s.weight}${s.refuse ? ', refuses' : ''}${s.down ? ', down' : ''})`).join(' ')}; ` +
      `max_fails ${c.maxFails ?? '1 (default)'}, fail_timeout ${c.failTimeoutS ?? '10 (default)'} s${c.method ? `; ${c.method}` : ''}`,
    `releases (in order): ${releases.join(' ') || 'none'}`,
    '(✗ = the attempt failed: connection refused)',
    'requests:',
    ...rows,
    ...(before ? [`engine peers before the last pick of #${first + 1}:`, ...before.map((l) => `  ${l}`)] : []),
    'nginx upstream block:',
    upstreamOf(r.nginx.conf),
    `engine scenario: ${JSON.stringify(passiveScenario(c))}`,
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Random cases

const rawStep = fc.record({
  op: fc.constantFrom('quick', 'quick', 'quick', 'held', 'held', 'release'),
  client: fc.nat(),
  last: octet,
  serviceMs: fc.integer({ min: 1, max: 20 }),
  which: fc.nat(),
});
/**
 * 2–5 servers with weights 1–10, one or two of them refusing (never all), about one in eight
 * `down` — always leaving a healthy server up, so that every request is answered in the end.
 */
const serversArb: fc.Arbitrary<PassiveServer[]> = fc
  .record({
    weights: fc.array(fc.integer({ min: 1, max: 10 }), { minLength: 2, maxLength: MAX_PASSIVE_SERVERS }),
    refusing: fc.integer({ min: 1, max: MAX_REFUSING }),
    pick: fc.tuple(fc.nat(), fc.nat()),
    down: fc.array(
      fc.integer({ min: 0, max: 7 }).map((x) => x === 0),
      { minLength: MAX_PASSIVE_SERVERS, maxLength: MAX_PASSIVE_SERVERS },
    ),
  })
  .map(({ weights, refusing, pick, down }) => {
    const n = weights.length;
    const first = pick[0] % n;
    let second = pick[1] % (n - 1);
    if (second >= first) second++;
    const refuse = new Set(Math.min(refusing, n - 1) === 2 ? [first, second] : [first]);
    const servers: PassiveServer[] = weights.map((weight, i) => ({
      name: `s${i + 1}`,
      weight,
      ...(refuse.has(i) ? { refuse: true } : {}),
      ...(down[i] ? { down: true } : {}),
    }));
    if (!servers.some((s) => !s.refuse && !s.down)) delete servers.find((s) => !s.refuse)!.down;
    return servers;
  });

/** nginx's default max_fails (1) most often, written out or not; 2 and 3 (weight drops by weight/max_fails), 0 (off). */
const maxFailsArb = fc.constantFrom<number | undefined>(undefined, undefined, 1, 2, 2, 3, 0);

/** Untimed: 1–40 steps in one go, fail_timeout 10 s (default, or written out) or 30 s. */
export function untimedArb(algorithm: Algorithm): fc.Arbitrary<PassiveCase> {
  return fc
    .record({
      servers: serversArb,
      prefixes: fc.array(prefix, { minLength: 1, maxLength: 6 }),
      maxFails: maxFailsArb,
      failTimeoutS: fc.constantFrom<number | undefined>(undefined, undefined, 10, 30),
      steps: fc.array(rawStep, { minLength: 1, maxLength: 40, size: 'max' }),
    })
    .map(({ servers, prefixes, maxFails, failTimeoutS, steps }) => ({
      algorithm,
      servers,
      ...(maxFails !== undefined ? { maxFails } : {}),
      ...(failTimeoutS !== undefined ? { failTimeoutS } : {}),
      phases: [{ second: 0, steps: buildPhases([steps], prefixes)[0]! }],
    }));
}

/**
 * Timed: fail_timeout 0–2 s, 2–4 phases of 1–7 steps, each 1 to fail_timeout + 1 seconds after
 * the one before — so a failure may still hold (including exactly fail_timeout seconds later,
 * nginx's `now - checked <= fail_timeout`) or have expired.
 */
export function timedArb(algorithm: Algorithm): fc.Arbitrary<PassiveCase> {
  return fc
    .record({
      servers: serversArb,
      prefixes: fc.array(prefix, { minLength: 1, maxLength: 4 }),
      maxFails: maxFailsArb,
      failTimeoutS: fc.constantFrom(0, 1, 2, 2),
      phases: fc.array(fc.record({ gap: fc.nat(), steps: fc.array(rawStep, { minLength: 1, maxLength: MAX_PHASE_STEPS }) }), {
        minLength: 2,
        maxLength: 4,
      }),
    })
    .map(({ servers, prefixes, maxFails, failTimeoutS, phases }) => {
      const steps = buildPhases(
        phases.map((p) => p.steps),
        prefixes,
      );
      let second = 0;
      return {
        algorithm,
        servers,
        ...(maxFails !== undefined ? { maxFails } : {}),
        failTimeoutS,
        phases: phases.map((p, i) => {
          if (i > 0) second += 1 + (p.gap % (failTimeoutS + 1));
          return { second, steps: steps[i]! };
        }),
      };
    });
}

// ---------------------------------------------------------------------------------------------
// Fixed cases

export function quickSteps(n: number, client = '10.9.9.9'): Step[] {
  return Array.from({ length: n }, () => ({ kind: 'request' as const, client, path: '/', held: false, serviceMs: 5 }));
}

export function heldSteps(n: number, client = '10.9.9.9'): Step[] {
  return Array.from({ length: n }, () => ({ kind: 'request' as const, client, path: '/', held: true, serviceMs: 5 }));
}
