/**
 * The command-line simulator.
 *
 *   npm run --silent simulate -- FILE.json [--max-seconds N]
 *
 * Prints one JSON object per request on stdout, in request order (JSON Lines), and exits 0.
 *
 * - Output streams: the run advances in chunks and waits whenever the reader is slower than the
 *   engine (stdout's 'drain'), so memory stays bounded into a slow pipe, whatever the run's size.
 *   Requests finish out of order: a finished one waits until every earlier one is printed, so a
 *   request that stays in flight a long time holds back (and keeps in memory) those after it.
 * - A reader that goes away (`… | head -1`) ends the run at once, quietly, with exit 0.
 * - A scenario that would make more requests than the budget allows (estimated before running,
 *   as the page does: listed requests, the load and each set-load over their windows) is
 *   refused at once: one line on stderr naming the budget, nothing on stdout, exit 1.
 * - A run past the command line's budget (CLI_BUDGET in src/sim/budget.ts: events, requests,
 *   health checks and VRRP adverts, simulated span) stops: the requests printed so far stay
 *   printed, then one line on stderr says what to reduce, and the exit status is 1.
 * - A run that has computed for 8 s (`--max-seconds N` to change it, 0 for no limit) stops
 *   the same way, naming that budget: every accepted scenario ends within 10 s, start-up included. Time spent
 *   waiting for a slow reader does not count: a pager read at leisure is not cut short.
 * - A file that cannot be run gets one line on stderr (`simulate: FILE: …`), exit 1 and nothing
 *   on stdout: a missing file or a directory, a file over 64 MiB (never read past that, so
 *   /dev/zero is refused at once), text that is not UTF-8 or UTF-16 (a byte-order mark is
 *   accepted; UTF-16 is decoded, either byte order), JSON nested deeper than 64 levels (checked
 *   before parsing), bad JSON, or the schema's first complaint naming the field. Control and
 *   bidirectional characters in a message are printed as \uXXXX escapes; an unexpected error
 *   is one line too, never a stack trace.
 *
 * For tests only: the environment variable SIMULATE_TEST_BUDGET, a JSON object with some of
 * the budget's fields (maxEvents, maxRequests, maxSystemRecords, maxSpanMs), replaces those
 * fields of CLI_BUDGET, so a test reaches the budget in a fraction of a second.
 */
import { CLI_BUDGET, overrunMessage, type Budget } from '../src/sim/budget.ts';
import { Simulation } from '../src/sim/engine.ts';
import { parseScenarioText } from '../src/sim/scenario.ts';
import { estimateRequests } from '../src/store/estimate.ts';
import type { RequestRecord } from '../src/sim/types.ts';
import { readScenarioBytes, Refused, safeLine, scenarioText } from './scenarioFile.ts';

/** Events per advance(): small enough that one chunk's records are a few MB at most. */
const CHUNK_EVENTS = 4096;
/** Output is handed to stdout in pieces of about this many characters. */
const PIECE_CHARS = 1 << 16;
/** The computing time a run may take unless told (`--max-seconds`). */
const MAX_SECONDS = 8;

let file = '';
/** Milliseconds spent waiting for stdout's reader (not counted against --max-seconds). */
let waitedMs = 0;

/** Writes one line on stderr, made safe for a terminal. */
function complain(message: string): void {
  process.stderr.write(`simulate: ${safeLine(message)}\n`);
}

/** Ends with one line for anything unexpected: never a stack trace. */
function crash(e: unknown): void {
  const what = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  complain(`${file ? `${file}: ` : ''}internal error: ${what}`);
  process.exit(1);
}
process.on('uncaughtException', crash);
process.on('unhandledRejection', crash);

// A reader that went away: stop quietly (SIGPIPE is ignored by Node, so this is EPIPE).
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  crash(e);
});
process.stderr.on('error', () => process.exit(process.exitCode ?? 1));

/** Resolves when stdout can take more (or is gone: its 'error' handler then ends the process). */
function drained(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      process.stdout.off('drain', done);
      process.stdout.off('close', done);
      resolve();
    };
    process.stdout.on('drain', done);
    process.stdout.on('close', done);
  });
}

/** Writes `text`, waiting for the reader when it is behind. */
async function put(text: string): Promise<void> {
  if (process.stdout.destroyed) {
    // Gone (its 'error' handler ends the process at the next turn of the event loop).
    await new Promise(setImmediate);
    process.exit(process.exitCode ?? 0);
  }
  if (!process.stdout.write(text)) {
    const from = performance.now();
    await drained();
    waitedMs += performance.now() - from;
  }
}

/** FILE and --max-seconds N (in either order), or the usage line's problem. */
function parseArgs(args: string[]): { file: string; maxSeconds: number } | string {
  let given: string | null = null;
  let maxSeconds = MAX_SECONDS;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--max-seconds') {
      const v = Number(args[++i]);
      if (!(v >= 0) || !Number.isFinite(v)) return '--max-seconds needs a number of seconds, at least 0 (0: no limit)';
      maxSeconds = v;
    } else if (given === null && a !== '') given = a;
    else return 'usage: npm run --silent simulate -- FILE.json [--max-seconds N]';
  }
  return given === null ? 'usage: npm run --silent simulate -- FILE.json [--max-seconds N]' : { file: given, maxSeconds };
}

