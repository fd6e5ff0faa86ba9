/**
 * The real lab: the scenario's network built of Linux network namespaces, with real software
 * doing the balancing, and real TCP.
 *
 *   sudo npm run --silent reallab -- FILE.json [--captures DIR]
 *
 * Prints one JSON object per request in the command line's format (id, client, server,
 * outcome, status, hops with the addresses as they really were, `picked`), built from what the
 * clients and servers observed and from tcpdump's captures. L4 follows the scenario's
 * `forwarding`: full NAT is the kernel's NAT with conntrack (nftables `dnat` and `snat`) picking
 * on its own; LVS-NAT (`dnat` alone, lb1 the servers' gateway), direct routing (a `netdev` rule
 * rewriting the destination MAC) and tunnelling (IP-in-IP to each server) replay the engine's
 * picks, as `"picked": "replayed"` says (IPVS is not in this kernel). The servers are small Node HTTP servers with the scenario's service times, the
 * clients send the engine's own requests (same times, addresses and source ports). All traffic
 * stays in the namespaces this run makes, between the scenario's own addresses; every namespace,
 * program and temp folder of the run is removed however it ends (an error, Ctrl-C, SIGTERM,
 * SIGKILL: netns.ts and reaper.ts), and what dead runs left is removed first. Needs root. With
 * --captures, tcpdump records each node's packets into DIR (clients.pcap, lb1-outside.pcap and
 * lb1-inside.pcap — lb1.pcap in direct routing and tunnelling —, server-s1.pcap, …).
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { needsOf } from './reallab/forwardings.ts';
import { reportFailure } from './reallab/failure.ts';
import { missingForLab } from './reallab/netns.ts';
import { plan, runRealLab, unsupported } from './reallab/realLab.ts';
import { loadScenarioFile, safeLine } from './scenarioFile.ts';

const fail = (message: string): void => {
  process.stderr.write(`reallab: ${safeLine(message)}\n`);
  process.exitCode = 1;
};

/** The scenario file being run, for a failure's line. */
let scenarioPath: string | undefined;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const at = args.indexOf('--captures');
  const capturesDir = at >= 0 ? args[at + 1] : undefined;
  if (at >= 0) args.splice(at, 2);
  const [file, ...rest] = args;
  scenarioPath = file;
  if (!file || rest.length || (at >= 0 && !capturesDir)) return fail('usage: sudo npm run --silent reallab -- FILE.json [--captures DIR]');
  if (capturesDir) mkdirSync(capturesDir, { recursive: true });
  const loaded = await loadScenarioFile(file);
  if (!loaded.ok) return fail(loaded.message);
  const s = loaded.scenario;
  const requests = plan(s);
  const span = requests.reduce((m, r) => Math.max(m, r.at), 0);
  const why = unsupported(s, requests.length, span) ?? missingForLab(needsOf(s));
  if (why) return fail(`${file}: ${why}`);
  for (const r of await runRealLab(s, capturesDir && resolve(capturesDir))) process.stdout.write(JSON.stringify(r) + '\n');
}

main().catch((e: unknown) => reportFailure('reallab', scenarioPath, e));
