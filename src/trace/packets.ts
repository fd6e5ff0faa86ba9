import { clientNodeId, isBalancer, isClient, otherBalancer, type BalancerName } from '../sim/nodes.ts';
import type { Drop, Hop, ProbeRecord, RequestRecord, TcpFlags, TcpSegment, VrrpRecord } from '../sim/types.ts';
import { lastAtOrBefore } from './sorted.ts';
import { candidatesAt, startOf, type Trace } from './trace.ts';

/** Where one packet is at time t: on a link between two nodes, or held at a node. */
export interface PacketPosition {
  record: number;
  id: number;
  kind: 'dns' | 'request' | 'response' | 'tcp';
  /** For a handshake segment: its flags and index in the record's `tcp`. */
  flags?: TcpFlags;
  segment?: number;
  from: string;
  to: string;
  /** 0 at `from`, 1 at `to`; when from === to the packet is held (being served). */
  frac: number;
  /** Index of the hop the packet last left (for the header it carries now), or NO_HOP (a DNS message). */
  hop: number;
}

/** A DNS message's position: it is no hop of the request, so it carries no hop's header. */
export const NO_HOP = -1;

/** The node a hop names, as the topology knows it: clients are "client:<ip>". */
export function nodeId(r: RequestRecord, node: string): string {
  return isClient(node) ? clientNodeId(r.client) : node;
}

/** Where a request's packet is at time t, or null when it is not under way. */
export function positionOf(r: RequestRecord, index: number, t: number): PacketPosition | null {
  if (t < startOf(r) || t >= r.doneAt) return null;
  const client = clientNodeId(r.client);
  if (r.dns && t < r.dns.answeredAt) {
    const mid = (r.dns.at + r.dns.answeredAt) / 2;
    return t < mid
      ? {
          record: index,
          id: r.id,
          kind: 'dns',
          from: client,
          to: 'dns',
          frac: (t - r.dns.at) / (mid - r.dns.at || 1),
          hop: NO_HOP,
        }
      : {
          record: index,
          id: r.id,
          kind: 'dns',
          from: 'dns',
          to: client,
          frac: (t - mid) / (r.dns.answeredAt - mid || 1),
          hop: NO_HOP,
        };
  }
  const steps = pathOf(r);
  for (let i = 0; i < steps.length - 1; i++) {
    const a = steps[i]!,
      b = steps[i + 1]!;
    if (t >= a.at && t < b.at) {
      // Nothing left this node (the packet was lost, refused or timed out): no packet until
      // the next one sets out.
      if (!a.out && a.node !== b.node) return null;
      const hop = 'flags' in a ? lastHopBefore(a.after) : a.index;
      if ('flags' in a && a.node !== b.node) {
        return {
          record: index,
          id: r.id,
          kind: 'tcp',
          flags: a.flags,
          segment: a.index,
          from: nodeId(r, a.node),
          to: nodeId(r, b.node),
          frac: (t - a.at) / (b.at - a.at),
          hop,
        };
      }
      const dir = 'flags' in b ? 'request' : b.dir;
      return {
        record: index,
        id: r.id,
        kind: a.node === b.node ? ('flags' in a ? 'request' : a.dir) : dir,
        from: nodeId(r, a.node),
        to: nodeId(r, b.node),
        frac: a.node === b.node ? 0 : (t - a.at) / (b.at - a.at),
        hop,
      };
    }
  }
  return null;
}

const lastHopBefore = (after: number) => after - 1;

/** A step of a request's story: one of its hops, or one of its handshake segments. */
export type PathStep = (Hop & { index: number }) | (TcpSegment & { index: number });

const paths = new WeakMap<RequestRecord, PathStep[]>();

