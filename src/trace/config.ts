import type { Algorithm } from '../sim/algorithms/pick.ts';
import { clientList, type Scenario, type ServerConfig } from '../sim/scenario.ts';
import { allServers } from '../sim/topology.ts';

/** The balancer's configuration in force at time t: the scenario with its events up to t applied. */
export interface ConfigAt {
  algorithm: Algorithm;
  /** Every server the run ever has (listed and added), with its weight at t and membership. */
  servers: (ServerConfig & { member: boolean })[];
  clients: string[];
  ratePerSec: number | null;
}

export function configAt(s: Scenario, t: number): ConfigAt {
  let algorithm = s.algorithm;
  const servers = allServers(s).map((x) => ({ ...x, member: s.servers.includes(x) }));
  let clients = s.load?.clients ?? [];
  let ratePerSec = s.load?.ratePerSec ?? null;
  for (const e of s.events) {
    if (e.at > t) break;
    const server = 'target' in e ? servers.find((x) => x.name === e.target) : undefined;
    switch (e.action) {
      case 'set-algorithm': algorithm = e.algorithm; break;
      case 'set-weight': if (server) server.weight = e.weight; break;
      case 'remove-server': if (server) server.member = false; break;
      case 'add-server': {
        const added = servers.find((x) => x.name === e.server.name);
        if (added) added.member = true;
        break;
      }
      case 'set-load':
        if (e.clients !== undefined) clients = clientList(e.clients);
        if (e.ratePerSec !== undefined) ratePerSec = e.ratePerSec;
        break;
      case 'request': break;
    }
  }
  return { algorithm, servers, clients, ratePerSec };
}

