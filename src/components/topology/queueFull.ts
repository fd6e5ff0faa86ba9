import { isServer } from '../../sim/nodes.ts';
import type { Scenario } from '../../sim/scenario.ts';
import { allServers } from '../../sim/topology.ts';
import type { RequestRecord } from '../../sim/types.ts';
import { pathOf } from '../../trace/packets.ts';
import type { Trace } from '../../trace/trace.ts';

/**
 * A server's accept queue as the stage shows it. The packets a server holds are those it serves
 * (at most its `concurrency`) and those waiting for a worker: its accept queue, bounded by its
 * listen `backlog`. When the queue is full the kernel drops new SYNs (the engine's servers.ts);
 * the stage marks the queue "full" then, in words and with an outline, not by colour alone.
 */

export interface QueueLimit {
  concurrency: number;
  backlog: number;
}

/** Each server's limits (those added by events too): they never change during a run. */
export function queueLimits(s: Scenario): Map<string, QueueLimit> {
  return new Map(allServers(s).map((x) => [x.name, { concurrency: x.concurrency, backlog: x.backlog }]));
}

/**
 * How long (simulated ms) a queue stays marked full after it last dropped a SYN: a queue at its
 * limit frees a place for a moment each time a request is answered, and a mark that blinked on
 * and off with each would be unreadable.
 */
export const FULL_HOLD_MS = 200;

export interface QueueState {
  /** Requests waiting for a worker (beyond those served). */
  waiting: number;
  full: boolean;
}

/** The accept queue of a server holding `held` requests; `dropping`: it dropped a SYN within FULL_HOLD_MS. */
export function acceptQueue(held: number, limit: QueueLimit, dropping: boolean): QueueState {
  const waiting = Math.max(0, held - limit.concurrency);
  return { waiting, full: waiting >= limit.backlog || dropping };
}

/** The words on a full queue's tag: "queue full 8/8" (`template` has {waiting} and {backlog}). */
export function fullText(template: string, q: QueueState, limit: QueueLimit): string {
  return template.replace('{waiting}', String(q.waiting)).replace('{backlog}', String(limit.backlog));
}

/** The servers that dropped a SYN for a full queue in (t − FULL_HOLD_MS, t]. */
export function droppingAt(drops: readonly { node: string; drop: string; at: number }[], t: number): Set<string> {
  const out = new Set<string>();
  for (const d of drops) if (d.drop === 'overflow' && d.at > t - FULL_HOLD_MS && d.at <= t) out.add(d.node);
  return out;
}

/** A stay of a request at a server: from its first step there to its next step elsewhere. */
function staysOf(r: RequestRecord, each: (server: string, from: number, to: number) => void): void {
  const steps = pathOf(r);
  for (let i = 0; i < steps.length - 1; i++) {
    const a = steps[i]!;
    if (!isServer(a.node) || steps[i + 1]!.node !== a.node || (i > 0 && steps[i - 1]!.node === a.node)) continue;
    let j = i + 1;
    while (j < steps.length - 1 && steps[j + 1]!.node === a.node) j++;
    // As the stage draws it: a request is on the stage until it is done.
    each(a.node, a.at, Math.min(steps[j]!.at, r.doneAt));
  }
}

const firstFull = new WeakMap<Trace, number>();

/**
 * When a server's accept queue is first full in the run (Infinity: never): a sweep over every
 * stay at a server, once per trace. What the legend uses to name the full-queue mark once it
 * has been drawn.
 */
export function firstFullAt(s: Scenario, trace: Trace): number {
  const known = firstFull.get(trace);
  if (known !== undefined) return known;
  const limits = queueLimits(s);
  const changes: { at: number; server: string; by: number }[] = [];
  for (const r of trace.records) {
    staysOf(r, (server, from, to) => {
      if (to <= from) return;
      changes.push({ at: from, server, by: 1 }, { at: to, server, by: -1 });
    });
  }
  // At one instant a request leaving frees its place before another takes it.
  changes.sort((a, b) => a.at - b.at || a.by - b.by);
  const held = new Map<string, number>();
  let first = Infinity;
  for (const c of changes) {
    const n = (held.get(c.server) ?? 0) + c.by;
    held.set(c.server, n);
    const limit = limits.get(c.server);
    if (limit && acceptQueue(n, limit, false).full) {
      first = c.at;
      break;
    }
  }
  firstFull.set(trace, first);
  return first;
}
