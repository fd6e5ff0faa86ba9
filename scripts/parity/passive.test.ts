/**
 * nginx parity for passive failures: upstream servers that refuse connections. For every
 * request, nginx (its $upstream_addr) and the engine (its balancer request hops) must have
 * attempted the same servers in the same order. Each configuration runs on a fresh nginx in
 * front of backends this file starts; the refusing servers are loopback ports where nothing
 * listens. See passive.ts for how time is matched (fail_timeout counts wall-clock seconds).
 *
 * PASSIVE_RUNS (untimed configurations per algorithm), PASSIVE_TIMED_RUNS (timed ones, run
 * side by side) and PARITY_SEED change the random part.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NGINX_ALGORITHMS as ALGORITHMS, type NginxAlgorithm as Algorithm } from '../../src/sim/algorithms/pick.ts';
import { Backends, makeBaseDir, refuses, refusingPorts, tearDown } from './harness.ts';
import {
  describePassive,
  heldSteps,
  isTimed,
  MAX_PASSIVE_SERVERS,
  MAX_REFUSING,
  quickSteps,
  runPassive,
  TimingError,
  timedArb,
  untimedArb,
  type PassiveCase,
  type PassiveEnv,
  type PassiveResult,
  type PassiveServer,
} from './passive.ts';

const RUNS = Number(process.env.PASSIVE_RUNS ?? 40);
const TIMED_RUNS = Number(process.env.PASSIVE_TIMED_RUNS ?? 20);
const SEED = Number(process.env.PARITY_SEED ?? 42);

let env: PassiveEnv;
let base: ReturnType<typeof makeBaseDir>;
let backends: Backends | undefined;

interface Tally {
  configs: number;
  requests: number;
  attempts: number;
  refused: number;
  timed: number;
  /** Attempts at a server that had already failed max_fails times: its fail_timeout had expired. */
  expired: number;
  reruns: number;
}
const tally = new Map<Algorithm, Tally>();

beforeAll(async () => {
  base = makeBaseDir();
  backends = await Backends.start(MAX_PASSIVE_SERVERS);
  env = { backends, refusingPorts: await refusingPorts(MAX_REFUSING), baseDir: base.dir };
});

afterAll(async () => {
  await tearDown(backends, base);
  const lines = [...tally].map(
    ([a, t]) =>
      `  ${a}: ${t.configs} configurations (${t.timed} timed), ${t.requests} requests, ${t.attempts} attempts ` +
      `(${t.refused} refused, ${t.expired} of them after fail_timeout expired)` +
      (t.reruns ? `; ${t.reruns} timed runs repeated` : ''),
  );
  if (lines.length) console.log(`passive failures: nginx and the engine made the same attempts in:\n${lines.join('\n')}`);
});

function count(c: PassiveCase, r: PassiveResult): void {
  const t = tally.get(c.algorithm) ?? {
    configs: 0,
    requests: 0,
    attempts: 0,
    refused: 0,
    timed: 0,
    expired: 0,
    reruns: 0,
  };
  t.configs++;
  t.timed += isTimed(c) ? 1 : 0;
  t.reruns += r.reruns;
  t.requests += r.nginx.attempts.length;
  for (const a of r.nginx.attempts) t.attempts += a.length;
  const maxFails = c.maxFails ?? 1;
  const fails = new Map<string, number>();
  for (const [i, a] of r.nginx.attempts.entries()) {
    const failed = r.nginx.status[i] === 200 ? a.slice(0, -1) : a;
    t.refused += failed.length;
    for (const s of failed) {
      const n = fails.get(s) ?? 0;
      if (maxFails > 0 && n >= maxFails) t.expired++;
      fails.set(s, n + 1);
    }
  }
  tally.set(c.algorithm, t);
}

