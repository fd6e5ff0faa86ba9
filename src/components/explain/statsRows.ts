import type { ConfigAt } from '../../trace/config.ts';
import type { Snapshot } from '../../trace/snapshot.ts';
import { pct } from './format.ts';

export interface ServerStat {
  name: string;
  /** Requests the balancer has given this server so far. */
  count: number;
  /** Its share of all placed requests, in %. */
  share: number;
  /** The share the weights give under (weighted) round robin, in %; null for other algorithms. */
  expected: number | null;
  open: number;
}

/**
 * One row per server worth showing (in the upstream now, or given requests before): its count,
 * share and open connections. Under round robin every member counts 1, under weighted round
 * robin its weight; servers marked down take no share.
 */
export function serverStats(snap: Snapshot, config: ConfigAt): ServerStat[] {
  const total = Object.values(snap.assigned).reduce((a, b) => a + b, 0);
  const rr = config.algorithm === 'round-robin' || config.algorithm === 'weighted-round-robin';
  const live = config.servers.filter((s) => s.member && !s.down);
  const weightOf = (s: ConfigAt['servers'][number]) => (config.algorithm === 'round-robin' ? 1 : s.weight);
  const weights = live.reduce((a, s) => a + weightOf(s), 0);
  return config.servers
    .filter((s) => s.member || (snap.assigned[s.name] ?? 0) > 0)
    .map((s) => {
      const count = snap.assigned[s.name] ?? 0;
      const takesShare = rr && s.member && !s.down;
      return {
        name: s.name,
        count,
        share: pct(count, total),
        expected: rr ? (takesShare ? pct(weightOf(s), weights) : 0) : null,
        open: snap.conns[s.name] ?? 0,
      };
    });
}
