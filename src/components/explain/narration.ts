import type { Lang } from '../../i18n/index.ts';
import type { Scenario } from '../../sim/scenario.ts';
import type { Trace } from '../../trace/trace.ts';
import type { SystemContext } from '../failures/narrateFailures.ts';
import { logLines, type LogLine } from './logLines.ts';

/** What the log needs to know of the scenario to tell the balancers' changes (failover, health). */
export function systemOf(scenario: Scenario): SystemContext {
  return { vip: scenario.network.vip, fall: scenario.healthCheck?.fall ?? 3, rise: scenario.healthCheck?.rise ?? 2 };
}

/**
 * The event log's latest line at time t (the same sentence, from the same narrator), or null
 * before anything happened. Asks the log for one line: one moment is read, not thousands.
 */
export function currentLine(trace: Trace, scenario: Scenario, t: number, lang: Lang, system = systemOf(scenario)): LogLine | null {
  return logLines(trace, scenario.events, t, lang, 1, system)[0] ?? null;
}
