import type { Scenario } from '../../src/sim/scenario.ts';
import type { Header, RequestRecord } from '../../src/sim/types.ts';
import { pickerOf, REAL_FORWARDING } from './forwardings.ts';
import type { RealRecord } from './realLab.ts';

/**
 * Where the engine and the real lab disagree, request by request: the server, the outcome,
 * the status, and the addresses at every hop (with the MACs direct routing writes and the outer
 * header of a tunnel). Timing is left out on purpose (a real network
 * jitters; the engine's delays are exact), and so is the port an L7 proxy's own connection
 * leaves from (the kernel's choice): see docs/model.md, "The real lab".
 */
export function differences(s: Scenario, engine: readonly RequestRecord[], real: readonly RealRecord[]): string[] {
  const out: string[] = [];
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
    if (!r) {
      out.push(`#${e.id}: the real lab has no such request`);
      continue;
    }
    if (e.server !== r.server) out.push(`#${e.id}: server ${e.server ?? 'none'} in the engine, ${r.server ?? 'none'} for real`);
    if (e.outcome !== r.outcome) out.push(`#${e.id}: outcome ${e.outcome} in the engine, ${r.outcome} for real`);
    if (e.status !== r.status) out.push(`#${e.id}: status ${e.status ?? 'none'} in the engine, ${r.status ?? 'none'} for real`);
    const hops = Math.max(e.hops.length, r.hops.length);
    for (let i = 0; i < hops; i++) {
      const a = e.hops[i],
        b = r.hops[i];
      const say = (h: typeof a | typeof b) => (h ? `${h.node} ${h.dir} in ${text(h.in)} out ${text(h.out)}` : 'nothing');
      if (say(a) !== say(b)) out.push(`#${e.id} hop ${i}: ${say(a)} in the engine; ${say(b)} for real`);
    }
  }
  return out;
}

/**
 * Differences the docs list as known for this scenario: where full NAT's nftables picks on its
 * own, its picks are not IPVS's (the engine's L4). The other modes replay the engine's picks.
 */
export function knownDifference(s: Scenario): string | null {
  if (s.mode !== 'L4' || REAL_FORWARDING[s.forwarding].picks !== 'nftables') return null;
  if (s.algorithm === 'weighted-round-robin')
    return "nftables gives each server a run of numgen values as long as its weight; IPVS's wrr (ip_vs_wrr.c) walks the list once per current weight, so the orders agree when one server, the first, weighs more than the rest (5,1,1) and differ otherwise (3,2,1: IPVS s1 s1 s2 s1 s2 s3): the shares agree";
  if (s.algorithm === 'ip-hash')
    return "nftables hashes the source address with jhash, IPVS's sh with hash_32 into 256 buckets: which server a client gets differs";
  return null;
}

/** How the real lab chose the servers, for the summary line: said when it did not choose itself. */
export function pickNote(s: Scenario): string | null {
  return pickerOf(s) === 'replayed'
    ? `lb1 replayed the engine's picks (${s.forwarding}): this holds the forwarding against the engine, not IPVS's scheduler, which this kernel lacks`
    : null;
}
