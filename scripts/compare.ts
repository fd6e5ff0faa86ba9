/**
 * The engine against the real lab, on one scenario:
 *
 *   sudo npm run --silent compare -- FILE.json
 *
 * Runs both, then prints where they differ, request by request (server, outcome, status, the
 * addresses at every hop), or that they agree. Timing is not compared (see docs/model.md, "The
 * real lab"); a difference the docs list as known for the scenario's algorithm is named as such.
 * Exit status: 0 when they agree or differ only as known, 1 otherwise.
 */
import { simulateRun } from '../src/sim/engine.ts';
import { differences, knownDifference } from './reallab/compare.ts';
import { missingForLab } from './reallab/netns.ts';
import { plan, runRealLab, unsupported } from './reallab/realLab.ts';
import { loadScenarioFile, safeLine } from './scenarioFile.ts';

const fail = (message: string): void => {
  process.stderr.write(`compare: ${safeLine(message)}\n`);
  process.exitCode = 1;
};

async function main(): Promise<void> {
  const [file, ...rest] = process.argv.slice(2);
  if (!file || rest.length) return fail('usage: sudo npm run --silent compare -- FILE.json');
  const loaded = await loadScenarioFile(file);
  if (!loaded.ok) return fail(loaded.message);
  const s = loaded.scenario;
  const requests = plan(s);
  const why =
    unsupported(
      s,
      requests.length,
      requests.reduce((m, r) => Math.max(m, r.at), 0),
    ) ?? missingForLab();
  if (why) return fail(`${file}: ${why}`);
  const engine = simulateRun(s).records;
  const real = await runRealLab(s);
  const found = differences(engine, real);
  const known = knownDifference(s);
  if (found.length === 0) {
    process.stdout.write(
      `${file}: the engine and the real lab agree on all ${engine.length} requests (servers, outcomes, statuses, addresses at every hop)\n`,
    );
    return;
  }
  for (const line of found) process.stdout.write(`${line}\n`);
  process.stdout.write(known ? `${found.length} differences, known: ${known}\n` : `${found.length} differences\n`);
  if (!known) process.exitCode = 1;
}

main().catch((e: unknown) => fail(`internal error: ${e instanceof Error ? e.message : String(e)}`));
