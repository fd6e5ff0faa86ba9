import type { IpHashCursor } from './algorithms/ipHash.ts';
import type { Peer } from './algorithms/peers.ts';
import type { RequestSpec } from './scenario.ts';
import type { NumberedRequest } from './traffic.ts';
import type { Header, Hop, NodeName, RequestRecord } from './types.ts';

/** One request in flight: its sockets, its balancer state, and (when recording) its record. */
export interface Flow extends IpHashCursor {
  /** Flows are reused; the slot is this one's handle in the event queue. */
  readonly slot: number;
  active: boolean;
  id: number;
  spec: NumberedRequest;
  octets: [number, number, number];
  clientPort: number;
  balancer: number;
  /** The balancer's source port toward the server (its NAT key), 0 before one is taken. */
  lbPort: number;
  peer: Peer | null;
  tried: number;
  rec: RequestRecord | null;
}

export const ep = (ip: string, port: number): string => `${ip}:${port}`;

export function header(src: string, dst: string): Header {
  return { src, dst };
}

/** Simulated times are kept to the microsecond in the trace, so sums of delays read cleanly. */
export const t3 = (ms: number): number => Math.round(ms * 1000) / 1000;

export function addHop(
  f: Flow, at: number, node: NodeName, dir: Hop['dir'], inH: Header | null, outH: Header | null,
): void {
  f.rec?.hops.push({ at: t3(at), node, dir, in: inH, out: outH });
}

export function newRecord(id: number, spec: RequestSpec): RequestRecord {
  return {
    id,
    at: spec.at,
    client: spec.client,
    method: spec.method,
    path: spec.path,
    server: null,
    balancer: null,
    outcome: 'ok',
    status: null,
    doneAt: spec.at,
    latencyMs: 0,
    dns: null,
    nat: null,
    decision: null,
    hops: [],
  };
}
