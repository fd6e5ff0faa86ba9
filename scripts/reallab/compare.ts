import type { Scenario } from '../../src/sim/scenario.ts';
import type { Header, Hop, RequestRecord } from '../../src/sim/types.ts';
import { enginePortRenames, passiveCheckParting, snatPortTaken } from './engineObserved.ts';
import type { Transition } from './failover.ts';
import { pickerOf, REAL_FORWARDING } from './forwardings.ts';
import type { RealRecord } from './realLab.ts';

/** What a difference is about: a known difference excuses named fields only, never the rest. */
export type Field = 'missing' | 'server' | 'balancer' | 'outcome' | 'status' | 'hops';

export interface Difference {
  id: number;
  field: Field;
  text: string;
}

/**
 * Where the engine and the real lab disagree, request by request: the server, the balancer that
 * carried it, the outcome, the status, and the addresses at every hop (with the MACs direct
 * routing writes and the outer header of a tunnel) of the attempt that got through. Timing is
 * left out on purpose (a real network jitters; the engine's delays are exact), and so is the
 * port an L7 proxy's own connection leaves from (the kernel's choice): see docs/model.md, "The
 * real lab".
 */
export function differences(s: Scenario, engine: readonly RequestRecord[], real: readonly RealRecord[]): Difference[] {
  const out: Difference[] = [];
  // An L7 proxy's own connection to the server leaves from a port the kernel picks: only the
  // balancer's address is compared there.
  const own = new Set(s.network.balancerIps);
  const end = (e: string) => (s.mode === 'L7' && own.has(e.slice(0, e.lastIndexOf(':'))) ? `${e.slice(0, e.lastIndexOf(':'))}:*` : e);
  const text = (h: Header | null): string =>
    h
      ? `${end(h.src)}→${end(h.dst)}${h.mac ? ` mac ${h.mac.src}→${h.mac.dst}` : ''}${h.outer ? ` outer ${h.outer.src}→${h.outer.dst}` : ''}`
      : '-';
  const byId = new Map(real.map((r) => [r.id, r]));
  for (const e of engine) {
    const r = byId.get(e.id);
    const put = (field: Field, line: string) => out.push({ id: e.id, field, text: `#${e.id}${line}` });
    if (!r) {
      put('missing', ': the real lab has no such request');
      continue;
    }
    // A failed request's server is compared where the lab saw it (its capture held the
    // connection under the client's own end); in full NAT the server sees the VIP's end, which
    // another client's connection may have used before, so it stays unobserved there.
    const unobserved = r.outcome !== 'ok' && r.server === null && e.outcome !== 'ok';
    if (e.server !== r.server && !unobserved) put('server', `: server ${e.server ?? 'none'} in the engine, ${r.server ?? 'none'} for real`);
    if (e.balancer !== r.balancer) put('balancer', `: carried by ${e.balancer} in the engine, ${r.balancer} for real`);
    if (e.outcome !== r.outcome) put('outcome', `: outcome ${e.outcome} in the engine, ${r.outcome} for real`);
    if (e.status !== r.status) put('status', `: status ${e.status ?? 'none'} in the engine, ${r.status ?? 'none'} for real`);
    // The hops of a request that failed on either side are not compared: the real lab observes
    // only the client's end of those.
    if (e.outcome !== 'ok' || r.outcome !== 'ok') continue;
    const [a, b] = [lastAttempt(e.hops), lastAttempt(r.hops)];
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const say = (h: Omit<Hop, 'at'> | undefined) => (h ? `${h.node} ${h.dir} in ${text(h.in)} out ${text(h.out)}` : 'nothing');
      if (say(a[i]) !== say(b[i])) put('hops', ` hop ${i}: ${say(a[i])} in the engine; ${say(b[i])} for real`);
    }
  }
  return out;
}

/**
 * The hops from the client's last send on: the attempt that got through. The engine records each
 * SYN the client sent again after one was lost (at a failed balancer); the real lab's records
 * hold one send, and the lost ones are in the clients' capture only.
 */
function lastAttempt<H extends Pick<Hop, 'node' | 'dir'>>(hops: readonly H[]): readonly H[] {
  let from = 0;
  hops.forEach((h, i) => {
    if (h.node === 'client' && h.dir === 'request') from = i;
  });
  return hops.slice(from);
}

/** A difference the docs list: the fields it explains, for which requests, and why. */
export interface Excuse {
  fields: readonly Field[];
  /** The requests it covers; every request when absent. */
  ids?: ReadonlySet<number>;
  why: string;
}

/**
 * Differences the docs list as known for this scenario (docs/model.md, "The real lab"), each
 * excusing only what it explains. Where full NAT's nftables picks on its own by weight or hash,
 * its picks are not IPVS's: the server differs, and with it the addresses at the hops; never the
 * outcome or status. In a failover, the moments keepalived took over against the engine's: the
 * requests alive in between may meet the other balancer (transitions: from failover.ts).
 */
