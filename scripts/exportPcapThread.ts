/**
 * The thread of `export --format pcap` (scripts/exportPcap.ts): runs the scenario and posts the
 * file's pieces, transferred, as they fill, then how the run ended.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PcapRun } from '../src/export/pcapRun.ts';
import type { Scenario } from '../src/sim/scenario.ts';

const port = parentPort!;
const run = new PcapRun((workerData as { scenario: Scenario }).scenario, (piece) =>
  port.postMessage({ piece }, [piece.buffer as ArrayBuffer]),
);
while (!run.step());
port.postMessage({ done: { overrun: run.overrun } });
