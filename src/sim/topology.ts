import type { Scenario, ServerConfig } from './scenario.ts';
import { clientList, serverConfig } from './defaults.ts';
import { samePortOf } from './forwarding.ts';
import { balancerAt, clientNodeId, DNS_NODE } from './nodes.ts';

/** The machines a scenario puts on the network, with their addresses, for any view to draw. */
export type NodeKind = 'client' | 'dns' | 'balancer' | 'server';

export interface TopologyNode {
  id: string;
  kind: NodeKind;
  /** The address this node is known by: a client's, a server's ip:port, a balancer's inside ip. */
  address: string;
}

export interface Topology {
  clients: TopologyNode[];
  dns: TopologyNode;
  balancers: TopologyNode[];
  servers: TopologyNode[];
  vip: string;
  serviceName: string;
}

/** Distinct client addresses in the order they first appear. */
export function clientAddresses(s: Scenario): string[] {
  const list = [...(s.requests ?? []).map((r) => r.client), ...(s.load?.clients ?? [])];
  for (const e of s.events) {
    if (e.action === 'request') list.push(e.client);
    // A loop, not push(...list): a long list spread into a call can overflow the stack.
    if (e.action === 'set-load' && e.clients !== undefined) for (const c of clientList(e.clients)) list.push(c);
  }
  return [...new Set(list)];
}

/** Every server the run ever has: the listed ones, then those its events add. */
export function allServers(s: Scenario): ServerConfig[] {
  const servers = [...s.servers];
  for (const e of s.events) {
    if (e.action === 'add-server' && !servers.some((x) => x.name === e.server.name)) {
      servers.push(serverConfig(e.server, servers.length, samePortOf(s.forwarding, s.network.vipPort)));
    }
  }
  return servers;
}

/**
 * The servers' default gateway where their answers must come back through the balancer: an
 * inside address that floats with the VIP (both in one VRRP instance), so after a failover the
 * answers reach the new master. The first free host of the balancers' /24 (.1 unless a balancer
 * or a server holds it). The keepalived export adds it to `virtual_ipaddress`; the real lab's
 * pair of balancers (scripts/reallab/pairNetwork.ts) routes the servers through it.
 */
export function insideGateway(s: Scenario): string {
  const net = s.network.balancerIps[0].split('.').slice(0, 3).join('.');
  const taken = new Set<string>([...s.network.balancerIps, ...allServers(s).map((x) => x.ip)]);
  for (let host = 1; host < 255; host++) if (!taken.has(`${net}.${host}`)) return `${net}.${host}`;
  return `${net}.254`;
}

/**
 * Whether the servers' answers must reach the VIP's holder by routing, through insideGateway:
 * L4 LVS-NAT (they answer the client itself) and full NAT with the VIP as the source the servers
 * see. Not where they answer a balancer's own address, an L7 proxy, or the client directly (dr, tun).
 */
export function answersViaGateway(s: Scenario): boolean {
  return s.mode === 'L4' && (s.forwarding === 'nat' || (s.forwarding === 'full-nat' && s.network.natSource === 'vip'));
}

export function topologyOf(s: Scenario): Topology {
  const net = s.network;
  return {
    clients: clientAddresses(s).map((ip) => ({ id: clientNodeId(ip), kind: 'client', address: ip })),
    dns: { id: DNS_NODE, kind: 'dns', address: net.serviceName },
    balancers: net.balancerIps.map((ip, i) => ({ id: balancerAt(i), kind: 'balancer', address: ip })),
    servers: allServers(s).map((x) => ({ id: x.name, kind: 'server', address: `${x.ip}:${x.port}` })),
    vip: `${net.vip}:${net.vipPort}`,
    serviceName: net.serviceName,
  };
}
