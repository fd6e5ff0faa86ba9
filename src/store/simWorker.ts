/// <reference lib="webworker" />
import { runScenario, type RunOutcome, type RunRequest } from './runner.ts';
import { CHUNKED, type WorkerMessage } from './workerProtocol.ts';
import { writePcapJob } from './pcapInWorker.ts';
import type { PcapJob } from './pcapProtocol.ts';

/**
 * The page's simulation thread: one run per message, with progress while it works. A finished
 * run crosses in pieces (records and the balancers' records a few hundred at a time, the index
 * as typed arrays) so that no single message takes the page long to receive. The page stops a
 * run by ending this worker and starting another. A worker of its own writes "Download pcap"
 * (a `pcap` message: pcapInWorker.ts), so that a new run never ends a download under way.
 */
declare const self: DedicatedWorkerGlobalScope;

/** How often, at most, progress is posted (ms of real time). */
const PROGRESS_MS = 100;
/** Objects per piece: about 50 ms to receive on a slow machine. */
const PIECE = 300;

const post = (m: WorkerMessage, transfer: Transferable[] = []) => self.postMessage(m, transfer);

self.onmessage = (e: MessageEvent<{ id: number; request: RunRequest } | { id: number; pcap: PcapJob }>) => {
  if ('pcap' in e.data) {
    void writePcapJob(e.data.id, e.data.pcap, (m, transfer = []) => self.postMessage(m, transfer));
    return;
  }
  const { id, request } = e.data;
  let lastPost = 0;
  let outcome: RunOutcome;
  try {
    outcome = runScenario(request, (progress) => {
      const now = performance.now();
      if (now - lastPost < PROGRESS_MS) return;
      lastPost = now;
      post({ id, progress });
    });
  } catch (err) {
    // A bug, not bad input: the page says it plainly (in its own words) and keeps what it had.
    post({ id, failed: err instanceof Error ? err.message : String(err) });
    return;
  }
  if (!outcome.ok) {
    post({ id, outcome });
    return;
  }
  const trace = outcome.trace;
  for (const key of CHUNKED) {
    const list: unknown[] = trace[key];
    for (let i = 0; i < list.length; i += PIECE) post({ id, piece: { key, items: list.slice(i, i + PIECE) } });
  }
  const rest = { ...trace, records: [], probes: [], health: [], vrrp: [], config: [] };
  post({ id, outcome: { ...outcome, trace: rest } }, [
    rest.times.buffer,
    rest.momentRecord.buffer,
    rest.momentHop.buffer,
    rest.systemTimes.buffer,
  ]);
};
