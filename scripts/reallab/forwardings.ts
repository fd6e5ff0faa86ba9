import type { Forwarding } from '../../src/sim/forwarding.ts';
import type { Scenario, ServerConfig } from '../../src/sim/scenario.ts';
import { buildDirectNetwork, drRules, tunnelling } from './directNetwork.ts';
import { buildInPathNetwork, natRules, replayedDnatRules, replayedFullNatRules, type LabNetwork, type Replayed } from './l4Network.ts';
import type { Namespaces } from './netns.ts';

/**
 * The real lab's half of each forwarding mode (src/sim/forwarding.ts holds the engine's): how
 * lb1 is built from the kernel's own parts, since IPVS is not in this kernel. Full NAT picks on
 * its own with nftables, as the lab always has; the other modes replay the engine's picks,
 * connection by connection, so what they hold against the engine is the forwarding (who
 * rewrites what, which way the answer goes), not IPVS's scheduler.
 */
export interface RealForwarding {
  /** Who chooses each connection's server on lb1. */
  readonly picks: 'nftables' | 'replayed';
  /** Programs the mode needs beyond the lab's own, with their Debian packages. */
  readonly needs: readonly (readonly [command: string, pkg: string])[];
  build(
    ns: Namespaces,
    s: Scenario,
    clients: readonly string[],
    servers: readonly ServerConfig[],
    replay: readonly Replayed[],
  ): Promise<LabNetwork>;
}

export const REAL_FORWARDING = {
  'full-nat': {
    picks: 'nftables',
    needs: [],
    async build(ns, s, clients, servers, replay) {
      const net = buildInPathNetwork(ns, s, clients, servers);
      ns.exec(net.lb, 'nft', ['-f', '-'], replaysPicks(s) ? replayedFullNatRules(s, replay) : natRules(s, servers));
      return net;
    },
  },
  nat: {
    picks: 'replayed',
    needs: [],
    async build(ns, s, clients, servers, replay) {
      const net = buildInPathNetwork(ns, s, clients, servers);
      ns.exec(net.lb, 'nft', ['-f', '-'], replayedDnatRules(s, replay));
      return net;
    },
  },
  dr: {
    picks: 'replayed',
    needs: [],
    async build(ns, s, clients, servers, replay) {
      const net = buildDirectNetwork(ns, s, clients, servers);
      ns.exec(net.lb, 'nft', ['-f', '-'], drRules(s, replay));
      return net;
    },
  },
  tun: {
    picks: 'replayed',
    // The ipip driver's stand-in (tunnel.ts) is a short Python program.
    needs: [['python3', 'python3']],
    async build(ns, s, clients, servers, replay) {
      const net = buildDirectNetwork(ns, s, clients, servers);
      await tunnelling(ns, net, s, servers, replay);
      return net;
    },
  },
} as const satisfies Record<Forwarding, RealForwarding>;

/**
 * Full NAT replays the engine's picks too where nftables cannot pick as IPVS does: least
 * connections, weighted or not (nftables keeps no connection counts), persistence (no
 * templates), and any run whose servers or configuration change on the way (IPVS's scheduler
 * carries its state across an edit; a new nftables ruleset starts its counter afresh, and it has
 * no health checks to take a failed server out). It keeps nftables' own picks otherwise.
 */
export function replaysPicks(s: Scenario): boolean {
  if (s.mode !== 'L4') return false;
  if (REAL_FORWARDING[s.forwarding].picks === 'replayed') return true;
  const noPick = (a: Scenario['algorithm']) => a === 'least-connections' || a === 'weighted-least-connections';
  return noPick(s.algorithm) || s.persistenceTimeoutMs > 0 || s.events.some((e) => e.action !== 'set-load' && e.action !== 'request');
}

/** Who picks in this scenario's real lab: nginx in L7, else as the forwarding mode and the scenario say. */
export const pickerOf = (s: Scenario): 'nginx' | RealForwarding['picks'] =>
  s.mode === 'L7' ? 'nginx' : replaysPicks(s) ? 'replayed' : 'nftables';

/** What a real lab run needs besides the lab's own programs: its mode's; with no scenario, every mode's. */
export function needsOf(s?: Scenario): (readonly [command: string, pkg: string])[] {
  if (s?.mode === 'L7') return [];
  const modes: readonly RealForwarding[] = s ? [REAL_FORWARDING[s.forwarding]] : Object.values(REAL_FORWARDING);
  return modes.flatMap((m) => [...m.needs]);
}
