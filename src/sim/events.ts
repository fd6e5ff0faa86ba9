import { assertNever } from './assertNever.ts';
import type { Simulation } from './engine.ts';
import { addServerHealth } from './health.ts';
import { roundToMicros } from './flow.ts';
import { samePortOf } from './forwarding.ts';
import { balancerIndex, isBalancer } from './nodes.ts';
import { clientList, DEFAULT_SERVICE_MS, serverConfig, type ScenarioEvent } from './scenario.ts';
import { newServerState, setServerFailed } from './servers.ts';
import type { ConfigSetting } from './types.ts';
import { failBalancer, restoreBalancer } from './vrrp.ts';

/**
 * What a scenario event (or a user's action while running) does to the simulation: the one
 * place that says it. Each change of configuration is also recorded (`onConfig`), so views
 * replay the records and never interpret the events again.
 */
export function applyScenarioEvent(sim: Simulation, e: ScenarioEvent): void {
  const server = (name: string) => sim.servers.findIndex((s) => s.config.name === name);
  const record = (setting: ConfigSetting) => sim.options.onConfig?.({ at: roundToMicros(sim.now), ...setting });
  switch (e.action) {
    case 'set-algorithm':
      sim.algorithm = e.algorithm;
      record({ kind: 'algorithm', algorithm: e.algorithm });
      break;
    case 'set-weight':
      sim.servers[server(e.target)]!.weight = e.weight;
      record({ kind: 'weight', server: e.target, weight: e.weight });
      break;
    case 'add-server': {
      const i = server(e.server.name);
      if (i >= 0) sim.servers[i]!.member = true;
      else {
        sim.servers.push(
          newServerState(serverConfig(e.server, sim.servers.length, samePortOf(sim.scenario.forwarding, sim.scenario.network.vipPort))),
        );
        sim.stats.served.push(0);
        addServerHealth(sim);
      }
      record({ kind: 'member', server: e.server.name, member: true });
      break;
    }
    case 'remove-server':
      sim.servers[server(e.target)]!.member = false;
      record({ kind: 'member', server: e.target, member: false });
      break;
    case 'set-load': {
      const { load, endMs } = sim.traffic.currentLoad();
      const clients = e.clients === undefined ? (load?.clients ?? clientList(1)) : clientList(e.clients);
      const ratePerSec = e.ratePerSec ?? load?.ratePerSec ?? 1;
      sim.traffic.setLoad(
        sim.now,
        {
          clients,
          ratePerSec,
          durationMs: 0,
          serviceMs: e.serviceMs ?? load?.serviceMs ?? DEFAULT_SERVICE_MS,
          paths: load?.paths ?? ['/'],
        },
        e.durationMs !== undefined ? sim.now + e.durationMs : load ? endMs : sim.now + 60_000,
      );
      record({ kind: 'load', clients, ratePerSec });
      return;
    }
    case 'request':
      sim.clientSend({
        id: 0,
        at: sim.now,
        client: e.client,
        method: e.method ?? 'GET',
        path: e.path ?? '/',
        serviceMs: e.serviceMs ?? sim.traffic.currentLoad().load?.serviceMs ?? DEFAULT_SERVICE_MS,
      });
      return;
    case 'fail':
    case 'restore': {
      const failed = e.action === 'fail';
      if (isBalancer(e.target)) {
        const lb = balancerIndex(e.target);
        if (failed) failBalancer(sim, lb);
        else restoreBalancer(sim, lb);
      } else {
        setServerFailed(sim, server(e.target), failed);
      }
      record({ kind: 'failed', node: e.target, failed });
      return;
    }
    default:
      return assertNever(e, 'scenario action');
  }
  sim.reloadAll();
}
