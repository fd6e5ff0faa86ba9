/// <reference lib="webworker" />
import { runScenario, type RunRequest } from './runner.ts';

/**
 * The page's simulation thread: one run per message, with progress while it works. The page
 * stops a run by ending this worker and starting another.
 */
declare const self: DedicatedWorkerGlobalScope;

/** How often, at most, progress is posted (ms of real time). */
const PROGRESS_MS = 100;

self.onmessage = (e: MessageEvent<{ id: number; request: RunRequest }>) => {
  const { id, request } = e.data;
  let lastPost = 0;
  try {
    const outcome = runScenario(request, (progress) => {
      const now = performance.now();
      if (now - lastPost < PROGRESS_MS) return;
      lastPost = now;
      self.postMessage({ id, progress });
    });
    self.postMessage({ id, outcome });
  } catch (err) {
    // A bug, not bad input: said plainly, so the page can show it and keep what it had.
    const why = err instanceof Error ? err.message : String(err);
    self.postMessage({ id, outcome: { ok: false, problem: { en: `the simulation failed: ${why}`, ko: `시뮬레이션이 실패했습니다: ${why}` } } });
  }
};
