import type { Lang } from '../../i18n/index.ts';
import type { ScenarioEvent } from '../../sim/scenario.ts';
import type { RequestRecord, VrrpRecord } from '../../sim/types.ts';
import { unpackStep } from '../../trace/momentStep.ts';
import { momentIndexAt, momentOf, type Trace } from '../../trace/trace.ts';
import { narrateHealth, narrateVrrp, type SystemContext } from '../failures/narrateFailures.ts';
import { narrate, narrateEvent, timeText } from './narrate.ts';

/** One line of the event log. */
export interface LogLine {
  key: string;
  at: number;
  time: string;
  text: string;
  /** The request the line is about (its id), or null for a configuration event. */
  request: number | null;
  /** Happened at the latest moment at or before the committed time. */
  current: boolean;
  /** How much it matters at its moment (RANK): the narration tells the line that matters most. */
  rank: number;
}

/**
 * What wins the narration when several things happen at one instant: a server or a balancer
 * failing (or coming back) and a takeover over a packet's step, and any of those over the
 * balancers' routine (a repeated gratuitous ARP, the old master stepping down to backup). A
 * packet that goes no further (a SYN dropped by a full accept queue, a lost or refused one)
 * outranks the routine steps of other packets at that instant.
 */
export const RANK = { routine: 0, packet: 1, drop: 2, change: 2, health: 2, failure: 3, takeover: 3 } as const;

/** A request's moment: a drop (its hop's or its handshake segment's) outranks a routine step. */
export function momentRank(r: RequestRecord, hop: number): number {
  const step = unpackStep(hop);
  const dropped = step.kind === 'hop' ? r.hops[step.hop]?.drop : step.kind === 'segment' ? r.tcp?.[step.segment]?.drop : undefined;
  return dropped ? RANK.drop : RANK.packet;
}

export function eventRank(e: ScenarioEvent): number {
  return e.action === 'fail' || e.action === 'restore' ? RANK.failure : RANK.change;
}

/** A takeover (a new master's first gratuitous ARPs) matters; their repeat and a step down to backup are routine. */
export function vrrpRank(v: VrrpRecord): number {
  return v.kind === 'garp' && !v.repeat ? RANK.takeover : RANK.routine;
}

/** How many lines the log keeps: enough to follow a few requests, few enough to render at once. */
export const LOG_CAP = 60;

/**
 * The last `cap` things that happened up to time t, oldest first: every moment of the trace
 * (DNS, packets in and out of nodes), the scenario's events (user actions included) and, given
 * `system`, what the balancers did (failover, health checks).
 */
export function logLines(
  trace: Trace,
  events: readonly ScenarioEvent[],
  t: number,
  lang: Lang,
  cap = LOG_CAP,
  system?: SystemContext,
  /** How many of the latest request moments to read (the narration needs only those of one instant). */
  moments = cap,
): LogLine[] {
  const last = momentIndexAt(trace, t);
  const from = Math.max(0, last - moments + 1);
  const lines: LogLine[] = [];
  // Events older than the oldest moment kept would be cut anyway.
  const since = from > 0 ? trace.times[from]! : -Infinity;
  events.forEach((e, i) => {
    if (e.at > t || e.at < since) return;
    lines.push({
      key: `e${i}`,
      at: e.at,
      time: timeText(e.at, lang),
      text: narrateEvent(e, lang),
      request: null,
      current: false,
      rank: eventRank(e),
    });
  });
  if (system) {
    for (const m of trace.system) {
      if (m.at > t) break;
      if (m.at < since) continue;
      const text =
        m.kind === 'vrrp' ? narrateVrrp(trace.vrrp[m.index]!, system, lang) : narrateHealth(trace.health[m.index]!, system, lang);
      if (text !== null)
        lines.push({
          key: `${m.kind}${m.index}`,
          at: m.at,
          time: timeText(m.at, lang),
          text,
          request: null,
          current: false,
          rank: m.kind === 'vrrp' ? vrrpRank(trace.vrrp[m.index]!) : RANK.health,
        });
    }
  }
  for (let i = from; i <= last; i++) {
    const m = momentOf(trace, i);
    const r = trace.records[m.record]!;
    lines.push({
      key: `m${m.record}:${m.hop}`,
      at: m.at,
      time: timeText(m.at, lang),
      text: narrate(r, m.hop, lang),
      request: r.id,
      current: false,
      rank: momentRank(r, m.hop),
    });
  }
  // Stable sort: at one instant an event comes before the packets it may cause.
  lines.sort((a, b) => a.at - b.at);
  const kept = lines.slice(-cap);
  const now = kept[kept.length - 1]?.at;
  for (const l of kept) l.current = l.at === now;
  return kept;
}
