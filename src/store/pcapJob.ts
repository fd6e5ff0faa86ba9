import type { PcapJob, PcapMessage } from './pcapProtocol.ts';

export type PcapResult = { ok: true; pieces: Uint8Array[]; frames: number } | { ok: false; problem: string };

/**
 * Writes a capture off the page's main thread: in a worker of its own (simWorker.ts, ended once
 * the file is there), or, where no Worker can be made (tests, Node), in this thread a chunk at
 * a time. `onProgress` gets the simulated ms reached.
 */
export function writePcapOffThread(job: PcapJob, onProgress: (simulatedMs: number) => void): Promise<PcapResult> {
  if (typeof Worker === 'undefined') return inThread(job, onProgress);
  return new Promise<PcapResult>((resolve) => {
    const worker = new Worker(new URL('./simWorker.ts', import.meta.url), { type: 'module' });
    const end = (r: PcapResult) => {
      worker.terminate();
      resolve(r);
    };
    worker.onmessage = (e: MessageEvent<PcapMessage>) => {
      const m = e.data;
      if ('pcapProgress' in m) onProgress(m.pcapProgress.simulatedMs);
      else if ('pcapDone' in m) end({ ok: true, ...m.pcapDone });
      else end({ ok: false, problem: m.pcapFailed });
    };
    worker.onerror = (e) => {
      e.preventDefault();
      end({ ok: false, problem: e.message || 'the worker stopped' });
    };
    worker.onmessageerror = () => end({ ok: false, problem: 'a message from the worker could not be read' });
    try {
      worker.postMessage({ id: 1, pcap: job });
    } catch (e) {
      end({ ok: false, problem: e instanceof Error ? e.message : String(e) });
    }
  });
}

async function inThread(job: PcapJob, onProgress: (simulatedMs: number) => void): Promise<PcapResult> {
  const [{ PcapRun }, { PAGE_BUDGET }] = await Promise.all([import('../export/pcapRun.ts'), import('../sim/budget.ts')]);
  const pieces: Uint8Array[] = [];
  const run = new PcapRun(job.scenario, (p) => pieces.push(p), {
    budget: PAGE_BUDGET,
    ...(job.upToMs !== null ? { upToMs: job.upToMs } : {}),
  });
  while (!run.step()) {
    onProgress(run.simulatedMs);
    // Lets the page breathe between chunks.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return { ok: true, pieces, frames: run.frames };
}