/** The record's hops and handshake segments merged in the order they happened. */
export function pathOf(r: RequestRecord): PathStep[] {
  let p = paths.get(r);
  if (!p) {
    const hops: PathStep[] = r.hops.map((h, index) => ({ ...h, index }));
    if (!r.tcp) p = hops;
    else {
      p = [];
      let k = 0;
      const tcp = r.tcp;
      for (let j = 0; j <= hops.length; j++) {
        while (k < tcp.length && tcp[k]!.after === j) {
          p.push({ ...tcp[k]!, index: k });
          k++;
        }
        if (j < hops.length) p.push(hops[j]!);
      }
    }
    paths.set(r, p);
  }
  return p;
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

/*
 * The balancers' own packets, and the places where a request's packet went no further. Each
 * list is built once per trace and searched by time, so a frame costs a binary search.
 */

/** How long (simulated ms) an advert takes to be drawn from one balancer to the other. */
export const ADVERT_SHOW_MS = 200;
/** How long a probe's result (✓/✗) stays beside its link after it came back. */
export const PROBE_RESULT_MS = 400;
/** How long a mark stays where a packet was lost, refused, timed out or reset. */
export const DROP_SHOW_MS = 600;

/** A health-check probe at time t: on its way out, on its way back, or its result shown. */
export interface ProbePosition {
  index: number;
  balancer: string;
  server: string;
  ok: boolean;
  /** 0 at the balancer, 1 at the server. */
  frac: number;
  phase: 'out' | 'back' | 'result';
}

interface Indexed<T> {
  items: T[];
  times: Float64Array;
  span: number;
}
const cache = new WeakMap<
  Trace,
  {
    probes: Indexed<ProbeRecord>;
    adverts: Indexed<Advert>;
    drops: Indexed<DropMark>;
    verdicts: Indexed<VerdictMark>;
  }
>();

function indexed(trace: Trace) {
  let c = cache.get(trace);
  if (!c) {
    const adverts = trace.vrrp.filter((v): v is Advert => v.kind === 'advert' && isBalancer(v.balancer));
    const drops: DropMark[] = [];
    trace.records.forEach((r, i) => {
      r.hops.forEach((h, j) => {
        // A refused connection shows where it was refused (the server), not where the RST arrives.
        if (h.drop && !(h.drop === 'refused' && isBalancer(h.node))) {
          drops.push({ record: i, id: r.id, hop: j, node: nodeId(r, h.node), drop: h.drop, at: h.at });
        }
      });
      // With handshakes, a SYN dropped before its connection opened is one of the record's segments.
      r.tcp?.forEach((x) => {
        if (x.drop && !(x.drop === 'refused' && isBalancer(x.node))) {
          drops.push({ record: i, id: r.id, hop: x.after - 1, node: nodeId(r, x.node), drop: x.drop, at: x.at });
        }
      });
    });
    drops.sort((a, b) => a.at - b.at || a.record - b.record);
    const verdicts = verdictMarks(trace.records);
    const span = trace.probes.reduce((m, p) => Math.max(m, p.doneAt - p.at), 0) + PROBE_RESULT_MS;
    c = {
      probes: { items: trace.probes, times: Float64Array.from(trace.probes, (p) => p.at), span },
      adverts: { items: adverts, times: Float64Array.from(adverts, (v) => v.at), span: ADVERT_SHOW_MS },
      drops: { items: drops, times: Float64Array.from(drops, (d) => d.at), span: DROP_SHOW_MS },
      verdicts: { items: verdicts, times: Float64Array.from(verdicts, (v) => v.at), span: DROP_SHOW_MS },
    };
    cache.set(trace, c);
  }
  return c;
}

/** Indexes of the items that started in (t − span, t], oldest first. */
function startedWithin<T>(x: Indexed<T>, t: number): number[] {
  const end = lastAtOrBefore(x.times, t) + 1;
  let first = end;
  while (first > 0 && x.times[first - 1]! > t - x.span) first--;
  return Array.from({ length: end - first }, (_, k) => first + k);
}

/**
 * Probes under way at t. `legMs` is the one-way trip between balancer and server. A probe that
 * passed or was refused (RST) comes back; one that timed out is seen going, then only its ✗
 * when the balancer gives up.
 */
export function probesAt(trace: Trace, t: number, legMs: number): ProbePosition[] {
  const { probes } = indexed(trace);
  const out: ProbePosition[] = [];
  for (const i of startedWithin(probes, t)) {
    const p = probes.items[i]!;
    const base = { index: i, balancer: p.balancer, server: p.server, ok: p.ok };
    const answered = p.ok || p.doneAt - p.at <= 2 * legMs + 1e-6;
    if (t >= p.doneAt) {
      if (t < p.doneAt + PROBE_RESULT_MS) out.push({ ...base, frac: 0.9, phase: 'result' });
    } else if (legMs > 0 && t < p.at + legMs) {
      out.push({ ...base, frac: (t - p.at) / legMs, phase: 'out' });
    } else if (answered && legMs > 0) {
      out.push({ ...base, frac: Math.max(0, 1 - (t - p.at - legMs) / legMs), phase: 'back' });
    }
  }
  return out;
}

/** The engine's VRRP records only ever name a balancer; the type says so once, here. */
type Advert = VrrpRecord & { balancer: BalancerName };

/** A VRRP advert on its way from the master to the other balancer. */
export interface AdvertPosition {
  index: number;
  from: string;
  to: string;
  frac: number;
}

export function advertsAt(trace: Trace, t: number): AdvertPosition[] {
  const { adverts } = indexed(trace);
  return startedWithin(adverts, t).map((i) => {
    const v = adverts.items[i]!;
    return { index: i, from: v.balancer, to: otherBalancer(v.balancer), frac: (t - v.at) / ADVERT_SHOW_MS };
  });
}

/** Where a request's packet went no further, shown for a while after it happened. */
export interface DropMark {
  record: number;
  id: number;
  hop: number;
  /** The node as the topology knows it ("client:<ip>", "lb1", "s2"). */
  node: string;
  drop: Drop;
  at: number;
}

export function dropsAt(trace: Trace, t: number): DropMark[] {
  const { drops } = indexed(trace);
  return startedWithin(drops, t).map((i) => drops.items[i]!);
}

/**
 * Where an L7 balancer answered a request itself instead of passing it on: from its cache, or
 * blocked (a denied path's 403, the rate limit's status). The mark sits at the balancer from
 * the moment its answer sets out back to the client.
 */
export interface VerdictMark {
  record: number;
  id: number;
  node: string;
  verdict: 'cached' | 'blocked';
  status: number | null;
  at: number;
}

function verdictMarks(records: readonly RequestRecord[]): VerdictMark[] {
  const out: VerdictMark[] = [];
  records.forEach((r, i) => {
    if (r.outcome !== 'cached' && r.outcome !== 'blocked') return;
    // The balancer's own answer: the response hop that starts at a balancer (nothing came in).
    const h = r.hops.find((x) => x.dir === 'response' && !x.in && x.out && isBalancer(x.node));
    if (h) out.push({ record: i, id: r.id, node: h.node, verdict: r.outcome, status: r.status, at: h.at });
  });
  return out.sort((a, b) => a.at - b.at || a.record - b.record);
}

export function verdictsAt(trace: Trace, t: number): VerdictMark[] {
  const { verdicts } = indexed(trace);
  return startedWithin(verdicts, t).map((i) => verdicts.items[i]!);
}
