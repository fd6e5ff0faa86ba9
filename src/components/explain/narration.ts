import type { Lang } from '../../i18n/index.ts';
import type { Scenario } from '../../sim/scenario.ts';
import { momentIndexAt, type Trace } from '../../trace/trace.ts';
import type { SystemContext } from '../failures/narrateFailures.ts';
import { logLines, type LogLine } from './logLines.ts';

/** What the log needs to know of the scenario to tell the balancers' changes (failover, health). */
export function systemOf(scenario: Scenario): SystemContext {
  const hc = scenario.healthCheck;
  return { vip: scenario.network.vip, fall: hc?.fall ?? 3, rise: hc?.rise ?? 2, checker: hc?.keepalived ? 'keepalived' : 'haproxy' };
}

/**
 * The line that matters most among the log's lines at the latest instant (see RANK): a failure
 * or a takeover over a packet's step, those over routine; among equals the log's last.
 */
export function mainLine(lines: readonly LogLine[]): LogLine | null {
  const now = lines[lines.length - 1]?.at;
  let best: LogLine | null = null;
  for (const l of lines) if (l.at === now && (!best || l.rank >= best.rank)) best = l;
  return best;
}

/**
 * The main event at time t, in the event log's words (the same sentence, from the same
 * narrator), or null before anything happened. Reads only the request moments of the latest
 * instant, not thousands.
 */
export function currentLine(trace: Trace, scenario: Scenario, t: number, lang: Lang, system = systemOf(scenario)): LogLine | null {
  const last = momentIndexAt(trace, t);
  let atLast = 1;
  while (last - atLast >= 0 && trace.times[last - atLast] === trace.times[last]) atLast++;
  return mainLine(logLines(trace, scenario.events, t, lang, Infinity, system, atLast));
}
