import { translateBoth } from '../i18n/index.ts';
import { echoText, type Said } from '../sim/said.ts';
import type { Progress, RunOutcome, Runner } from './runner.ts';
import { assemble, type ChunkedKey, type WorkerMessage } from './workerProtocol.ts';

interface Pending {
  id: number;
  resolve: (o: RunOutcome) => void;
  onProgress?: (p: Progress) => void;
  pieces: Record<ChunkedKey, unknown[][]>;
  /** The watchdog's timer. */
  timer: ReturnType<typeof setTimeout>;
}

/**
 * The longest a run may take in the page, in real time, before it is stopped with a message:
 * every run ends within seconds, a result or a message, whatever the engine's own budgets
 * (src/sim/budget.ts) let through on a slow machine. The page's largest runs take about a second.
 */
export const RUN_WALL_MS = 8_000;

/** A failure in the worker (an exception, a message that cannot cross) as the page says it. */
export const runFailed = (why: unknown): Said =>
  translateBoth('run.failed', { why: echoText(why instanceof Error ? why.message : String(why), 160) });

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
 * one and starts a fresh worker, so nothing the user types can keep the page busy. Every run
 * ends, once: with its result, a message (the worker failed, a message could not be posted or
 * received, or the run passed RUN_WALL_MS; the worker is then ended), or cancelled.
 */
export function workerRunner(wallMs = RUN_WALL_MS): Runner {
  if (typeof Worker === 'undefined') return lazyInThreadRunner();
  let worker: Worker | null = null;
  let pending: Pending | null = null;
  let nextId = 1;

  const stop = () => {
    worker?.terminate();
    worker = null;
  };
  /** Ends the run under way with `outcome`; a failed run takes its worker with it. */
  const finish = (outcome: RunOutcome) => {
    const p = pending;
    if (!p) return;
    pending = null;
    clearTimeout(p.timer);
    if (!outcome.ok) stop();
    p.resolve(outcome);
  };

  const start = (): Worker => {
    const w = new Worker(new URL('./simWorker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (e: MessageEvent<WorkerMessage>) => {
      const p = pending;
      const m = e.data;
      if (!p || m.id !== p.id) return;
      if ('progress' in m) p.onProgress?.(m.progress);
      else if ('piece' in m) p.pieces[m.piece.key].push(m.piece.items);
      else if ('failed' in m) finish({ ok: false, problem: runFailed(m.failed) });
      else finish(m.outcome.ok ? { ...m.outcome, trace: assemble(m.outcome.trace, p.pieces) } : m.outcome);
    };
    w.onerror = (e) => {
      e.preventDefault();
      finish({ ok: false, problem: runFailed(e.message) });
    };
    // A message from the worker that cannot be received here: its run can never complete.
    w.onmessageerror = () => finish({ ok: false, problem: runFailed('a message from the simulation could not be read') });
    return w;
  };

  return {
    run: (request, onProgress) => {
      finish({ ok: false, cancelled: true });
      worker ??= start();
      const id = nextId++;
      return new Promise<RunOutcome>((resolve) => {
        pending = {
          id,
          resolve,
          pieces: { records: [], probes: [], health: [], vrrp: [], config: [] },
          timer: setTimeout(() => finish({ ok: false, problem: translateBoth('run.tooLong', { seconds: wallMs / 1000 }) }), wallMs),
          ...(onProgress ? { onProgress } : {}),
        };
        try {
          worker!.postMessage({ id, request });
        } catch (e) {
          // The request cannot be copied to the worker (too deep for the structured clone, say).
          finish({ ok: false, problem: runFailed(e) });
        }
      });
    },
    cancel: () => finish({ ok: false, cancelled: true }),
  };
}
