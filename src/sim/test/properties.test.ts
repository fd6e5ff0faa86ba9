import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../engine.ts';
import { FORWARDING, macOf } from '../forwarding.ts';
import type { RequestRecord } from '../types.ts';
import { asL7, scenarioArb, serversArb } from './arbitraries.ts';
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

  it('the client only ever sees the VIP; a server sees the VIP as destination only where nothing rewrites it (dr, tun)', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const mode = FORWARDING[s.forwarding];
        for (const r of run(s)) {
          for (const h of r.hops) {
            if (h.node === 'client' && h.in) expect(h.in.src).toBe(`${VIP}:80`);
            if (h.node === 'client' && h.out) expect(h.out.dst).toBe(`${VIP}:80`);
            if (h.node.startsWith('s') && h.in) {
              if (mode.dnat) {
                expect(h.in.dst.startsWith(`${VIP}:`)).toBe(false);
                expect(h.in.dst).toBe(r.nat!.server);
              } else {
                // Direct routing and tunnelling: the packet still says client → VIP; the MAC or
                // the outer header carries the server's address (ip_vs_dr_xmit, ip_vs_tunnel_xmit).
                expect(h.in.dst).toBe(`${VIP}:80`);
                expect(h.in.src).toBe(r.nat!.client);
                const carried = mode.carries === 'mac' ? h.in.mac?.dst : h.in.outer?.dst;
                expect(carried).toBe(mode.carries === 'mac' ? macOf(r.nat!.server.split(':')[0]!) : r.nat!.server.split(':')[0]);
              }
              if (!mode.snat) expect(h.in.src).toBe(r.nat!.client);
            }
            // The answer skips the balancer where the server answers the client itself (IPVS's own
            // ICMP, when it had no server, comes from the balancer).
            if (!mode.answerViaBalancer && h.dir === 'response' && r.server !== null) expect(h.node.startsWith('lb')).toBe(false);
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
        const recs: RequestRecord[] = run(asL7({ ...s, algorithm: 'least-connections', events: [] }));
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

  // ip_vs_lc.c and ip_vs_wlc.c: the least (active << 8) + inactive, divided by the weight for
  // wlc; ties go to the first in IPVS's list.
  it.each(['least-connections', 'weighted-least-connections'] as const)(
    'IPVS %s never picks a dest above another in overhead',
    (algorithm) => {
      fc.assert(
        fc.property(scenarioArb, (s) => {
          const recs: RequestRecord[] = run({ ...s, algorithm, events: [] });
          for (const r of recs) {
            const d = r.ipvs;
            if (!d || (d.scheduler !== 'lc' && d.scheduler !== 'wlc') || d.chosen === null) continue;
            const chosen = d.rows.find((x) => x.id === d.chosen)!;
            const weigh = d.scheduler === 'wlc';
            d.rows.forEach((x, i) => {
              if (x.skipped !== null || x.overhead === null) return;
              const a = chosen.overhead! * (weigh ? x.weight : 1);
              const b = x.overhead * (weigh ? chosen.weight : 1);
              expect(a).toBeLessThanOrEqual(b);
              // A tie goes to the first in the list.
              if (a === b) expect(d.rows.findIndex((y) => y.id === d.chosen)).toBeLessThanOrEqual(i);
            });
          }
        }),
        { numRuns: 100 },
      );
    },
  );
});
