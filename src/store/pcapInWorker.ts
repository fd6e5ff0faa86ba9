/// <reference lib="webworker" />
import { PAGE_BUDGET, overrunMessage } from '../sim/budget.ts';
import type { PcapJob, PcapMessage } from './pcapProtocol.ts';

/** How often, at most, progress is posted (ms of real time). */
const PROGRESS_MS = 100;
/** Events per step: small enough that progress moves several times a second on a slow machine. */
const CHUNK_EVENTS = 2_000;

/**
 * The worker's side of "Download pcap": the run written chunk by chunk, progress between
 * chunks, then the pieces. The writer is loaded on the first job, not with the worker.
 */
export async function writePcapJob(id: number, job: PcapJob, post: (m: PcapMessage, transfer?: Transferable[]) => void): Promise<void> {
  try {
    const { PcapRun } = await import('../export/pcapRun.ts');
    const pieces: Uint8Array[] = [];
    const run = new PcapRun(job.scenario, (p) => pieces.push(p), {
      budget: PAGE_BUDGET,
      chunkEvents: CHUNK_EVENTS,
      ...(job.upToMs !== null ? { upToMs: job.upToMs } : {}),
    });
    let lastPost = performance.now();
    while (!run.step()) {
      const now = performance.now();
      if (now - lastPost < PROGRESS_MS) continue;
      lastPost = now;
      post({ id, pcapProgress: { simulatedMs: run.simulatedMs } });
    }
    // The page's own run stayed within this budget: an overrun here is a bug, said as one.
    if (run.overrun) {
      post({ id, pcapFailed: overrunMessage(run.overrun, PAGE_BUDGET).en });
      return;
    }
    post(
      { id, pcapDone: { pieces, frames: run.frames } },
      pieces.map((p) => p.buffer),
    );
  } catch (err) {
    post({ id, pcapFailed: err instanceof Error ? err.message : String(err) });
  }
}
