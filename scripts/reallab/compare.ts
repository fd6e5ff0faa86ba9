import type { Scenario } from '../../src/sim/scenario.ts';
import type { Header, RequestRecord } from '../../src/sim/types.ts';
import type { RealRecord } from './realLab.ts';

/**
 * Where the engine and the real lab disagree, request by request: the server, the outcome,
 * the status, and the addresses at every hop. Timing is left out on purpose (a real network
 * jitters; the engine's delays are exact), and so is the port an L7 proxy's own connection
 * leaves from (the kernel's choice): see docs/model.md, "The real lab".
 */
export function differences(s: Scenario, engine: readonly RequestRecord[], real: readonly RealRecord[]): string[] {
  const out: string[] = [];
  // An L7 proxy's own connection to the server leaves from a port the kernel picks: only the
  // balancer's address is compared there.
  const own = new Set(s.network.balancerIps);
  const end = (e: string) => (s.mode === 'L7' && own.has(e.slice(0, e.lastIndexOf(':'))) ? `${e.slice(0, e.lastIndexOf(':'))}:*` : e);
  const text = (h: Header | null): string => (h ? `${end(h.src)}→${end(h.dst)}` : '-');
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

/** Differences the docs list as known for this scenario (the kernel's picks are not nginx's). */
export function knownDifference(s: Scenario): string | null {
  if (s.algorithm === 'weighted-round-robin')
    return "the kernel gives each server a run of turns as long as its weight (nftables numgen ranges), not nginx's smooth order: the shares agree, the order does not";
  if (s.algorithm === 'ip-hash')
    return "the kernel hashes the whole source address with jhash, not nginx's ip_hash of the first three octets: which server a client gets differs";
  return null;
}
