/**
 * The command-line simulator: `npm run --silent simulate -- FILE.json` prints one JSON object
 * per request on stdout, in request order. A bad file gets one clear line on stderr and exit 1.
 */
import { readFileSync } from 'node:fs';
import { Simulation } from '../src/sim/engine.ts';
import { parseScenarioText } from '../src/sim/scenario.ts';
import type { RequestRecord } from '../src/sim/types.ts';

function fail(message: string): never {
  process.stderr.write(`simulate: ${message}\n`);
  process.exit(1);
}

const file = process.argv[2];
if (!file || process.argv.length > 3) fail('usage: npm run --silent simulate -- FILE.json');

let text: string;
try {
  text = readFileSync(file, 'utf8');
} catch (e) {
  fail(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
}
const parsed = parseScenarioText(text);
if (!parsed.ok) fail(`${file}: ${parsed.error}`);

process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

// Requests finish out of order; hold each until every earlier one has been printed.
const waiting = new Map<number, RequestRecord>();
let nextId = 1;
let out = '';
const flush = (): void => {
  if (out) process.stdout.write(out);
  out = '';
};
const toLine = (r: RequestRecord): string =>
  JSON.stringify({
    id: r.id, at: r.at, client: r.client, method: r.method, path: r.path,
    server: r.server, balancer: r.balancer, outcome: r.outcome, status: r.status,
    doneAt: r.doneAt, latencyMs: r.latencyMs, hops: r.hops, nat: r.nat, dns: r.dns, decision: r.decision,
    headers: r.headers, setCookie: r.setCookie, rule: r.rule, sticky: r.sticky, session: r.session,
    ...(r.tcp ? { tcp: r.tcp } : {}),
  }) + '\n';

const sim = new Simulation(parsed.scenario, {
  record: true,
  onRecord: (r) => {
    waiting.set(r.id, r);
    for (let next = waiting.get(nextId); next; next = waiting.get(nextId)) {
      waiting.delete(nextId++);
      out += toLine(next);
      if (out.length > 1 << 16) flush();
    }
  },
});
sim.run();
flush();
