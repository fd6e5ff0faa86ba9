/**
 * The one vocabulary for naming the machines on the network. Two id schemes meet here:
 *
 * - a hop in a record names its node as the engine does: `"client"`, `"dns"`, `"lb1"`, `"lb2"`
 *   or a server's name (`"s2"`);
 * - the drawing tells clients apart, so it names one `"client:<ip>"` (topology.ts).
 *
 * Every helper accepts either scheme. Server names can never be `client`, `dns`, `lb1` or `lb2`
 * (the scenario schema refuses them: RESERVED_NAMES), so the tests below cannot confuse them.
 */

/** The two balancers, primary first, as hops, records, events and VRRP records name them. */
export const BALANCERS = ['lb1', 'lb2'] as const;
export type BalancerName = (typeof BALANCERS)[number];

/** How a hop names the client that sent the request, and the DNS server. */
export const CLIENT_NODE = 'client';
export const DNS_NODE = 'dns';

/** Names a server may not take: the other nodes use them. */
export const RESERVED_NAMES: ReadonlySet<string> = new Set([CLIENT_NODE, DNS_NODE, ...BALANCERS]);

const CLIENT_PREFIX = 'client:';

export function isBalancer(node: string): node is BalancerName {
  return node === 'lb1' || node === 'lb2';
}

/** A client in either scheme: `"client"` in a hop, `"client:<ip>"` in the drawing. */
export function isClient(node: string): boolean {
  return node === CLIENT_NODE || node.startsWith(CLIENT_PREFIX);
}

export function isDns(node: string): boolean {
  return node === DNS_NODE;
}

/** A backend server: any node that is not a client, the DNS server or a balancer. */
export function isServer(node: string): boolean {
  return !isClient(node) && !isDns(node) && !isBalancer(node);
}

/** The balancer at this index of BALANCERS (0 is the primary). */
export function balancerAt(index: number): BalancerName {
  return index === 1 ? 'lb2' : 'lb1';
}

/** 0 for lb1, 1 for lb2. */
export function balancerIndex(name: BalancerName): 0 | 1 {
  return name === 'lb2' ? 1 : 0;
}

export function otherBalancer(name: BalancerName): BalancerName {
  return name === 'lb1' ? 'lb2' : 'lb1';
}

/** The drawing's id for the client at this address. */
export function clientNodeId(ip: string): string {
  return `${CLIENT_PREFIX}${ip}`;
}

/** The address in a drawing's client id (`"client:203.0.113.10"` → `"203.0.113.10"`), or null. */
export function clientIpOf(node: string): string | null {
  return node.startsWith(CLIENT_PREFIX) ? node.slice(CLIENT_PREFIX.length) : null;
}
