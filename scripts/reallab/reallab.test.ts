import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulateRun } from '../../src/sim/engine.ts';
import { parseScenario, type Scenario } from '../../src/sim/scenario.ts';
import { differences, knownDifference } from './compare.ts';
import { missingForLab } from './netns.ts';
import { plan, runRealLab, unsupported } from './realLab.ts';

const example = (name: string): Scenario => scenario(JSON.parse(readFileSync(`src/scenarios/${name}`, 'utf8')));
function scenario(input: unknown): Scenario {
  const p = parseScenario(input);
  if (!p.ok) throw new Error(p.problem.en);
  return p.scenario;
}
const namespaces = () => execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' });

describe('the real lab: L4 through the Linux kernel NAT (nftables dnat + snat, conntrack)', () => {
  it('has what it needs (root, iproute2, nftables)', () => {
    expect(missingForLab()).toBeNull();
  });

  it('round robin: every request reaches the same server as in the engine, with the same addresses at every hop', async () => {
    const s = example('round-robin-turns.json');
    const real = await runRealLab(s);
    expect(real.map((r) => r.server)).toEqual(['s1', 's2', 's3', 's1', 's2', 's3']);
    expect(differences(simulateRun(s).records, real)).toEqual([]);
    // The server saw the VIP with the client's own port: full NAT keeps a unique source port.
    const hop = real[0]!.hops[2]!;
    expect(hop.in?.src).toBe(`198.51.100.1:${real[0]!.hops[0]!.out!.src.split(':')[1]}`);
    expect(namespaces()).not.toContain(`lbl${process.pid}`);
  });

  it("generated load, and the servers seeing the balancer's own address: still no difference", async () => {
    const s = scenario({
      seed: 5,
      network: { natSource: 'balancer' },
      servers: [{ name: 's1' }, { name: 's2' }],
      load: { clients: 4, ratePerSec: 20, durationMs: 1000, serviceMs: 5 },
    });
    const engine = simulateRun(s).records;
    expect(engine.length).toBeGreaterThan(10);
    const real = await runRealLab(s);
    expect(real.every((r) => r.hops[2]?.in?.src.startsWith('10.0.0.2:'))).toBe(true);
    expect(differences(engine, real)).toEqual([]);
  });

  it("weighted round robin: the same shares, in the kernel's order, a difference the docs name", async () => {
    const s = example('weighted-round-robin.json');
    const engine = simulateRun(s).records;
    const real = await runRealLab(s);
    const shares = (list: readonly { server: string | null }[]) => {
      const n: Record<string, number> = {};
      for (const r of list) n[r.server ?? 'none'] = (n[r.server ?? 'none'] ?? 0) + 1;
      return n;
    };
    // A whole number of cycles of the weights gives the same shares either way.
    const cycle = s.servers.reduce((m, x) => m + x.weight, 0);
    const whole = Math.floor(engine.length / cycle) * cycle;
    expect(whole).toBeGreaterThan(0);
    expect(shares(real.slice(0, whole))).toEqual(shares(engine.slice(0, whole)));
    expect(knownDifference(s)).toMatch(/smooth order/);
  });

  it('says why it cannot run a scenario yet', () => {
    const l7 = scenario({ mode: 'L7', servers: [{ name: 's1' }], requests: [{ at: 0, client: '203.0.113.10' }] });
    expect(unsupported(l7, 1, 0)).toMatch(/L4 scenarios/);
    const failing = scenario({
      servers: [{ name: 's1' }, { name: 's2' }],
      requests: [{ at: 0, client: '203.0.113.10' }],
      events: [{ at: 500, action: 'fail', target: 's1' }],
    });
    expect(unsupported(failing, plan(failing).length, 0)).toMatch(/does not replay events yet \("fail" at 500 ms\)/);
    expect(unsupported(example('round-robin-turns.json'), 1000, 0)).toMatch(/at most 300/);
  });
});
