import { freshHealth } from './balancer.ts';
import type { Simulation } from './engine.ts';
import { clientList, DEFAULT_SERVICE_MS, serverConfig, type ScenarioEvent } from './scenario.ts';
import { setServerFailed } from './servers.ts';
import { failBalancer, restoreBalancer } from './vrrp.ts';

/** What a scenario event (or a user's action while running) does to the simulation. */
export function applyScenarioEvent(sim: Simulation, e: ScenarioEvent): void {
  const server = (name: string) => sim.servers.findIndex((s) => s.config.name === name);
  switch (e.action) {
    case 'set-algorithm':
      sim.algorithm = e.algorithm;
      break;
    case 'set-weight':
      sim.servers[server(e.target)]!.weight = e.weight;
      break;
    case 'add-server': {
      const i = server(e.server.name);
      if (i >= 0) sim.servers[i]!.member = true;
      else {
        const config = serverConfig(e.server, sim.servers.length);
        sim.servers.push({
          config,
          member: true,
          weight: config.weight,
          failed: false,
          busy: 0,
          queue: [],
          sessions: new Set(),
        });
        sim.stats.served.push(0);
        for (const b of sim.balancers) b.health.push(freshHealth(sim.scenario.healthCheck?.rise ?? 1));
      }
      break;
    }
    case 'remove-server':
      sim.servers[server(e.target)]!.member = false;
      break;
    case 'set-load': {
      const { load, endMs } = sim.traffic.currentLoad();
      sim.traffic.setLoad(
        sim.now,
        {
          clients: e.clients === undefined ? (load?.clients ?? clientList(1)) : clientList(e.clients),
          ratePerSec: e.ratePerSec ?? load?.ratePerSec ?? 1,
          durationMs: 0,
          serviceMs: e.serviceMs ?? load?.serviceMs ?? DEFAULT_SERVICE_MS,
          paths: load?.paths ?? ['/'],
        },
        e.durationMs !== undefined ? sim.now + e.durationMs : load ? endMs : sim.now + 60_000,
      );
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
      const lb = e.target === 'lb1' ? 0 : e.target === 'lb2' ? 1 : -1;
      if (lb >= 0) {
        if (e.action === 'fail') failBalancer(sim, lb);
        else restoreBalancer(sim, lb);
      } else {
        setServerFailed(sim, server(e.target), e.action === 'fail');
      }
      return;
    }
  }
  sim.reloadAll();
}
