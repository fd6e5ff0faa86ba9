/**
 * A parity case is one upstream configuration plus a sequence of steps; it runs on a real
 * nginx and, as an equivalent scenario, on the engine, and both must pick the same servers.
 *
 * Steps run strictly one after another:
 *  - a quick request is sent and answered before the next step;
 *  - a held request is sent, and the next step waits until it has reached its backend
 *    (so nginx has picked for it and counts it as an open connection);
 *  - a release lets one held request answer, and the next step waits for that answer
 *    (nginx frees the peer's connection when the upstream response completes).
 * Held requests still open at the end are released after the last step.
 *
 * The engine runs each case in L7 mode (nginx's HTTP proxy, which is what runs here). Its L4 is
 * IPVS, with the kernel's own schedulers, so it is not held against nginx.
 *
 * In the engine scenario each step gets its own 100 ms slot: a request leaves the client at the
 * start of its slot; a held request's service ends at the start of the slot of its release. With
 * at most ~25 ms of network delay (first-request DNS included) and quick services of at most
 * 20 ms, every pick and every release happens inside its own slot, in the order nginx saw them.
 */
import fc from 'fast-check';
import { simulate } from '../../src/sim/engine.ts';
import type { NginxAlgorithm as Algorithm } from '../../src/sim/algorithms/pick.ts';
import { parseScenario, type ScenarioInput } from '../../src/sim/scenario.ts';
import type { RequestRecord } from '../../src/sim/types.ts';
import { StepDriver, upstreamWith } from './drive.ts';
import { Backends, startNginx, type Nginx, type Reply } from './harness.ts';

export type Step =
  | { kind: 'request'; client: string; path: string; held: boolean; serviceMs: number }
  /** Lets the held request with this index (among the case's requests) answer. */
  | { kind: 'release'; request: number };

export interface NetworkInput {
  clientLatencyMs: number;
  serverLatencyMs: number;
  dnsLatencyMs: number;
  balancerMs: number;
}

export interface ParityCase {
  algorithm: Algorithm;
  /** `down`: nginx's `down` parameter (configured out of rotation). */
  servers: { name: string; weight: number; down?: boolean }[];
  steps: Step[];
  /** Engine latencies; absent = the engine's defaults. */
  network?: NetworkInput;
}

export const SLOT_MS = 100;
export const MAX_SERVERS = 6;

// ---------------------------------------------------------------------------------------------
// The two sides

/** The `upstream backend { … }` block nginx runs for a case. */
export function upstreamBlock(c: ParityCase, ports: readonly number[]): string {
  const lines = c.servers.map((s, i) => {
    // Plain round robin is nginx's default with no weight= at all.
    const weight = c.algorithm === 'round-robin' ? '' : ` weight=${s.weight}`;
    return `    server 127.0.0.1:${ports[i]}${weight}${s.down ? ' down' : ''};  # ${s.name}`;
  });
  return upstreamWith(c.algorithm, lines);
}

export type Mode = 'L4' | 'L7';

/** The engine scenario equivalent to a case (see the timing note at the top). */
export function scenarioOf(c: ParityCase, mode: Mode = 'L7'): ScenarioInput {
  const releaseSlot = new Map<number, number>();
  c.steps.forEach((s, slot) => {
    if (s.kind === 'release') releaseSlot.set(s.request, slot);
  });
  const end = c.steps.length + 1;
  let r = 0;
  const requests = c.steps.flatMap((s, slot) => {
    if (s.kind !== 'request') return [];
    const at = slot * SLOT_MS;
    const serviceMs = s.held ? (releaseSlot.get(r) ?? end) * SLOT_MS - at : s.serviceMs;
    r++;
    return [{ at, client: s.client, path: s.path, serviceMs }];
  });
  return {
    seed: 1,
    mode,
    algorithm: c.algorithm,
    servers: c.servers.map((s) => ({ name: s.name, weight: s.weight, ...(s.down ? { down: true } : {}) })),
    requests,
    ...(c.network ? { network: { ...c.network } } : {}),
  };
}

/** The engine's record of each request, in request order. */
export function engineRecords(c: ParityCase, mode: Mode = 'L7'): RequestRecord[] {
  const parsed = parseScenario(scenarioOf(c, mode));
  if (!parsed.ok) throw new Error(`the engine rejected the scenario: ${parsed.error}\n${JSON.stringify(scenarioOf(c, mode))}`);
  return simulate(parsed.scenario);
}

