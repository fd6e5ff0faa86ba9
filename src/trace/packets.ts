import type { RequestRecord } from '../sim/types.ts';
import { candidatesAt, startOf, type Trace } from './trace.ts';

/** Where one packet is at time t: on a link between two nodes, or held at a node. */
export interface PacketPosition {
  record: number;
  id: number;
  kind: 'dns' | 'request' | 'response';
  from: string;
  to: string;
  /** 0 at `from`, 1 at `to`; when from === to the packet is held (being served). */
  frac: number;
  /** Index of the hop the packet last left (for the header it carries now). */
  hop: number;
}

/** The node a hop names, as the topology knows it: clients are "client:<ip>". */
export function nodeId(r: RequestRecord, node: string): string {
  return node === 'client' ? `client:${r.client}` : node;
}

/** Where a request's packet is at time t, or null when it is not under way. */
export function positionOf(r: RequestRecord, index: number, t: number): PacketPosition | null {
  if (t < startOf(r) || t >= r.doneAt) return null;
  const client = `client:${r.client}`;
  if (r.dns && t < r.dns.answeredAt) {
    const mid = (r.dns.at + r.dns.answeredAt) / 2;
    return t < mid
      ? { record: index, id: r.id, kind: 'dns', from: client, to: 'dns', frac: (t - r.dns.at) / (mid - r.dns.at || 1), hop: -1 }
      : { record: index, id: r.id, kind: 'dns', from: 'dns', to: client, frac: (t - mid) / (r.dns.answeredAt - mid || 1), hop: -2 };
  }
  const hops = r.hops;
  for (let i = 0; i < hops.length - 1; i++) {
    const a = hops[i]!, b = hops[i + 1]!;
    if (t >= a.at && t < b.at) {
      // Nothing left this node (the packet was lost, refused or timed out): no packet until
      // the next one sets out.
      if (!a.out && a.node !== b.node) return null;
      return {
        record: index, id: r.id, kind: a.node === b.node ? a.dir : b.dir, from: nodeId(r, a.node), to: nodeId(r, b.node),
        frac: a.node === b.node ? 0 : (t - a.at) / (b.at - a.at), hop: i,
      };
    }
  }
  return null;
}

/** Every packet under way at time t, in record order. */
export function packetsAt(trace: Trace, t: number): PacketPosition[] {
  const out: PacketPosition[] = [];
  for (const i of candidatesAt(trace, t)) {
    const p = positionOf(trace.records[i]!, i, t);
    if (p) out.push(p);
  }
  return out;
}
