import { isBalancer, isClient } from '../sim/nodes.ts';
import type { Hop, RequestRecord } from '../sim/types.ts';
import { prevMomentTime } from '../trace/trace.ts';
import type { RunView } from './types.ts';

/**
 * Finding the moment a lesson step talks about, in the run itself. Each throws when the run has
 * no such moment: that is a lesson that no longer matches its scenario, and the lesson tests
 * catch it.
 */

export function rec(run: RunView, id: number): RequestRecord {
  const r = run.trace.records.find((x) => x.id === id);
  if (!r) throw new Error(`the run has no request #${id}`);
  return r;
}

export function hopOf(run: RunView, id: number, test: (h: Hop, r: RequestRecord) => boolean, what: string): Hop {
  const r = rec(run, id);
  const h = r.hops.find((x) => test(x, r));
  if (!h) throw new Error(`request #${id} has no hop ${what}`);
  return h;
}

/** When the client sends the request (its data, after any DNS lookup and handshake). */
export const clientSends = (run: RunView, id: number) =>
  hopOf(run, id, (h) => isClient(h.node) && h.dir === 'request', 'leaving the client').at;
/** When the request reaches the balancer (where the server is picked). */
export const atBalancer = (run: RunView, id: number) =>
  hopOf(run, id, (h) => isBalancer(h.node) && h.dir === 'request' && h.in !== null, 'at a balancer').at;
/** When the request reaches its server. */
export const atServer = (run: RunView, id: number) =>
  hopOf(run, id, (h, r) => h.node === r.server && h.dir === 'request' && !h.drop, 'at its server').at;
/** When the server sends its answer. */
export const serverAnswers = (run: RunView, id: number) =>
  hopOf(run, id, (h, r) => h.node === r.server && h.dir === 'response' && h.out !== null, 'answered by its server').at;
/** When the answer passes the balancer on its way back. */
export const balancerAnswers = (run: RunView, id: number) =>
  hopOf(run, id, (h) => isBalancer(h.node) && h.dir === 'response' && h.out !== null && !h.drop, 'answered through a balancer').at;
/** When the client has its answer. */
export const clientGets = (run: RunView, id: number) => rec(run, id).doneAt;

/** The moment before t (where a "what happens next?" question is asked). */
export const before = (run: RunView, t: number) => prevMomentTime(run.trace, t) ?? 0;

/** The first request (by id) that satisfies `test`. */
export function firstRecord(run: RunView, test: (r: RequestRecord) => boolean, what: string): RequestRecord {
  const r = run.trace.records.find(test);
  if (!r) throw new Error(`the run has no request that ${what}`);
  return r;
}

/** When a VRRP thing happened (a role change, GARP, failure), at or after `from`. */
export function vrrpAt(run: RunView, balancer: string, kind: string, from = 0): number {
  const v = run.trace.vrrp.find((x) => x.balancer === balancer && x.kind === kind && x.at >= from);
  if (!v) throw new Error(`${balancer} never had "${kind}" after ${from} ms`);
  return v.at;
}

/** When `balancer` marked `server` up or down by its health checks. */
export function healthAt(run: RunView, balancer: string, server: string, state: 'up' | 'down'): number {
  const h = run.trace.health.find((x) => x.balancer === balancer && x.server === server && x.state === state);
  if (!h) throw new Error(`${balancer} never marked ${server} ${state}`);
  return h.at;
}

/** When a scenario event (a failure, a restore, a removal) took effect. */
export function eventAt(run: RunView, action: string, target?: string): number {
  const e = run.scenario.events.find((x) => x.action === action && (target === undefined || ('target' in x && x.target === target)));
  if (!e) throw new Error(`the scenario has no "${action}" event${target ? ` for ${target}` : ''}`);
  return e.at;
}
