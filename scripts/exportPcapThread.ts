/**
 * The thread of `export --format pcap` (scripts/exportPcap.ts): runs the scenario and posts the
 * file's pieces, transferred, as they fill, then how the run ended. Between chunks it looks at
 * its heap and stops short of the limit ("memory"): V8 ends a thread that reaches it, but one
 * large allocation failing near it aborts the whole process.
 */
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { PcapRun } from '../src/export/pcapRun.ts';
import type { Scenario } from '../src/sim/scenario.ts';

/** The share of the heap limit past which the run stops. */
const HEAP_SHARE = 0.85;

const port = parentPort!;
const run = new PcapRun((workerData as { scenario: Scenario }).scenario, (piece) =>
  port.postMessage({ piece }, [piece.buffer as ArrayBuffer]),
);
const limit = getHeapStatistics().heap_size_limit;
let memory = false;
while (!run.step()) {
  if (getHeapStatistics().used_heap_size > HEAP_SHARE * limit) {
    memory = true;
    break;
  }
}
port.postMessage({ done: { overrun: run.overrun, memory } });
