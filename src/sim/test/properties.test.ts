import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../engine.ts';
import type { RequestRecord } from '../types.ts';
import { scenarioArb, serversArb } from './arbitraries.ts';
import { INSTANT, run, scenarioOf } from './helpers.ts';

const VIP = '198.51.100.1';

describe('engine properties over random scenarios', () => {
  it('the same scenario and seed give an identical trace', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        expect(JSON.stringify(run(s))).toBe(JSON.stringify(run(s)));
      }),
      { numRuns: 150 },
    );
  });

  it('every request ends exactly once', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const seen: number[] = [];
        const sim = new Simulation(scenarioOf(s), { onRecord: (r) => seen.push(r.id) });
        sim.run();
        expect(seen.sort((a, b) => a - b)).toEqual(s.requests.map((_, i) => i + 1));
        expect(sim.stats.finished).toBe(s.requests.length);
        expect(Object.values(sim.stats.outcomes).reduce((a, b) => a + b, 0)).toBe(s.requests.length);
        expect(sim.inFlight()).toEqual([]);
        expect(sim.balancers.every((b) => b.conntrack.size === 0)).toBe(true);
        expect(sim.balancers.every((b) => b.upstreams.every((u) => u.peers.every((p) => p.conns === 0)))).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('the client only ever sees the VIP; a server never sees the VIP as destination', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        for (const r of run(s)) {
          for (const h of r.hops) {
            if (h.node === 'client' && h.in) expect(h.in.src).toBe(`${VIP}:80`);
            if (h.node === 'client' && h.out) expect(h.out.dst).toBe(`${VIP}:80`);
            if (h.node.startsWith('s') && h.in) {
              expect(h.in.dst.startsWith(`${VIP}:`)).toBe(false);
              expect(h.in.dst).toBe(r.nat!.server);
            }
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('weighted round robin shares over full cycles match the weights exactly', () => {
    fc.assert(
      fc.property(serversArb, fc.integer({ min: 1, max: 4 }), (servers, cycles) => {
        const total = servers.reduce((a, s) => a + s.weight, 0);
        const recs = run({
          algorithm: 'weighted-round-robin',
          servers,
          network: INSTANT,
          requests: Array.from({ length: total * cycles }, (_, i) => ({ at: i, client: '10.1.1.1', serviceMs: 0.5 })),
        });
        for (const s of servers) {
          expect(recs.filter((r) => r.server === s.name)).toHaveLength(s.weight * cycles);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('least connections never picks a peer above another eligible peer in conns/weight', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const recs: RequestRecord[] = run({ ...s, algorithm: 'least-connections', events: [] });
        for (const r of recs) {
          const d = r.decision!;
          const chosen = d.before.find((p) => p.name === d.chosen);
          if (!chosen || d.path === 'single') continue;
          const skipped = new Set(d.skipped.map((x) => x.name));
          for (const p of d.before) {
            if (skipped.has(p.name)) continue;
            expect(chosen.conns * p.weight).toBeLessThanOrEqual(p.conns * chosen.weight);
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