/** The server the engine picks for each request, in request order. */
export function engineSequence(c: ParityCase, mode: Mode = 'L7'): (string | null)[] {
  return engineRecords(c, mode).map((rec) => rec.server);
}

export interface NginxRun {
  /** The server nginx picked for each request (the case's name), in request order. */
  servers: (string | null)[];
  /** Raw $upstream_addr per request. */
  upstreams: (string | null)[];
  conf: string;
}

/** Runs a case on a fresh nginx in front of `backends`; always stops nginx. */
export async function nginxSequence(c: ParityCase, backends: Backends, baseDir: string): Promise<NginxRun> {
  backends.reset();
  const nginx = await startNginx(baseDir, upstreamBlock(c, backends.ports));
  try {
    return await drive(c, backends, nginx);
  } catch (e) {
    const log = nginx.errorLog().trim();
    (e as Error).message += `\nnginx.conf:\n${nginx.conf}${log ? `\nerror.log:\n${log}` : ''}`;
    throw e;
  } finally {
    backends.releaseAll();
    await nginx.stop();
  }
}

async function drive(c: ParityCase, backends: Backends, nginx: Nginx): Promise<NginxRun> {
  const driver = new StepDriver(backends, nginx, 'r');
  let replies: Reply[];
  try {
    for (const s of c.steps) await driver.step(s);
    replies = await driver.finish();
  } finally {
    backends.releaseAll();
  }
  const byPort = new Map(backends.ports.map((p, i) => [`127.0.0.1:${p}`, i]));
  const servers = replies.map((r, i) => {
    if (r.status !== 200) throw new Error(`request #${i + 1} got HTTP ${r.status} (X-Upstream: ${r.upstream})`);
    const index = byPort.get(r.upstream ?? '');
    // One address only: a list would mean nginx retried, which these healthy backends never cause.
    if (index === undefined || r.backend !== `b${index}`) {
      throw new Error(`request #${i + 1}: X-Upstream ${JSON.stringify(r.upstream)} but answered by ${r.backend}`);
    }
    return c.servers[index]?.name ?? `(backend b${index}, not configured)`;
  });
  return { servers, upstreams: replies.map((r) => r.upstream), conf: nginx.conf };
}

// ---------------------------------------------------------------------------------------------
// Comparing

/** A readable account of a case and both sequences, marking where they part. */
export function describeRun(
  c: ParityCase,
  conf: string,
  nginx: readonly (string | null)[],
  engine: readonly (string | null)[],
  expected?: readonly string[],
  mode: Mode = 'L7',
): string {
  const requests = c.steps.flatMap((s, slot) => (s.kind === 'request' ? [{ s, slot }] : []));
  const firstDiff = requests.findIndex((_, i) => nginx[i] !== engine[i] || (expected && expected[i] !== nginx[i]));
  const rows = requests.map(({ s, slot }, i) => {
    const mark = i === firstDiff ? '  <-- first difference' : '';
    const exp = expected ? ` expected=${expected[i]}` : '';
    return (
      `  #${String(i + 1).padStart(2)} slot ${String(slot).padStart(2)} ${s.held ? 'held ' : 'quick'} ` +
      `${s.client.padEnd(15)} ${s.path.padEnd(14)} nginx=${nginx[i]} engine=${engine[i]}${exp}${mark}`
    );
  });
  const releases = c.steps.flatMap((s, slot) => (s.kind === 'release' ? [`#${s.request + 1}@slot ${slot}`] : []));
  return [
    `algorithm: ${c.algorithm}; servers: ${c.servers.map((s) => `${s.name}(w${s.weight}${s.down ? ', down' : ''})`).join(' ')}`,
    `releases: ${releases.join(' ') || 'none'}`,
    `nginx  : ${nginx.join(' ')}`,
    `engine : ${engine.join(' ')} (${mode})`,
    ...(expected ? [`design : ${expected.join(' ')}`] : []),
    'requests:',
    ...rows,
    'nginx upstream block:',
    upstreamOf(conf),
    `engine scenario: ${JSON.stringify(scenarioOf(c, mode))}`,
  ].join('\n');
}

/** The `upstream backend { … }` block of an nginx.conf, unindented. */
export function upstreamOf(conf: string): string {
  const start = conf.indexOf('upstream backend');
  return conf.slice(start, conf.indexOf('}', start) + 1).replace(/^ {4}/gm, '');
}

// ---------------------------------------------------------------------------------------------
// Random cases