export function knownDifferences(
  s: Scenario,
  engine: readonly RequestRecord[],
  transitions: readonly { engine: Transition; real: Transition | null }[] = [],
  real: readonly RealRecord[] = [],
  synced = false,
): Excuse[] {
  const out: Excuse[] = [];
  if (s.mode === 'L4' && s.forwarding === 'full-nat') {
    const ids = snatPortTaken(real);
    if (ids.size)
      out.push({
        fields: ['hops'],
        ids,
        why: "conntrack keeps a closed connection's entry 120 s (TIME_WAIT), so full NAT's snat gives another port where an earlier connection to the same server left from that port (nf_nat_core.c, get_unique_tuple; snatPortTaken); the engine frees the port at close",
      });
  }
  if (s.mode === 'L4' && s.forwarding === 'full-nat') {
    const ids = enginePortRenames(s.network.vip, engine);
    if (ids.size)
      out.push({
        fields: ['hops'],
        ids,
        why: "the engine's full NAT gives another port where the tuple is held by a connection still open in its run, or foreseeably in conntrack's TIME_WAIT (src/sim/ports.ts; enginePortRenames): whether that connection is still open, or still closing, for real is a matter of timing",
      });
  }
  const parting = passiveCheckParting(s, engine);
  if (parting.size)
    out.push({
      fields: ['server', 'hops'],
      ids: parting,
      why: "nginx's passive checks against the engine's active ones (a failed server in L7): from fail_timeout after the failure nginx tries the server again (ngx_http_upstream_get_peer), and after it is back each brings it in at its own moment, so the turns differ; outcomes and statuses still agree",
    });
  if (s.mode === 'L4' && REAL_FORWARDING[s.forwarding].picks === 'nftables') {
    if (s.algorithm === 'weighted-round-robin')
      out.push({
        fields: ['server', 'hops'],
        why: "nftables gives each server a run of numgen values as long as its weight; IPVS's wrr (ip_vs_wrr.c) walks the list once per current weight, so the orders agree when one server, the first, weighs more than the rest (5,1,1) and differ otherwise (3,2,1: IPVS s1 s1 s2 s1 s2 s3): the shares agree",
      });
    if (s.algorithm === 'ip-hash')
      out.push({
        fields: ['server', 'hops'],
        why: "nftables hashes the source address with jhash, IPVS's sh with hash_32 into 256 buckets: which server a client gets differs",
      });
  }
  if (s.mode === 'L4' && s.balancers.sync && !synced) {
    // The engine copies connections to the peer (IPVS's sync daemon); the lab has neither IPVS
    // nor conntrackd, so a connection open on a balancer when it fails dies with it.
    for (const e of s.events) {
      if (e.action !== 'fail' || (e.target !== 'lb1' && e.target !== 'lb2')) continue;
      const ids = new Set(engine.filter((r) => r.at < e.at && r.doneAt > e.at).map((r) => r.id));
      if (ids.size)
        out.push({
          fields: ['balancer', 'server', 'outcome', 'status', 'hops'],
          ids,
          why: `connection sync: in the engine IPVS's sync daemon copies ${e.target}'s open connections to its peer, so those open when it fails at ${e.at} ms live on; this kernel has no IPVS, and conntrackd (which the lab runs for the netfilter connections its NAT keeps) is not installed, so they die with it`,
        });
    }
  }
  for (const t of transitions) {
    if (!t.real) continue;
    // The interval between the two moments, widened by the timeline's own accuracy.
    const from = Math.min(t.engine.at, t.real.at) - EDGE_MS;
    const to = Math.max(t.engine.at, t.real.at) + EDGE_MS;
    const ids = new Set(engine.filter((r) => r.at <= to && r.doneAt >= from).map((r) => r.id));
    if (ids.size)
      out.push({
        fields: ['balancer', 'server', 'outcome', 'status', 'hops'],
        ids,
        why: `${t.engine.balancer} became master at ${t.engine.at.toFixed(0)} ms in the engine, at ${t.real.at.toFixed(0)} ms with keepalived: a request alive in between meets the other balancer`,
      });
  }
  return out;
}

/** The real lab applies an event within this long of its time (timeline.ts). */
const EDGE_MS = 50;

/** Splits differences into those a listed difference explains (with why) and the rest. */
export function sortDifferences(
  found: readonly Difference[],
  excuses: readonly Excuse[],
): { known: Map<string, Difference[]>; unknown: Difference[] } {
  const known = new Map<string, Difference[]>();
  const unknown: Difference[] = [];
  for (const d of found) {
    const excuse = excuses.find((x) => x.fields.includes(d.field) && (!x.ids || x.ids.has(d.id)));
    if (!excuse) unknown.push(d);
    else known.set(excuse.why, [...(known.get(excuse.why) ?? []), d]);
  }
  return { known, unknown };
}

/** How the real lab chose the servers, for the summary line: said when it did not choose itself. */
export function pickNote(s: Scenario): string | null {
  return pickerOf(s) === 'replayed'
    ? `lb1 replayed the engine's picks (${s.forwarding}): this holds the forwarding against the engine, not IPVS's scheduler, which this kernel lacks`
    : null;
}
