import type { Scenario } from '../../sim/scenario.ts';
import { allServers } from '../../sim/topology.ts';
import type { RequestRecord } from '../../sim/types.ts';
import { unpackStep } from '../../trace/momentStep.ts';
import { momentIndexAt, momentOf, type Trace } from '../../trace/trace.ts';
import { balancerAt, isBalancer, type BalancerName } from '../../sim/nodes.ts';
import { hopIndexAt, ipOf } from './headerDiff.ts';

/** The balancer hop the NAT card shows: one request, one of its hops at lb1/lb2. */
export interface NatFocus {
  record: RequestRecord;
  hop: number;
  /** True when it is the selected request, false when it is simply the latest one. */
  selected: boolean;
}

/**
 * How far back to look for a balancer hop. Every request crosses the balancer twice among its
 * six or so moments, so a hop is always near unless nothing has happened for a long while.
 */
const LOOK_BACK = 4000;

/** The most recent hop at lb1/lb2 at or before t, over every request. */
export function latestBalancerHop(trace: Trace, t: number): { record: RequestRecord; hop: number } | null {
  const stop = Math.max(-1, momentIndexAt(trace, t) - LOOK_BACK);
  for (let i = momentIndexAt(trace, t); i > stop; i--) {
    const m = momentOf(trace, i);
    const step = unpackStep(m.hop);
    if (step.kind !== 'hop') continue;
    const record = trace.records[m.record]!;
    if (isBalancer(record.hops[step.hop]!.node)) return { record, hop: step.hop };
  }
  return null;
}

/**
 * The selected request while its packet has just left a balancer (that is where the rewrite
 * is worth looking at); otherwise the latest packet through a balancer.
 */
export function natFocus(trace: Trace, selected: RequestRecord | null, t: number): NatFocus | null {
  if (selected && t < selected.doneAt) {
    const i = hopIndexAt(selected, t);
    const hop = selected.hops[i];
    if (hop && isBalancer(hop.node)) return { record: selected, hop: i, selected: true };
  }
  const latest = latestBalancerHop(trace, t);
  return latest ? { ...latest, selected: latest.record.id === selected?.id } : null;
}

export type Role =
  { kind: 'vip' } | { kind: 'client' } | { kind: 'balancer'; name: BalancerName } | { kind: 'server'; name: string } | { kind: 'other' };

/** Who an address belongs to, from the scenario's network: the VIP, the client, a server... */
export function roleOf(endpoint: string, r: RequestRecord, s: Scenario): Role {
  const ip = ipOf(endpoint);
  if (ip === s.network.vip) return { kind: 'vip' };
  if (ip === r.client) return { kind: 'client' };
  const lb = s.network.balancerIps.indexOf(ip);
  if (lb >= 0) return { kind: 'balancer', name: balancerAt(lb) };
  const server = allServers(s).find((x) => x.ip === ip);
  return server ? { kind: 'server', name: server.name } : { kind: 'other' };
}
