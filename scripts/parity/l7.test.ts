/**
 * nginx parity for L7: limit_req, X-Forwarded-For, and the balancer's own 502 and 504, on a
 * real nginx 1.22 and on the engine in L7 mode (see l7.ts). Cases that wait on wall-clock time
 * run side by side, each on its own nginx.
 *
 * LIMIT_RUNS (random limit_req schedules) and PARITY_SEED change the random part.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Backends, makeBaseDir, refusingPorts, tearDown } from './harness.ts';
import {
  bucketDecisions,
  describeLimit,
  errorOnEngine,
  errorOnNginx,
  expectedStatuses,
  jitterOf,
  limitArb,
  MIN_MARGIN_MS,
  runLimits,
  showAttempts,
  timed,
  xffOnEngine,
  xffOnNginx,
  XFF_REQUESTS,
  type ErrorCase,
  type ErrorEnv,
  type LimitCase,
  type LimitResult,
} from './l7.ts';
import { TimingError } from './passive.ts';

const LIMIT_RUNS = Number(process.env.LIMIT_RUNS ?? 16);
const SEED = Number(process.env.PARITY_SEED ?? 42);

let env: ErrorEnv;
let base: ReturnType<typeof makeBaseDir>;
let backends: Backends | undefined;
const tally = {
  limitCases: 0,
  limitRequests: 0,
  rejected: 0,
  denied: 0,
  reruns: 0,
  jitter: 0,
  planned: 0,
  seen: 0,
  xff: 0,
  errorCases: 0,
  errorRequests: 0,
};

beforeAll(async () => {
  base = makeBaseDir();
  backends = await Backends.start(2);
  env = { backends, refusingPorts: await refusingPorts(2), baseDir: base.dir };
});

afterAll(async () => {
  await tearDown(backends, base);
  const t = tally;
  if (t.limitCases || t.xff || t.errorCases) {
    console.log(
      'L7: nginx and the engine agreed on:\n' +
        `  limit_req: ${t.limitCases} schedules, ${t.limitRequests} requests (${t.rejected} rejected, ${t.denied} denied)` +
        `;\n    ${t.planned} compared on their schedule (nginx at most ${t.jitter} ms off it), ${t.seen} at the times nginx saw` +
        `${t.reruns ? `; ${t.reruns} runs repeated (timing)` : ''}\n` +
        `  X-Forwarded-For: ${t.xff} requests\n` +
        `  502/504: ${t.errorCases} cases, ${t.errorRequests} requests`,
    );
  }
});

// ---------------------------------------------------------------------------------------------
// limit_req (nginx release-1.22.1, src/http/modules/ngx_http_limit_req_module.c)

const limit = (
  rate: Pick<LimitCase, 'requests' | 'perMs'>,
  burst: number,
  schedule: LimitCase['schedule'],
  more: Partial<LimitCase> = {},
): LimitCase => ({ ...rate, burst, deny: [], schedule, ...more });
const PER_S_10 = { requests: 10, perMs: 1000 } as const;

/** Fixed cases, with the statuses ngx_http_limit_req_lookup's arithmetic gives them. */
const FIXED: { what: string; c: LimitCase; statuses: number[] }[] = [
  {
    // A steady 20 r/s would put every passing request exactly on the boundary (excess
    // 0 - 1000 + 1000 = 0 <= 0): gaps of 50 and 100 ms keep each decision 50 ms from it.
    what: 'rate=10r/s, no burst: about every other request passes, the others get 503 (the default limit_req_status)',
    c: limit(PER_S_10, 0, timed([0, 50, 150, 200, 300, 350, 450, 500])),
    statuses: [200, 503, 200, 503, 200, 503, 200, 503],
  },
  {
    // Excess after each pass: 0, 650, 1300, 1700; 2350 > 2000 is rejected and not kept.
    what: 'rate=10r/s burst=2 nodelay, limit_req_status 429: four pass at once, then one in every 100 ms',
    c: limit(PER_S_10, 2, timed([0, 35, 70, 130, 165, 230, 265]), { status: 429 }),
    statuses: [200, 200, 200, 200, 429, 200, 429],
  },
  {
    // 100r/m = 100 * 1000 / 60 = 1666 milli-requests a second (rounded down): 0 - 166 + 1000 =
    // 834 after the second request; 834 - 333 + 1000 = 1501 > 1000 at 300 ms; 834 - 999 + 1000
    // = 835 at 700 ms.
    what: 'rate=100r/m burst=1: r/m in whole milli-requests, one request drains in 0.6 s',
    c: limit({ requests: 100, perMs: 60_000 }, 1, timed([0, 100, 300, 700])),
    statuses: [200, 200, 503, 200],
  },
  {
    // ngx_http_core_module.h, ngx_http_phases: PREACCESS (limit_req) runs before ACCESS (deny).
    what: 'limit_req answers before deny, and a request that deny refuses was counted (rate=5r/s)',
    c: limit(
      { requests: 5, perMs: 1000 },
      0,
      timed([0, 50, 100, 350, 600], '203.0.113.10', ['/admin', '/', '/admin/users', '/', '/admin']),
      { deny: ['/admin'] },
    ),
    statuses: [403, 503, 503, 200, 403],
  },
];

