/**
 * The order of IPVS's destination list, which rr, wrr, lc's and wlc's ties and sh's bucket
 * table all follow. __ip_vs_update_dest (net/netfilter/ipvs/ip_vs_ctl.c) links each new dest
 * with `list_add_rcu(&dest->n_list, &svc->destinations)`: at the FRONT. keepalived adds a
 * virtual_server's real_servers in config order (init_service_rs, keepalived/check/ipwrapper.c),
 * so IPVS holds them last-first; a server removed (keepalived's default on a failed check) and
 * added back goes to the front again.
 *
 * The lab keeps IPVS's list in the page's order (s1, s2, s3), so that round robin's first
 * request goes to the first server, as the notes say. A keepalived export must therefore list
 * the real_servers last-first (keepalivedRealServerOrder), and say so in a comment.
 */

/** The list IPVS holds after adding these dests one by one: each went to the front. */
export function ipvsListAfterAdds<T>(added: readonly T[]): T[] {
  return [...added].reverse();
}

/** The lab's IPVS list: the page's servers, in the page's order. */
export function ipvsListFromPage<T>(servers: readonly T[]): T[] {
  return [...servers];
}

/** The config order of real_servers that makes IPVS hold the page's order: last-first. */
export function keepalivedRealServerOrder<T>(servers: readonly T[]): T[] {
  return [...servers].reverse();
}

/** A dest added (or added back) to the list: at the front, as list_add_rcu puts it. */
export function ipvsAddDest<T>(list: readonly T[], dest: T): T[] {
  return [dest, ...list];
}
