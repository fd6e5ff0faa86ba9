import type { Header, RequestRecord } from '../../src/sim/types.ts';
import type { RealRecord } from './realLab.ts';

/**
 * The engine's record as the real lab's records can show it. The engine writes a hop for each
 * SYN a full accept queue dropped (`drop: 'overflow'`) and for each retransmission
 * (`retransmit`), the client's SYN again one RTO later (src/sim/synRetry.ts); the real lab's
 * records hold one pass through each machine, the connection that got through (tcpdump's
 * captures hold the retransmitted SYNs: see synRetransmitted). So the first request hop stays,
 * and the hops of the attempts that were dropped go, up to the last retransmission.
 */
export function withoutSynRetries(r: RequestRecord): RequestRecord {
  const last = r.hops.findLastIndex((h) => h.retransmit !== undefined && h.node === 'client');
  if (last < 0) return r;
  return { ...r, hops: [r.hops[0]!, ...r.hops.slice(last + 1)] };
}

/** How many of the engine's requests sent their SYN more than once (a full accept queue dropped it). */
export const synRetransmitted = (records: readonly RequestRecord[]): number =>
  records.filter((r) => r.hops.some((h) => h.node === 'client' && h.retransmit !== undefined)).length;

/** conntrack keeps a closed connection's entry this long (nf_conntrack_tcp_timeout_time_wait, 120 s). */
const CONNTRACK_TIME_WAIT_MS = 120_000;

/**
 * Full NAT's `snat` to one address keeps the client's port only while no other connection's
 * conntrack entry holds the same tuple (VIP:port → server:port). The engine frees a port when
 * its connection closes; conntrack keeps the closed entry TIME_WAIT's 120 s, so a connection
 * sending from a port that an earlier connection to the same server left from within them gets
 * another port (nf_nat_core.c, get_unique_tuple → nf_nat_used_tuple). The earlier one may be
 * another client's with the same port number, one whose own port `snat` had changed, or the
 * same client's from the same port whose entry was still closing (a SYN kills only an entry in
 * TIME_WAIT: nf_conntrack_proto_tcp.c). The ids
 * of the requests where that must happen, from what each request's server saw.
 */
export function snatPortTaken(real: readonly RealRecord[]): Set<number> {
  const port = (h: Header | null | undefined) => h?.src.slice(h.src.lastIndexOf(':') + 1);
  const seen = (r: RealRecord) => port(r.hops.find((h) => h.node === r.server && h.dir === 'request')?.in);
  const out = new Set<number>();
  const sorted = [...real].sort((a, b) => a.at - b.at);
  sorted.forEach((r, i) => {
    if (!r.server) return;
    const mine = port(r.hops[0]?.out);
    for (let j = 0; j < i; j++) {
      const q = sorted[j]!;
      if (q.server === r.server && r.at - q.at < CONNTRACK_TIME_WAIT_MS && seen(q) === mine) out.add(r.id);
    }
  });
  return out;
}

/**
 * The requests the engine's own records show will clash in full NAT's `snat` (see
 * snatPortTaken): an earlier request of another client with the same port went to the same
 * server within TIME_WAIT's 120 s. It cannot foresee a clash with a port `snat` itself chose for
 * an earlier connection (overload.json: one of about 50); snatPortTaken, from what the servers
 * saw, names those too.
 */
export function snatPortClashes(records: readonly RequestRecord[]): Set<number> {
  const port = (r: RequestRecord) => r.hops[0]?.out?.src.split(':')[1];
  const out = new Set<number>();
  records.forEach((r, i) => {
    if (!r.server) return;
    for (let j = 0; j < i; j++) {
      const q = records[j]!;
      if (q.server === r.server && q.client !== r.client && port(q) === port(r) && r.at - q.at < CONNTRACK_TIME_WAIT_MS) out.add(r.id);
    }
  });
  return out;
}

/**
 * The requests whose port the engine's own full NAT changed (src/sim/ports.ts: the tuple was
 * held by a connection still open in its run), and those snatPortClashes foresees: whether the
 * earlier connection is still open, or still in TIME_WAIT, for real is a matter of timing.
 */
export function enginePortRenames(vip: string, records: readonly RequestRecord[]): Set<number> {
  const sent = (r: RequestRecord) => `${vip}:${r.hops[0]?.out?.src.split(':')[1]}`;
  const renamed = records.filter((r) => r.hops[1]?.out && r.hops[1].out.src !== sent(r)).map((r) => r.id);
  return new Set([...renamed, ...snatPortClashes(records)]);
}

/**
 * In L7, the requests where nginx's passive checks and the engine's active ones part over a
 * failed server: from fail_timeout after it failed, nginx tries it again (one refused connect,
 * then the next server: ngx_http_upstream_get_peer, max_fails/fail_timeout), which the
 * engine's health checks never do; and after it is back, each brings it in at its own moment
 * (nginx at its next try, the engine after `rise` passing checks), so the turns that follow
 * differ. Which server, and the hops; never the outcome or the status.
 */
export function passiveCheckParting(
  s: { mode: string; passive: { failTimeoutMs: number }; events: readonly { at: number; action: string; target?: string }[] },
  records: readonly RequestRecord[],
): Set<number> {
  if (s.mode !== 'L7') return new Set();
  const fails = s.events.filter((e) => e.action === 'fail' && e.target !== undefined && !/^lb\d$/.test(e.target));
  if (!fails.length) return new Set();
  const from = fails.reduce((m, e) => Math.min(m, e.at + s.passive.failTimeoutMs), Infinity);
  return new Set(records.filter((r) => r.at >= from - 100).map((r) => r.id));
}