function count(c: LimitCase, r: LimitResult): void {
  tally.limitCases++;
  tally.limitRequests += c.schedule.length;
  tally.rejected += r.nginx.status.filter((s) => s !== 200 && s !== 403).length;
  tally.denied += r.nginx.status.filter((s) => s === 403).length;
  tally.reruns += r.reruns;
  if (r.planned) {
    tally.planned++;
    tally.jitter = Math.max(tally.jitter, jitterOf(c, r.nginx.started));
  }
  if (r.seen) tally.seen++;
}

/** Runs cases side by side; throws listing every one where nginx and the engine differ. */
async function sideBySide(cases: readonly LimitCase[]): Promise<void> {
  const results = await runLimits(cases, env);
  const failures: { k: number; e: Error }[] = [];
  results.forEach((r, k) => {
    const c = cases[k]!;
    if (r instanceof Error) failures.push({ k, e: r });
    else if (!r.same) failures.push({ k, e: new Error(`nginx, the engine and the formula differ\n${describeLimit(c, r)}`) });
    else count(c, r);
  });
  if (failures.length) {
    failures.sort((a, b) => Number(a.e instanceof TimingError) - Number(b.e instanceof TimingError) || a.k - b.k);
    const list = failures.map(
      ({ k, e }) => `  case ${k + 1}: ${e instanceof TimingError ? '(timing, 3 runs) ' : ''}${e.message.split('\n')[0]}`,
    );
    const details = failures
      .filter(({ e }) => !(e instanceof TimingError))
      .slice(0, 3)
      .map(({ k, e }) => `case ${k + 1}: ${e.message}`);
    throw new Error(`${failures.length} of ${cases.length} limit_req cases failed:\n${list.join('\n')}\n\n${details.join('\n\n')}`);
  }
}

const randomCases = () => fc.sample(limitArb, { seed: SEED + 300, numRuns: LIMIT_RUNS });

describe('limit_req: a leaky bucket per client, on nginx and on the engine', () => {
  it(`the schedules are fair tests: the formula gives the fixed cases' statuses, every decision is at least ${MIN_MARGIN_MS} ms from its boundary`, () => {
    for (const { what, c, statuses } of FIXED) expect(expectedStatuses(c), what).toEqual(statuses);
    const cases = [...FIXED.map((f) => f.c), ...randomCases()];
    for (const c of cases) {
      const margins = bucketDecisions(c).map((d) => d.marginMs);
      expect(Math.min(...margins), JSON.stringify(c)).toBeGreaterThanOrEqual(MIN_MARGIN_MS);
      // In time order, and one client's requests far enough apart that jitter cannot swap them.
      const last = new Map<string, number>();
      c.schedule.forEach((q, i) => {
        if (i > 0) expect(q.at, JSON.stringify(c)).toBeGreaterThan(c.schedule[i - 1]!.at);
        expect(q.at - (last.get(q.client) ?? -Infinity), JSON.stringify(c)).toBeGreaterThanOrEqual(MIN_MARGIN_MS);
        last.set(q.client, q.at);
      });
    }
    // The random cases reject and pass, with and without burst, in r/s and r/m.
    const statuses = cases.flatMap(expectedStatuses);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(20);
    expect(statuses.filter((s) => s !== 200 && s !== 403).length).toBeGreaterThan(10);
  });

  it.concurrent(
    `${FIXED.length} fixed schedules, side by side: the same statuses`,
    async () => {
      await sideBySide(FIXED.map((f) => f.c));
    },
    60_000,
  );

  it.concurrent(
    `${LIMIT_RUNS} random schedules (fast-check seed ${SEED + 300}), side by side: the same statuses`,
    async () => {
      await sideBySide(randomCases());
    },
    60_000,
  );
});

// ---------------------------------------------------------------------------------------------
// X-Forwarded-For (ngx_http_proxy_module.c, ngx_http_proxy_add_x_forwarded_for_variable)

describe('X-Forwarded-For, on nginx and on the engine', () => {
  it('proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for: the client (after realip) appended to what came, in any case', async () => {
    const nginx = await xffOnNginx(XFF_REQUESTS, env);
    const engine = xffOnEngine(XFF_REQUESTS);
    const expected = XFF_REQUESTS.map((q) => q.expected);
    const story =
      `\nsent:   ${JSON.stringify(XFF_REQUESTS.map((q) => [q.client, q.headers]))}\nnginx:  ${JSON.stringify(nginx.values)}\n` +
      `engine: ${JSON.stringify(engine)}\nnginx.conf:\n${nginx.conf}`;
    expect(nginx.values, `nginx${story}`).toEqual(expected);
    expect(engine, `engine${story}`).toEqual(expected);
    tally.xff += XFF_REQUESTS.length;
  });
});

