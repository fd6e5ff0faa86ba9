import { Simulation } from '/work/main/src/sim/engine.ts';
import { parseScenario } from '/work/main/src/sim/scenario.ts';
const r = parseScenario({ seed: 1, algorithm: 'round-robin', servers: [1,2,3,4].map(i=>({name:`s${i}`, weight:i, concurrency:1000})), load: { clients: 200, ratePerSec: 100000, durationMs: 20000, serviceMs: 5 } });
if (!r.ok) throw 0;
const t0 = performance.now();
const sim = new Simulation(r.scenario, { record: false }); sim.run();
console.log(sim.stats.finished / ((performance.now()-t0)/1000));
