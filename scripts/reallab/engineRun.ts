import { collectRun, Simulation, type RunResult } from '../../src/sim/engine.ts';
import type { Scenario } from '../../src/sim/scenario.ts';

/**
 * The engine's run, with each request's service time as the engine drew it: generated load
 * draws one from an exponential around `load.serviceMs` (src/sim/traffic.ts), and the records
 * keep only when the server received and answered, which includes the wait in its accept queue
 * and the division by its speed. The real server must work the drawn time (divided by its own
 * speed), so it is taken where the engine hands each request to its client.
 */
export function engineRun(s: Scenario): RunResult & { serviceMs: Map<number, number> } {
  const { out, options } = collectRun();
  const sim = new Simulation(s, { ...options, record: true });
  const serviceMs = new Map<number, number>();
  const send = sim.clientSend.bind(sim);
  sim.clientSend = (spec) => {
    send(spec);
    // A request without an id of its own takes the next one (engine.ts, clientSend).
    serviceMs.set(spec.id || sim.lastId, spec.serviceMs);
  };
  sim.run();
  out.overrun = sim.overrun;
  out.records.sort((a, b) => a.id - b.id);
  return { ...out, serviceMs };
}
