/**
 * `export --format pcap`: the run written to stdout while it runs (src/export/pcapRun.ts), so
 * memory stays flat whatever the run's size. Between chunks it looks at the heap: a run whose
 * requests in flight would not fit (node's limit, --max-old-space-size) stops with one line
 * instead of V8's out-of-memory abort and its native stack trace.
 */
import { once } from 'node:events';
import { getHeapStatistics } from 'node:v8';
import { CLI_BUDGET, overrunMessage } from '../src/sim/budget.ts';
import type { Scenario } from '../src/sim/scenario.ts';
import { PcapRun } from '../src/export/pcapRun.ts';

/** Past this share of node's heap limit the run stops: V8 aborts the process near the limit. */
const HEAP_SHARE = 0.85;

const mib = (bytes: number) => Math.round(bytes / (1024 * 1024)).toLocaleString('en-US');

/**
 * Writes the capture to `out`; the problem as one line when the run could not be written
 * whole (the file then holds a valid capture of the run up to where it stopped), else null.
 */
export async function writePcap(scenario: Scenario, out: NodeJS.WritableStream): Promise<string | null> {
  let drained = true;
  const run = new PcapRun(scenario, (piece) => {
    if (!out.write(piece)) drained = false;
  });
  const limit = getHeapStatistics().heap_size_limit;
  while (!run.step()) {
    // A pipe read slower than the run writes: wait, rather than hold the file in memory.
    if (!drained) {
      await once(out, 'drain');
      drained = true;
    }
    const used = getHeapStatistics().used_heap_size;
    if (used > HEAP_SHARE * limit)
      return (
        `the run's requests in flight need more memory than node may use here (${mib(used)} of ${mib(limit)} MiB at ` +
        `${Math.round(run.simulatedMs).toLocaleString('en-US')} ms): send fewer requests at once, or give node more ` +
        `(NODE_OPTIONS=--max-old-space-size=MiB)`
      );
  }
  if (!drained) await once(out, 'drain');
  return run.overrun ? overrunMessage(run.overrun, CLI_BUDGET).en : null;
}