// ---------------------------------------------------------------------------------------------
// 502 and 504 (ngx_http_upstream.c, ngx_http_upstream_next; ngx_http_upstream_round_robin.c)

const ERRORS: ErrorCase[] = [
  {
    what: 'every server refuses: both tried, 502; then none is left (max_fails=1), 502',
    servers: ['refuse', 'refuse'],
    method: 'GET',
    count: 3,
    hang: 'from-start',
    expected: { status: [502, 502, 502], attempts: 's1 s2 | - | -' },
  },
  {
    // ngx_http_upstream_get_round_robin_peer: a single server is never skipped for its failures.
    what: 'a single server that never answers: 504 after proxy_read_timeout, every time',
    servers: ['hang'],
    method: 'GET',
    count: 2,
    hang: 'from-start',
    expected: { status: [504, 504], attempts: 's1 | s1' },
  },
  {
    what: 'a silent server then a good one: the GET times out on s1 and is answered by s2; then s1 is skipped',
    servers: ['hang', 'ok'],
    method: 'GET',
    count: 2,
    hang: 'from-start',
    expected: { status: [200, 200], attempts: 's1 s2 | s2' },
  },
  {
    // ngx_http_upstream_next: a POST already sent is not passed on (no "non_idempotent").
    what: 'a server that hangs holding a POST: 504, not passed to s2; the next POST goes to s2',
    servers: ['hang', 'ok'],
    method: 'POST',
    count: 2,
    hang: 'holding',
    expected: { status: [504, 200], attempts: 's1 | s2' },
  },
  {
    what: 'refused, then timed out: the last try decides, 504; then none is left, 502',
    servers: ['refuse', 'hang'],
    method: 'GET',
    count: 2,
    hang: 'from-start',
    expected: { status: [504, 502], attempts: 's1 s2 | -' },
  },
  {
    // proxy_read_timeout holds for a healthy server too: nginx does not wait for a slow answer.
    what: 'a single healthy server slower than proxy_read_timeout: 504, every time',
    servers: ['hang'],
    method: 'GET',
    count: 2,
    hang: 'slow',
    expected: { status: [504, 504], attempts: 's1 | s1' },
  },
  {
    what: 'timed out, then refused: the last try decides, 502',
    servers: ['hang', 'refuse'],
    method: 'GET',
    count: 2,
    hang: 'from-start',
    expected: { status: [502, 502], attempts: 's1 s2 | -' },
  },
];

describe('502 and 504: nginx answers itself when its tries run out', () => {
  it(`${ERRORS.length} upstreams, side by side: the same statuses, the same servers tried, the same waits`, async () => {
    const failures: string[] = [];
    await Promise.all(
      ERRORS.map(async (c) => {
        const nginx = await errorOnNginx(c, env);
        const engine = errorOnEngine(c);
        const row = (r: { status: (number | null)[]; attempts: string[][]; slow: boolean[] }) =>
          `status ${r.status.join(' ')}; tried ${showAttempts(r.attempts)}; waited ${r.slow.map((s) => (s ? 'yes' : 'no')).join(' ')}`;
        const expected = `status ${c.expected.status.join(' ')}; tried ${c.expected.attempts}`;
        const same = row(nginx) === row(engine) && row(nginx).startsWith(expected);
        // "holding": the engine's first request must really have reached s1 before it hung.
        const held = c.hang !== 'holding' || engine.records[0]!.hops.some((h) => h.node === 's1' && h.dir === 'request' && !h.drop);
        if (!same || !held) {
          failures.push(
            `${c.what}\n  nginx:    ${row(nginx)}\n  engine:   ${row(engine)}\n  expected: ${expected}` +
              `${held ? '' : "\n  (the engine's first request never reached s1 before it failed)"}\n  engine outcomes: ` +
              `${engine.records.map((r) => r.outcome).join(' ')}\n${nginx.conf}`,
          );
          return;
        }
        // The engine's outcomes name the same ends: 502 unavailable, 504 timeout.
        for (const [i, r] of engine.records.entries()) {
          const want = { 200: 'ok', 502: 'unavailable', 504: 'timeout' }[r.status ?? 0];
          if (r.outcome !== want) failures.push(`${c.what}: engine request #${i + 1} has status ${r.status} but outcome ${r.outcome}`);
        }
        tally.errorCases++;
        tally.errorRequests += c.count;
      }),
    );
    if (failures.length) throw new Error(`${failures.length} of ${ERRORS.length} cases differ:\n\n${failures.join('\n\n')}`);
  }, 60_000);
});