/** Runs a case on both sides; throws with the whole story if their attempts differ (or differ from `expected`). */
async function check(c: PassiveCase, expected?: readonly string[][]): Promise<PassiveResult> {
  const r = await runPassive(c, env);
  const asExpected = !expected || expected.map((a) => a.join(' ')).join('|') === r.nginx.attempts.map((a) => a.join(' ')).join('|');
  if (!r.same || !asExpected) {
    const who = !r.same ? 'engine and nginx attempted different servers' : 'nginx and the engine agree, but not with the expected attempts';
    throw new Error(`${who}\n${describePassive(c, r, expected)}`);
  }
  count(c, r);
  return r;
}

const servers = (spec: string): PassiveServer[] =>
  // "s1:1:refuse s2:1 s3:2:down" -> name, weight, flags
  spec.split(' ').map((x) => {
    const [name, weight, ...flags] = x.split(':');
    return {
      name: name!,
      weight: Number(weight),
      ...(flags.includes('refuse') ? { refuse: true } : {}),
      ...(flags.includes('down') ? { down: true } : {}),
    };
  });
const one = (steps: PassiveCase['phases'][number]['steps']) => [{ second: 0, steps }];
const tries = (spec: string) => spec.split(' | ').map((a) => (a === '-' ? [] : a.split(' ')));

describe('refusing servers, fixed cases, on nginx and on the engine', () => {
  it('round robin, s1 refuses: tried once, then skipped for fail_timeout', async () => {
    await check(
      { algorithm: 'round-robin', servers: servers('s1:1:refuse s2:1 s3:1'), phases: one(quickSteps(6)) },
      tries('s1 s2 | s3 | s2 | s3 | s2 | s3'),
    );
  });

  it('weighted {5,1,1}, s1 refuses, max_fails=2: refused twice, then skipped; each refusal costs it 5/2 = 2 of effective weight', async () => {
    await check(
      {
        algorithm: 'weighted-round-robin',
        servers: servers('s1:5:refuse s2:1 s3:1'),
        maxFails: 2,
        phases: one(quickSteps(8)),
      },
      tries('s1 s2 | s3 | s1 s2 | s2 | s3 | s2 | s3 | s2'),
    );
  });

  it('ip_hash: 192.168.0.1 hashes to s1, which refuses -> rehash to s2 (hash 5086), and stays there', async () => {
    await check(
      { algorithm: 'ip-hash', servers: servers('s1:1:refuse s2:1 s3:1'), phases: one(quickSteps(3, '192.168.0.1')) },
      tries('s1 s2 | s2 | s2'),
    );
  });

  it('least_conn, s2 refuses while three requests are held', async () => {
    await check(
      {
        algorithm: 'least-connections',
        servers: servers('s1:1 s2:1:refuse s3:1'),
        phases: one([...heldSteps(3), ...quickSteps(3)]),
      },
      tries('s1 | s2 s3 | s3 | s1 | s1 | s1'),
    );
  });

  it('round robin, fail_timeout=2: still skipped 2 s after the refusal, tried again 3 s after (effective weight back from 0)', async () => {
    const c: PassiveCase = {
      algorithm: 'round-robin',
      servers: servers('s1:1:refuse s2:1 s3:1'),
      failTimeoutS: 2,
      phases: [
        { second: 0, steps: quickSteps(2) },
        { second: 2, steps: quickSteps(1) },
        { second: 3, steps: quickSteps(4) },
      ],
    };
    await check(c, tries('s1 s2 | s3 | s2 | s3 | s2 | s3 | s1 s2'));
  });

  // nginx 1.22 answers 502 ("no live upstreams", X-Upstream "backend" once none is left) and
  // leaves the failure counts as they are; so does the engine (check() compares the statuses).
  it.each(ALGORITHMS)(
    '%s, every server refuses: once a request has tried them all, nginx tries none until fail_timeout has passed',
    async (algorithm) => {
      // Weights 1 and 2: plain round robin and ip_hash (192.168.0.1: 153 % 3 = 0) start at s1;
      // weighted round robin and least_conn's tie-break at s2.
      const first = algorithm === 'round-robin' || algorithm === 'ip-hash' ? 's1 s2' : 's2 s1';
      const r = await check(
        { algorithm, servers: servers('s1:1:refuse s2:2:refuse'), phases: one(quickSteps(4, '192.168.0.1')) },
        tries(`${first} | - | - | -`),
      );
      // ngx_http_upstream_next: every try refused, or none left -> NGX_HTTP_BAD_GATEWAY.
      expect(r.nginx.status).toEqual([502, 502, 502, 502]);
      expect(r.engine.status).toEqual([502, 502, 502, 502]);
      expect(r.engine.records.map((x) => x.outcome)).toEqual(['unavailable', 'unavailable', 'unavailable', 'unavailable']);
    },
  );

  it('every server refuses, fail_timeout=1: none tried in the same second, both again 2 s later (effective weights 0 -> 1)', async () => {
    const c: PassiveCase = {
      algorithm: 'round-robin',
      servers: servers('s1:1:refuse s2:1:refuse'),
      failTimeoutS: 1,
      phases: [
        { second: 0, steps: quickSteps(2) },
        { second: 2, steps: quickSteps(2) },
      ],
    };
    await check(c, tries('s1 s2 | - | s2 s1 | -'));
  });

  it('every server refuses, max_fails=2: a second round, then none', async () => {
    await check(
      {
        algorithm: 'round-robin',
        servers: servers('s1:1:refuse s2:1:refuse'),
        maxFails: 2,
        phases: one(quickSteps(4)),
      },
      tries('s1 s2 | s2 s1 | - | -'),
    );
  });

  it('POST to a refusing server: the request was never sent, so nginx passes it to the next server', async () => {
    await check(
      { algorithm: 'round-robin', servers: servers('s1:1:refuse s2:1'), method: 'POST', phases: one(quickSteps(3)) },
      tries('s1 s2 | s2 | s2'),
    );
  });
});

