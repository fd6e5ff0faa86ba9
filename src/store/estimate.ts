import type { Scenario } from '../sim/scenario.ts';

/**
 * About how many requests a scenario makes, counting every source: its listed requests, its
 * load over its window, each set-load until the next one or its own end, and request events.
 * Cheap and before running, so the page can refuse at once what it could not hold; the run's
 * budget (sim/budget.ts) stops anything this misjudges.
 */
export function estimateRequests(s: Scenario): number {
  let total = s.requests?.length ?? 0;
  type Window = { from: number; to: number; rate: number };
  const windows: Window[] = [];
  if (s.load) windows.push({ from: 0, to: s.load.durationMs, rate: s.load.ratePerSec });
  let rate = s.load?.ratePerSec ?? 0;
  let end = s.load?.durationMs ?? 0;
  for (const e of s.events) {
    if (e.action === 'request') total++;
    if (e.action !== 'set-load') continue;
    // As the engine does: a set-load replaces the load in force from its moment.
    const last = windows[windows.length - 1];
    if (last && last.to > e.at) last.to = Math.max(last.from, e.at);
    rate = e.ratePerSec ?? (rate || 1);
    end = e.durationMs !== undefined ? e.at + e.durationMs : end > e.at ? end : e.at + 60_000;
    windows.push({ from: e.at, to: end, rate });
  }
  for (const w of windows) total += (w.rate * Math.max(0, w.to - w.from)) / 1000;
  return total;
}
