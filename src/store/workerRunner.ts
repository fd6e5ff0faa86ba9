import type { Progress, RunOutcome, Runner } from './runner.ts';
import { assemble, type ChunkedKey, type WorkerMessage } from './workerProtocol.ts';

interface Pending {
  id: number;
  resolve: (o: RunOutcome) => void;
  onProgress?: (p: Progress) => void;
  pieces: Record<ChunkedKey, unknown[][]>;
}

/**
 * Where no Worker can be made, runs in this thread; the engine is then fetched on the first
 * run (a static import would put it in the page's first download).
 */
function lazyInThreadRunner(): Runner {
  const runner = import('./runner.ts').then((m) => m.inThreadRunner());
  return {
    run: async (request, onProgress) => (await runner).run(request, onProgress),
    cancel: () => void runner.then((r) => r.cancel()),
  };
}

/**
 * Runs in a Web Worker, one at a time: a new run (or cancel) ends the worker doing the last
 * one and starts a fresh worker, so nothing the user types can keep the page busy.
 */
export function workerRunner(): Runner {
  if (typeof Worker === 'undefined') return lazyInThreadRunner();
  let worker: Worker | null = null;
  let pending: Pending | null = null;
  let nextId = 1;

  const start = (): Worker => {
    const w = new Worker(new URL('./simWorker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (e: MessageEvent<WorkerMessage>) => {
      const p = pending;
      const m = e.data;
      if (!p || m.id !== p.id) return;
      if ('progress' in m) p.onProgress?.(m.progress);
      else if ('piece' in m) p.pieces[m.piece.key].push(m.piece.items);
      else {
        pending = null;
        p.resolve(m.outcome.ok ? { ...m.outcome, trace: assemble(m.outcome.trace, p.pieces) } : m.outcome);
      }
    };
    w.onerror = (e) => {
      e.preventDefault();
      const p = pending;
      pending = null;
      stop();
      p?.resolve({
        ok: false,
        problem: { en: `the simulation stopped: ${e.message}`, ko: `시뮬레이션이 멈췄습니다: ${e.message}` },
      });
    };
    return w;
  };
  const stop = () => {
    worker?.terminate();
    worker = null;
  };
  const cancel = () => {
    if (!pending) return;
    const p = pending;
    pending = null;
    stop();
    p.resolve({ ok: false, cancelled: true });
  };

  return {
    run: (request, onProgress) => {
      cancel();
      worker ??= start();
      const id = nextId++;
      return new Promise<RunOutcome>((resolve) => {
        pending = {
          id,
          resolve,
          pieces: { records: [], probes: [], health: [], vrrp: [], config: [] },
          ...(onProgress ? { onProgress } : {}),
        };
        worker!.postMessage({ id, request });
      });
    },
    cancel,
  };
}
