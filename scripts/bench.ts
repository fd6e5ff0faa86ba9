/**
 * `npm run bench`: simulated requests and events per second, trace recording off and on, next
 * to a bare event-queue loop measured in the same run, and the heap after 1,000,000 requests.
 * Then the cost per request with and without overload: the same requests into one swamped
 * server and spread over six (and a run three times as long into the one), trace on and off.
 * A script that prints figures, not a test: numbers vary with the machine.
 *
 *   BENCH_PART=overload  only the overload figures (a few seconds)
 */
import { performance } from 'node:perf_hooks';
import { Simulation } from '../src/sim/engine.ts';
import { EventQueue } from '../src/sim/eventQueue.ts';
import { parseScenario, type Scenario } from '../src/sim/scenario.ts';
import { ALGORITHMS, type Algorithm } from '../src/sim/algorithms/pick.ts';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1_000_000);
const gc = (globalThis as { gc?: () => void }).gc;
const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

function scenario(algorithm: Algorithm): Scenario {
  const rate = 100_000; // requests per simulated second
  const r = parseScenario({
    seed: 1,
    algorithm,
    servers: [1, 2, 3, 4].map((i) => ({ name: `s${i}`, weight: i, concurrency: 1000 })),
    load: { clients: 200, ratePerSec: rate, durationMs: (REQUESTS / rate) * 1000, serviceMs: 5 },
  });
  if (!r.ok) throw new Error(r.error);
  return r.scenario;
}

/**
 * The floor: the same queue (four FIFO channels and the heap) fed the same pattern of delays —
 * three fixed-delay links and one variable service time per request — with no work per event.
 */
function bareLoop(events: number, inFlight: number): number {
  const q = new EventQueue(4);
  const delays = [10, 1.1, 1];
  let x = 1;
  const serviceMs = () => {
    x = (Math.imul(x, 1103515245) + 12345) & 0x7fffffff;
    return 10 * (x / 0x7fffffff); // mean 5 ms, like the scenario
  };
  for (let i = 0; i < inFlight; i++) q.push(i * 0.01, 0, i);
  const start = performance.now();
  for (let i = 0; i < events; i++) {
    q.pop();
    const kind = (q.topKind + 1) % 4;
    q.push(q.topTime + (kind === 3 ? serviceMs() : delays[kind]!), kind, q.topPayload);
  }
  return events / ((performance.now() - start) / 1000);
}

function runSim(algorithm: Algorithm, record: boolean) {
  gc?.();
  let kept = 0;
  const sim = new Simulation(scenario(algorithm), {
    record,
    onRecord: () => {
      kept++;
    },
  });
  const start = performance.now();
  sim.run();
  const seconds = (performance.now() - start) / 1000;
  const heapAfter = process.memoryUsage().heapUsed;
  gc?.();
  return {
    requests: sim.stats.finished,
    events: sim.stats.events,
    reqPerSec: sim.stats.finished / seconds,
    evPerSec: sim.stats.events / seconds,
    heapAfterGc: process.memoryUsage().heapUsed,
    heapAfter,
    records: kept,
  };
}

const ONLY_OVERLOAD = process.env.BENCH_PART === 'overload';
if (!ONLY_OVERLOAD) mainTable();
overloadTable();

function mainTable(): void {
  console.log(`Load Balancer Lab engine benchmark — node ${process.version}, ${REQUESTS.toLocaleString('en-US')} requests per run`);
  if (!gc) console.log('(run with node --expose-gc for heap figures after collection)');
  // Warm up the JIT on a smaller run so the first measured algorithm is not penalised.
  runSim('round-robin', false);

  const rows: string[][] = [];
  let bareRef = 0;
  for (const algorithm of ALGORITHMS) {
    for (const record of [false, true]) {
      const r = runSim(algorithm, record);
      const bare = bareLoop(r.events, 2700);
      bareRef = Math.max(bareRef, bare);
      rows.push([
        algorithm,
        record ? 'on' : 'off',
        fmt(r.reqPerSec),
        fmt(r.evPerSec),
        fmt(bare),
        (bare / r.evPerSec).toFixed(2) + 'x',
        mb(r.heapAfterGc),
      ]);
    }
  }
  const head = ['algorithm', 'recording', 'requests/s', 'events/s', 'bare queue events/s', 'bare/sim', 'heap after run (gc)'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i]!)).join('  ');
  console.log(line(head));
  for (const r of rows) console.log(line(r));
  console.log(`events per request: ${(runSim('round-robin', false).events / REQUESTS).toFixed(2)}`);
}

/** 6,000 requests a second from six clients: one server (1,600 a second at most) is swamped; six are not. */
function overloadScenario(servers: number, seconds: number): Scenario {
  const r = parseScenario({
    seed: 1,
    servers: Array.from({ length: servers }, (_, i) => ({ name: `s${i + 1}` })),
    load: { clients: 6, ratePerSec: 6000, durationMs: seconds * 1000 },
  });
  if (!r.ok) throw new Error(r.error);
  return r.scenario;
}

function costPerRequest(s: Scenario, record: boolean) {
  gc?.();
  const sim = new Simulation(s, { record, onRecord: () => {} });
  const start = performance.now();
  sim.run();
  const ms = performance.now() - start;
  const o = sim.stats.outcomes;
  return { requests: sim.stats.finished, usPerRequest: (1000 * ms) / sim.stats.finished, events: sim.stats.events, o };
}

function overloadTable(): void {
  console.log('\nCost per request, with and without overload (6 clients, 6,000 requests/s, 20 ms each, backlog 511):');
  costPerRequest(overloadScenario(1, 2), true); // warm-up
  const cases: [string, number, number][] = [
    ['six servers (no overload)', 6, 10],
    ['one server, swamped', 1, 10],
    ['one server, swamped 3× as long', 1, 30],
  ];
  const rows: string[][] = [];
  const base: Record<string, number> = {};
  for (const record of [false, true]) {
    for (const [name, servers, seconds] of cases) {
      const r = costPerRequest(overloadScenario(servers, seconds), record);
      const key = record ? 'on' : 'off';
      base[key] ??= r.usPerRequest;
      rows.push([
        name,
        key,
        fmt(r.requests),
        r.usPerRequest.toFixed(2),
        (r.usPerRequest / base[key]!).toFixed(2) + 'x',
        (r.events / r.requests).toFixed(2),
        `${fmt(r.o.ok)} ok, ${fmt(r.o.timeout)} timeout, ${fmt(r.o['no-port'])} no-port`,
      ]);
    }
  }
  const head = ['run', 'recording', 'requests', 'µs/request', 'vs six', 'events/request', 'outcomes'];
  const widths = head.map((h, i) => rows.reduce((w, r) => Math.max(w, r[i]!.length), h.length));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 || i === 6 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(line(head));
  for (const r of rows) console.log(line(r));
}