describe('refusing servers, random configurations, on nginx and on the engine', () => {
  ALGORITHMS.forEach((algorithm, i) => {
    it(`${algorithm}: ${RUNS} configurations within fail_timeout (fast-check seed ${SEED + 100 + i})`, async () => {
      await fc.assert(
        fc.asyncProperty(untimedArb(algorithm), async (c) => {
          await check(c);
        }),
        {
          seed: SEED + 100 + i,
          numRuns: RUNS,
          // Each shrink step restarts nginx: keep a failure's search bounded.
          interruptAfterTimeLimit: 60_000,
          markInterruptAsFailure: true,
        },
      );
    });
  });

  it(`all algorithms: ${TIMED_RUNS} configurations each across fail_timeout (0–2 s), run side by side (fast-check seed ${SEED + 200})`, async () => {
    // Timed cases wait for whole seconds, so they run concurrently (each on its own nginx)
    // instead of one by one; fast-check generates them but cannot shrink a failure here.
    const cases = ALGORITHMS.flatMap((algorithm, i) => fc.sample(timedArb(algorithm), { seed: SEED + 200 + i, numRuns: TIMED_RUNS }));
    const failures: { k: number; e: Error }[] = [];
    await Promise.all(
      cases.map(async (c, k) => {
        try {
          await check(c);
        } catch (e) {
          failures.push({ k, e: e as Error });
        }
      }),
    );
    for (const port of env.refusingPorts) expect(await refuses(port), `port ${port} still refuses`).toBe(true);
    if (failures.length) {
      // Differences first; a machine too busy to keep a phase inside its second comes last.
      failures.sort((a, b) => Number(a.e instanceof TimingError) - Number(b.e instanceof TimingError) || a.k - b.k);
      const list = failures.map(
        ({ k, e }) => `  case ${k + 1}: ${e instanceof TimingError ? '(timing, 3 runs) ' : ''}${e.message.split('\n')[0]}`,
      );
      const details = failures
        .filter(({ e }) => !(e instanceof TimingError))
        .slice(0, 3)
        .map(({ k, e }) => `case ${k + 1}: ${e.message}`);
      throw new Error(`${failures.length} of ${cases.length} timed cases failed:\n${list.join('\n')}\n\n${details.join('\n\n')}`);
    }
  }, 120_000);
});
