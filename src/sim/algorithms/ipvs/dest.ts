/**
 * What IPVS's schedulers read of a real server (`struct ip_vs_dest`, include/net/ip_vs.h), and
 * what they answer. Read from Linux's source in a 2025 mainline mirror, Kingxukai/linux (its
 * Makefile at 211bbf8a5d49 says 6.17-rc3): ip_vs_wrr.c, ip_vs_lc.c and include/linux/hash.h at
 * 0291023e7330, ip_vs_rr.c, ip_vs_wlc.c and ip_vs_sh.c at 9b44fff655e2; checked against older
 * torvalds/linux copies (ip_vs_wrr.c 08cb2d032f13, ip_vs_rr.c 02b5a6031ba7, ip_vs_wlc.c
 * 0b3831496a6a, ip_vs_sh.c 033d777f5486), whose logic is the same except sh's hash (sh.ts).
 *
 * The lab copies facts from that source, never its code (GPL): each file cites the function. */
export interface IpvsDest {
  /** The lab's server name (the dest's address:port in the kernel). */
  readonly id: string;
  /** `dest->weight`: 0 quiesces the server (no new connections; its open ones go on). */
  readonly weight: number;
  /** `IP_VS_DEST_F_OVERLOAD`: set while the dest is at its upper connection threshold. */
  readonly overloaded: boolean;
  /** `dest->activeconns`: connections in ESTABLISHED. */
  readonly activeConns: number;
  /**
   * `dest->inactconns`: every other state (SYN_RECV, FIN_WAIT, TIME_WAIT…). A new connection
   * starts here: __ip_vs_update_dest gives the dest's conn_flags IP_VS_CONN_F_INACTIVE, and
   * ip_vs_bind_dest counts it inactive until the TCP state machine reaches ESTABLISHED.
   */
  readonly inactConns: number;
}

/**
 * The kernel's names: the lab's algorithm names map onto these (registry.ts). All five
 * schedulers are modules of their own in net/netfilter/ipvs/ (ip_vs_<name>.c).
 */
export type IpvsSchedulerName = 'rr' | 'wrr' | 'lc' | 'wlc' | 'sh';

/**
 * What ip_vs_scheduler_err (ip_vs_sched.c) logs, rate limited, as
 * "IPVS: <sched>: TCP <vip>:<port> - <message>", when a scheduler returns NULL. The caller
 * (the protocol's conn_schedule) then calls ip_vs_leave (ip_vs_core.c), which answers the
 * client with ICMP port unreachable — for TCP too, as no socket exists to send a RST — and
 * drops the packet (NF_DROP). The client's SYN is not queued anywhere.
 */
export type IpvsSchedulerError = 'no destination available' | 'no destination available: all destinations are overloaded';

/** Why a dest was passed over, in the order the schedulers test it. */
export type IpvsSkip = 'overloaded' | 'weight-0';

export function skipOf(d: IpvsDest): IpvsSkip | null {
  if (d.overloaded) return 'overloaded';
  // The kernel's tests are `weight > 0` (rr, wlc's start), `weight == 0` (lc) and
  // `weight <= 0` (sh): the same for the weights IPVS accepts (ip_vs_add_dest refuses < 0).
  if (d.weight <= 0) return 'weight-0';
  return null;
}

/**
 * ip_vs_dest_conn_overhead (include/net/ip_vs.h): `(activeconns << 8) + inactconns`, an
 * active connection reckoned 256 times the cost of an inactive one. (ip_vs_lc.c's comment
 * still says `<< 5`; the code calls this function.) Written as a product: the lab's counts are
 * far below 2^23, where the kernel's `int` shift would overflow.
 */
export function connOverhead(d: IpvsDest): number {
  return d.activeConns * 256 + d.inactConns;
}

/**
 * The kernel calls a scheduler's add_dest, del_dest or upd_dest (ip_vs_ctl.c) after every
 * change of the list or of a weight; the lab calls the scheduler's destChanged the same way,
 * with the lists before and after.
 */
export interface IpvsDestChange {
  readonly kind: 'add' | 'del' | 'upd';
  readonly id: string;
  readonly before: readonly IpvsDest[];
}
