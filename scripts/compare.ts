/**
 * The engine against the real lab, on one scenario:
 *
 *   sudo npm run --silent compare -- FILE.json
 *
 * Runs both, then prints where they differ, request by request (server, the balancer that
 * carried it, outcome, status, the addresses at every hop, with direct routing's MACs and a
 * tunnel's outer header), or that they agree. In LVS-NAT, direct routing and tunnelling lb1
 * replays the engine's picks (IPVS is not in this kernel) and the summary says so. Where a
 * balancer fails or comes back, the run has two balancers under keepalived (pairNetwork.ts) and
 * also compares the failover's timing: each master-down interval and each preemption, within
 * 20%. A scenario the lab cannot run with its requests but in which lb1 fails still has its
 * takeover measured, adverts only, with waits that follow its advert interval. Timing of requests
 * is not compared (see docs/model.md, "The real lab"). A difference the docs list as known
 * excuses only the fields it explains (the server where nftables picks by weight or hash, never
 * the outcome); every other one is printed and counted.
 * Exit status: 0 when they agree or differ only as known, 1 otherwise.
 */
import { simulateRun } from '../src/sim/engine.ts';
import { differences, knownDifferences, pickNote, sortDifferences } from './reallab/compare.ts';
import { engineTakeover, failoverTiming, realTakeover, stepAgrees, TAKEOVER_TOLERANCE } from './reallab/failover.ts';
import { needsOf } from './reallab/forwardings.ts';
import { reportFailure } from './reallab/failure.ts';
import { missingForLab } from './reallab/netns.ts';
import { hasBalancerEvents, lastVrrpLog } from './reallab/pairNetwork.ts';
import { plan, runRealLab, unsupported } from './reallab/realLab.ts';
import type { AppliedEvent } from './reallab/timeline.ts';
import { loadScenarioFile, safeLine } from './scenarioFile.ts';

const fail = (message: string): void => {
  process.stderr.write(`compare: ${safeLine(message)}\n`);
  process.exitCode = 1;
};
const say = (line: string): void => void process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const [file, ...rest] = process.argv.slice(2);
  if (!file || rest.length) return fail('usage: sudo npm run --silent compare -- FILE.json');
  const loaded = await loadScenarioFile(file);
  if (!loaded.ok) return fail(loaded.message);
  const s = loaded.scenario;
  const missing = missingForLab(needsOf(s));
  if (missing) return fail(`${file}: ${missing}`);
  const requests = plan(s);
  const why = unsupported(
    s,
    requests.length,
    requests.reduce((m, r) => Math.max(m, r.at), 0),
  );
  const takeover = engineTakeover(s);
  if (why && takeover) {
    // The requests cannot run here, the takeover can.
    const real = await realTakeover(s);
    const apart = Math.abs(real.masterDownMs - takeover.masterDownMs) / takeover.masterDownMs;
    say(
      `${file}: lb1 fails; lb2 takes over ${takeover.masterDownMs.toFixed(1)} ms after lb1's last advert in the engine, ` +
        `${real.masterDownMs.toFixed(1)} ms with keepalived (${(apart * 100).toFixed(1)}% apart; adverts only, the requests are not compared: ${why})`,
    );
    if (apart > TAKEOVER_TOLERANCE) process.exitCode = 1;
    return;
  }
  if (why) return fail(`${file}: ${why}`);
  const engine = simulateRun(s).records;
  const applied: AppliedEvent[] = [];
  const real = await runRealLab(s, undefined, applied);
  const found = differences(s, engine, real);
  let transitions: Parameters<typeof knownDifferences>[2] = [];
  let timingOk = true;
  const log = hasBalancerEvents(s) ? lastVrrpLog() : null;
  if (log) {
    const timing = failoverTiming(s, log, applied);
    transitions = timing.transitions;
    for (const step of timing.steps) {
      const real = step.realMs === null ? 'not seen with keepalived' : `${step.realMs.toFixed(1)} ms with keepalived`;
      const ok = stepAgrees(step);
      timingOk &&= ok;
      say(
        `${file}: ${step.what}: ${step.engineMs.toFixed(1)} ms in the engine, ${real}${ok ? '' : ` (more than ${TAKEOVER_TOLERANCE * 100}% apart)`}`,
      );
    }
  }
  const picks = pickNote(s);
  if (picks) say(`${file}: ${picks}`);
  const { known, unknown } = sortDifferences(found, knownDifferences(s, engine, transitions, real, log?.synced ?? false));
  for (const d of unknown) say(d.text);
  for (const [reason, list] of known) {
    for (const d of list) say(`${d.text} (known)`);
    say(`${list.length} known: ${reason}`);
  }
  if (found.length === 0)
    say(
      `${file}: the engine and the real lab agree on all ${engine.length} requests (servers, balancers, outcomes, statuses, addresses at every hop)`,
    );
  else say(`${file}: ${unknown.length} differences not on the documented list, ${found.length - unknown.length} known`);
  if (unknown.length || !timingOk) process.exitCode = 1;
}

main().catch((e: unknown) => reportFailure('compare', process.argv[2], e));
