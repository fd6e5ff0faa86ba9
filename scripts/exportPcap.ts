/**
 * `export --format pcap`: the run written to stdout while it runs (src/export/pcapRun.ts), so
 * memory stays flat whatever the run's size. The run goes in a thread of its own with node's
 * heap limit (--max-old-space-size) as its own: a run whose requests in flight would not fit
 * ends that thread, and the command says so in one line, instead of V8's out-of-memory abort
 * and its native stack trace.
 */
import { getHeapStatistics } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { CLI_BUDGET, overrunMessage, type Overrun } from '../src/sim/budget.ts';
import type { Scenario } from '../src/sim/scenario.ts';

type FromThread = { piece: Uint8Array } | { done: { overrun: Overrun | null; memory: boolean } };

const mib = (bytes: number) => Math.round(bytes / (1024 * 1024));

/** The thread's module, loaded through tsx as this one was (a worker does not inherit its loader). */
function threadSource(): URL {
  const tsx = import.meta.resolve('tsx/esm/api');
  const thread = new URL('./exportPcapThread.ts', import.meta.url).href;
  const boot = `import { register } from ${JSON.stringify(tsx)}; register(); await import(${JSON.stringify(thread)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(boot)}`);
}

/**
 * Writes the capture to `out`; the problem as one line when the run could not be written
 * whole (the file then holds a valid capture of the run up to where it stopped, or less when
 * memory ran out), else null.
 */
export function writePcap(scenario: Scenario, out: NodeJS.WritableStream): Promise<string | null> {
  const heapMb = mib(getHeapStatistics().heap_size_limit);
  return new Promise((resolve) => {
    let ended = false;
    const end = (problem: string | null) => {
      if (ended) return;
      ended = true;
      resolve(problem);
    };
    const thread = new Worker(threadSource(), { workerData: { scenario }, resourceLimits: { maxOldGenerationSizeMb: heapMb } });
    const outOfMemory =
      `the run's requests in flight need more memory than node may use here (${heapMb.toLocaleString('en-US')} MiB): ` +
      'send fewer requests at once (a lower "ratePerSec", a shorter "serviceMs" or timeout), or give node more ' +
      '(NODE_OPTIONS=--max-old-space-size=MiB)';
    thread.on('message', (m: FromThread) => {
      if ('piece' in m) out.write(m.piece);
      else end(m.done.memory ? outOfMemory : m.done.overrun ? overrunMessage(m.done.overrun, CLI_BUDGET).en : null);
    });
    thread.on('error', (e: NodeJS.ErrnoException) =>
      end(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? outOfMemory : `the capture could not be written: ${e.message}`),
    );
    thread.on('exit', () => end('the capture could not be written: its thread ended early'));
  });
}
