/**
 * How an L4 balancer hands a connection to its server: IPVS's forwarding methods (keepalived's
 * `lb_kind`, ipvsadm's -m/-g/-i), and full NAT, the lab's default, which is IPVS's
 * masquerading with a source NAT added (as kube-proxy's IPVS mode does). Read from Linux's
 * net/netfilter/ipvs/ip_vs_xmit.c (ip_vs_nat_xmit, ip_vs_dr_xmit, ip_vs_tunnel_xmit) and
 * keepalived's check/ipvswrapper.c. L7 is always a proxy: it opens its own connection.
 *
 * This is the engine's half of each mode; the drawing, the export and the real lab keep their
 * own halves in registries keyed by the same names (`satisfies Record<Forwarding, …>`).
 */
export const FORWARDINGS = ['full-nat', 'nat', 'dr', 'tun'] as const;
export type Forwarding = (typeof FORWARDINGS)[number];

export interface ForwardingMode {
  /** keepalived's `lb_kind` (full NAT is NAT plus an SNAT rule the export writes). */
  readonly lbKind: 'NAT' | 'DR' | 'TUN';
  /** The balancer rewrites the source to itself (or the VIP): the server never sees the client. */
  readonly snat: boolean;
  /** The destination address and port are rewritten to the server's (NAT); else they stay the VIP's. */
  readonly dnat: boolean;
  /** The answer goes back through the balancer; false: the server answers the client itself. */
  readonly answerViaBalancer: boolean;
  /** Where on the balancer's outgoing header the server's address is carried. */
  readonly carries: 'ip' | 'mac' | 'outer';
  /** The notes' layer for a balancer of this kind. */
  readonly layer: 2 | 3 | 4;
}

export const FORWARDING = {
  'full-nat': { lbKind: 'NAT', snat: true, dnat: true, answerViaBalancer: true, carries: 'ip', layer: 4 },
  nat: { lbKind: 'NAT', snat: false, dnat: true, answerViaBalancer: true, carries: 'ip', layer: 4 },
  dr: { lbKind: 'DR', snat: false, dnat: false, answerViaBalancer: false, carries: 'mac', layer: 2 },
  tun: { lbKind: 'TUN', snat: false, dnat: false, answerViaBalancer: false, carries: 'outer', layer: 3 },
} as const satisfies Record<Forwarding, ForwardingMode>;

/**
 * A node's Ethernet address, made from its IPv4 address so a student can tell whose it is:
 * 02:00 (locally administered, unicast) then the four octets in hex. 10.0.0.11 → 02:00:0a:00:00:0b.
 * The real lab gives its interfaces the same addresses.
 */
export function macOf(ip: string): string {
  const hex = ip.split('.').map((o) => Number(o).toString(16).padStart(2, '0'));
  return ['02', '00', ...hex].join(':');
}

/** The port a server listens on when the scenario gives none: the VIP's where nothing translates ports. */
export function samePortOf(forwarding: Forwarding, vipPort: number): number | undefined {
  return FORWARDING[forwarding].dnat ? undefined : vipPort;
}