export const octet = fc.integer({ min: 0, max: 255 });
/** /24 prefixes: a few well-known ones and random ones. */
export const prefix = fc.oneof(
  fc.constantFrom('192.168.0', '172.16.5', '127.0.0', '10.0.0', '203.0.113', '192.0.2', '100.64.3'),
  fc.tuple(octet, octet, octet).map((t) => t.join('.')),
);
const PATHS = ['/', '/search', '/map', '/static/app.js', '/api/items?page=2'];

/** A raw step as the arbitraries draw it: an operation and numbers to pick its details with. */
export interface RawStep {
  op: 'quick' | 'held' | 'release';
  client: number;
  last: number;
  serviceMs: number;
  which: number;
}

/**
 * Raw steps, phase by phase, to steps: a release frees one of the held requests (none held:
 * skipped); held requests stay open across phases until released. `pathOf` gives each
 * request's path ('/' by default).
 */
export function buildPhases<R extends RawStep>(
  raw: readonly R[][],
  prefixes: readonly string[],
  pathOf: (s: R) => string = () => '/',
): Step[][] {
  const held: number[] = [];
  let requests = 0;
  return raw.map((phase) => {
    const out: Step[] = [];
    for (const s of phase) {
      if (s.op === 'release') {
        if (held.length === 0) continue;
        const [r] = held.splice(s.which % held.length, 1);
        out.push({ kind: 'release', request: r! });
        continue;
      }
      if (s.op === 'held') held.push(requests);
      requests++;
      out.push({
        kind: 'request',
        client: `${prefixes[s.client % prefixes.length]}.${s.last}`,
        path: pathOf(s),
        held: s.op === 'held',
        serviceMs: s.serviceMs,
      });
    }
    return out;
  });
}

const rawStep = fc.record({
  op: fc.constantFrom('quick', 'quick', 'quick', 'held', 'held', 'release'),
  client: fc.nat(),
  last: octet,
  path: fc.nat(),
  serviceMs: fc.integer({ min: 1, max: 20 }),
  which: fc.nat(),
});

const network: fc.Arbitrary<NetworkInput | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.record({
    clientLatencyMs: fc.integer({ min: 0, max: 3 }),
    serverLatencyMs: fc.integer({ min: 0, max: 3 }),
    dnsLatencyMs: fc.integer({ min: 0, max: 3 }),
    balancerMs: fc.constantFrom(0, 0.1, 0.5, 1),
  }),
);

/**
 * Random cases for one algorithm: 2–6 servers with weights 1–10 (given to the engine even for
 * plain round robin, which must ignore them), about one in seven marked `down` (never all of
 * them: nginx would answer 502 with no server to pick), clients drawn from 1–6 /24 prefixes so
 * several share one, and 1–40 steps mixing quick requests, held requests and releases.
 */
export function caseArb(algorithm: Algorithm): fc.Arbitrary<ParityCase> {
  return fc
    .record({
      servers: fc.array(
        fc.record({
          weight: fc.integer({ min: 1, max: 10 }),
          down: fc.integer({ min: 0, max: 6 }).map((x) => x === 0),
        }),
        { minLength: 2, maxLength: MAX_SERVERS },
      ),
      prefixes: fc.array(prefix, { minLength: 1, maxLength: 6 }),
      steps: fc.array(rawStep, { minLength: 1, maxLength: 40, size: 'max' }),
      network,
    })
    .map(({ servers, prefixes, steps, network: net }) => {
      const out = buildPhases([steps], prefixes, (s) => PATHS[s.path % PATHS.length]!)[0]!;
      return {
        algorithm,
        servers: servers.map(({ weight, down }, i) => ({
          name: `s${i + 1}`,
          weight,
          // At least one server stays up: the last one, when all others are down.
          ...(down && (i < servers.length - 1 || servers.some((x) => !x.down)) ? { down: true } : {}),
        })),
        steps: out,
        ...(net ? { network: net } : {}),
      };
    });
}

// ---------------------------------------------------------------------------------------------
// Fixed cases

/** `n` quick requests from one client. */
export function quick(n: number, client = '10.9.9.9'): Step[] {
  return Array.from({ length: n }, () => ({ kind: 'request' as const, client, path: '/', held: false, serviceMs: 5 }));
}

export function held(n: number, client = '10.9.9.9'): Step[] {
  return Array.from({ length: n }, () => ({ kind: 'request' as const, client, path: '/', held: true, serviceMs: 5 }));
}
