import type { Scenario } from '../sim/scenario.ts';
import type { Trace } from '../trace/trace.ts';
import { movesVip } from '../trace/marks.ts';
import { LEAD_IN_MS } from '../store/labCore.ts';

/**
 * When a scenario first shows what it is about: its first scripted event (a failure, a removal)
 * or its first SYN dropped by a full accept queue (an overload), whichever comes first, else the
 * VIP moving, else its first request (a plain algorithm, an L7 rule at work).
 */
export function firstInterestingAt(scenario: Scenario, trace: Trace): number | null {
  const scripted = scenario.events.filter((e) => e.at > 0).map((e) => e.at);
  const overflow = firstOverflowAt(trace);
  if (scripted.length || overflow < Infinity) return scripted.reduce((m, at) => Math.min(m, at), overflow);
  const moved = trace.vrrp.find(movesVip);
  if (moved) return moved.at;
  return trace.times[0] ?? null;
}

/**
 * Real milliseconds from pressing Play at the start to simulated time `at`, at `speed`: Play
 * skips to LEAD_IN_MS of real time before the first moment (labCore's skipLeadIn), then the
 * clock runs at `speed` simulated ms per real ms.
 */
export function wallMsTo(at: number, trace: Trace, speed: number): number {
  const first = trace.times[0];
  const lead = LEAD_IN_MS * speed;
  const start = first !== undefined && first > lead ? first - lead : 0;
  return Math.max(0, at - start) / speed;
}

/** When a full accept queue first dropped a SYN (Infinity: never). */
export function firstOverflowAt(trace: Trace): number {
  let first = Infinity;
  for (const r of trace.records) {
    for (const h of r.hops) if (h.drop === 'overflow' && h.at < first) first = h.at;
    // With handshakes, a SYN dropped before the connection opened is one of its segments.
    for (const s of r.tcp ?? []) if (s.drop === 'overflow' && s.at < first) first = s.at;
  }
  return first;
}