const BUDGET_KEYS = ['maxEvents', 'maxRequests', 'maxSystemRecords', 'maxSpanMs'] as const;

/** CLI_BUDGET, with SIMULATE_TEST_BUDGET's fields (tests only) in place of its own. */
function budget(): Budget {
  const raw = process.env.SIMULATE_TEST_BUDGET;
  if (!raw) return CLI_BUDGET;
  let given: unknown;
  try {
    given = JSON.parse(raw);
  } catch {
    given = null;
  }
  const out: Budget = { ...CLI_BUDGET };
  if (typeof given !== 'object' || given === null || Array.isArray(given)) throw new Refused('SIMULATE_TEST_BUDGET must be a JSON object');
  for (const [k, x] of Object.entries(given)) {
    const key = BUDGET_KEYS.find((b) => b === k);
    if (!key) throw new Refused(`SIMULATE_TEST_BUDGET: unknown field ${JSON.stringify(k)} (known: ${BUDGET_KEYS.join(', ')})`);
    if (typeof x !== 'number' || !(x >= 0) || !Number.isFinite(x))
      throw new Refused(`SIMULATE_TEST_BUDGET: "${key}" must be a number of at least 0`);
    out[key] = x;
  }
  return out;
}

const toLine = (r: RequestRecord): string =>
  JSON.stringify({
    id: r.id,
    at: r.at,
    client: r.client,
    method: r.method,
    path: r.path,
    server: r.server,
    balancer: r.balancer,
    outcome: r.outcome,
    status: r.status,
    doneAt: r.doneAt,
    latencyMs: r.latencyMs,
    hops: r.hops,
    nat: r.nat,
    dns: r.dns,
    decision: r.decision,
    ipvs: r.ipvs,
    ...(r.persistent ? { persistent: true } : {}),
    headers: r.headers,
    setCookie: r.setCookie,
    rule: r.rule,
    sticky: r.sticky,
    session: r.session,
    ...(r.tcp ? { tcp: r.tcp } : {}),
  }) + '\n';

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args === 'string') {
    complain(args);
    process.exitCode = 1;
    return;
  }
  file = args.file;

  let text: string;
  let runBudget: Budget;
  try {
    runBudget = budget();
    text = scenarioText(await readScenarioBytes(file));
  } catch (e) {
    if (e instanceof Refused) complain(`${file}: ${e.message}`);
    else complain(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    process.exitCode = 1;
    return;
  }
  const parsed = parseScenarioText(text);
  text = '';
  if (!parsed.ok) {
    complain(`${file}: ${parsed.error}`);
    process.exitCode = 1;
    return;
  }

  const about = estimateRequests(parsed.scenario);
  if (about > runBudget.maxRequests) {
    const n = (x: number) => Math.round(x).toLocaleString('en-US');
    complain(
      `${file}: this would make about ${n(about)} requests; the command line runs at most ${n(runBudget.maxRequests)}: send fewer (a lower "ratePerSec" or a shorter "durationMs", also in "set-load" events)`,
    );
    process.exitCode = 1;
    return;
  }

  // Requests finish out of order; each waits here until every earlier one has been printed.
  const waiting = new Map<number, RequestRecord>();
  let nextId = 1;
  const sim = new Simulation(parsed.scenario, {
    record: true,
    budget: runBudget,
    onRecord: (r) => waiting.set(r.id, r),
  });

  /** Prints the records that are next in order, pausing while the reader catches up. */
  const printReady = async (): Promise<void> => {
    let piece = '';
    for (let r = waiting.get(nextId); r; r = waiting.get(nextId)) {
      waiting.delete(nextId++);
      piece += toLine(r);
      if (piece.length >= PIECE_CHARS) {
        await put(piece);
        piece = '';
      }
    }
    if (piece) await put(piece);
  };

  const started = performance.now();
  let outOfTime = false;
  for (let over = false; !over;) {
    over = sim.advance(CHUNK_EVENTS);
    await printReady();
    if (!over && args.maxSeconds > 0 && performance.now() - started - waitedMs > args.maxSeconds * 1000) {
      outOfTime = true;
      break;
    }
  }

  if (outOfTime) {
    if (process.stdout.writableLength > 0) await drained();
    complain(
      `${file}: the run stopped after ${args.maxSeconds} s of computing, the command line's time budget (${(nextId - 1).toLocaleString('en-US')} requests printed): send fewer requests or make the run shorter, or give --max-seconds 0 for no limit`,
    );
    process.exitCode = 1;
  } else if (sim.overrun) {
    // What was printed stays printed; the reason follows it, once stdout has taken it all.
    if (process.stdout.writableLength > 0) await drained();
    complain(`${file}: ${overrunMessage(sim.overrun, sim.budget).en}`);
    process.exitCode = 1;
  }
}

main().catch(crash);
