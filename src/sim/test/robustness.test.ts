import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PAGE_BUDGET } from '../budget.ts';
import { Simulation, simulateRun } from '../engine.ts';
import { parseScenario } from '../scenario.ts';
import { run, scenarioOf } from './helpers.ts';

const one = [{ name: 's1' }];

describe('timeouts that exist', () => {
  it('L7: a slow but healthy server is given up at proxy_read_timeout, with 504 (nginx, ngx_http_upstream_next)', () => {
    const [r] = run({
      mode: 'L7',
      servers: one,
      timeouts: { readMs: 2000 },
      requests: [{ at: 0, client: '203.0.113.10', serviceMs: 3_600_000 }],
    });
    expect(r).toMatchObject({ outcome: 'timeout', status: 504, server: null });
    expect(r!.doneAt).toBeLessThan(2100);
  });

  it('L7: a timed-out request is tried on the next server (proxy_next_upstream timeout)', () => {
    const recs = run({
      mode: 'L7',
      servers: [{ name: 's1', speed: 0.01 }, { name: 's2' }],
      timeouts: { readMs: 1000 },
      requests: [{ at: 0, client: '203.0.113.10', serviceMs: 50 }],
    });
    expect(recs[0]).toMatchObject({ outcome: 'ok', server: 's2' });
  });

  it('L4: the client gives up at its own timeout; nothing waits five days', () => {
    const [r] = run({
      servers: one,
      timeouts: { clientMs: 30_000 },
      requests: [{ at: 0, client: '203.0.113.10', serviceMs: 3_600_000 }],
    });
    expect(r).toMatchObject({ outcome: 'timeout', status: null });
    expect(r!.doneAt).toBe(30_000);
  });

  it('a request queued behind a one-hour job gives up too, and the queue empties', () => {
    const s = scenarioOf({
      servers: [{ name: 's1', concurrency: 1 }],
      timeouts: { clientMs: 10_000 },
      load: { clients: 1, ratePerSec: 10, durationMs: 10_000, serviceMs: 3_600_000 },
    });
    const sim = new Simulation(s);
    sim.run();
    expect(sim.now).toBeLessThan(30_000);
    expect(sim.stats.outcomes.timeout).toBe(sim.stats.started);
    expect(sim.servers[0]!.queue.length).toBe(0);
  });
});

describe('timers outlive the flows they were set for', () => {
  it('a read timeout armed a minute ago never fires on a request that reused its flow', () => {
    // Every L7 attempt arms proxy_read_timeout (60 s); with quick answers each flow object is
    // reused thousands of times before those timers come due.
    const s = scenarioOf({
      mode: 'L7',
      network: { handshakes: true },
      servers: [{ name: 's1' }, { name: 's2' }, { name: 's3' }],
      load: { clients: 50, ratePerSec: 30, durationMs: 120_000, serviceMs: 40 },
    });
    const r = simulateRun(s);
    expect(r.records.length).toBeGreaterThan(3000);
    expect(r.records.every((x) => x.outcome === 'ok')).toBe(true);
    expect(r.records.flatMap((x) => x.hops.filter((h) => h.drop))).toEqual([]);
  });
});

describe('set-load', () => {
  it('applies from its moment even when no listed request follows it', () => {
    const recs = run({
      servers: one,
      requests: [{ at: 0, client: '203.0.113.10' }],
      events: [{ at: 1000, action: 'set-load', clients: 2, ratePerSec: 20, durationMs: 2000 }],
    });
    const generated = recs.slice(1);
    expect(generated.length).toBeGreaterThan(10);
    expect(generated.every((r) => r.at >= 1000 && r.at <= 3000)).toBe(true);
  });

  it('generated requests leave at their own time, not with the next scheduled one', () => {
    const recs = run({
      servers: one,
      network: { dnsLatencyMs: 0 },
      requests: [
        { at: 0, client: '203.0.113.10' },
        { at: 5000, client: '203.0.113.10' },
      ],
      events: [{ at: 1000, action: 'set-load', clients: ['203.0.113.10'], ratePerSec: 50, durationMs: 1000 }],
    });
    for (const r of recs) expect(r.hops[0]!.at).toBe(r.at);
  });

  it('time never goes backwards, whatever the loads (property)', () => {
    const loadEvent = fc.record({
      at: fc.integer({ min: 0, max: 5000 }),
      action: fc.constant('set-load' as const),
      ratePerSec: fc.integer({ min: 1, max: 50 }),
      durationMs: fc.integer({ min: 1, max: 3000 }),
    });
    fc.assert(
      fc.property(fc.array(loadEvent, { maxLength: 4 }), fc.array(fc.integer({ min: 0, max: 8000 }), { maxLength: 5 }), (events, times) => {
        const s = scenarioOf({
          servers: [{ name: 's1' }, { name: 's2' }],
          requests: [{ at: 0, client: '203.0.113.10' }, ...times.map((at) => ({ at, client: '192.0.2.77' }))],
          events,
        });
        const sim = new Simulation(s, {
          onRecord: (r) => {
            // A request never starts before it was made, nor before the load that made it.
            expect(r.hops[0]?.at ?? r.at).toBeGreaterThanOrEqual(r.at);
            for (let i = 1; i < r.hops.length; i++) expect(r.hops[i]!.at).toBeGreaterThanOrEqual(r.hops[i - 1]!.at);
          },
        });
        let last = 0;
        while (!sim.advance(7)) {
          expect(sim.now).toBeGreaterThanOrEqual(last);
          last = sim.now;
        }
        for (const e of events) {
          const made = sim.stats.started;
          expect(made).toBeGreaterThan(0);
          expect(e.at + e.durationMs).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 200, seed: 12 },
    );
  });
});

describe('budgets', () => {
  it('stops a run past its request budget and says what to reduce, in both languages', () => {
    const s = scenarioOf({ servers: one, load: { clients: 4, ratePerSec: 1000, durationMs: 60_000 } });
    const r = simulateRun(s, PAGE_BUDGET);
    expect(r.overrun).toBe('requests');
    expect(r.records.length).toBeLessThanOrEqual(PAGE_BUDGET.maxRequests + 1024);
  });

  it("stops when the balancers' own records run away (probes every 100 ms for hours)", () => {
    const s = scenarioOf({
      servers: Array.from({ length: 30 }, (_, i) => ({ name: `s${i + 1}`, concurrency: 1 })),
      healthCheck: { intervalMs: 100 },
      timeouts: { clientMs: 3_600_000 },
      requests: [{ at: 0, client: '203.0.113.10', serviceMs: 3_600_000 }],
    });
    const r = simulateRun(s, PAGE_BUDGET);
    expect(r.overrun).toBe('systemRecords');
    expect(r.probes.length).toBeLessThanOrEqual(PAGE_BUDGET.maxSystemRecords + 1024);
  });

  it('refuses timer intervals too small to be real, before running anything', () => {
    const bad = (extra: object) => parseScenario({ servers: one, requests: [{ at: 0, client: '203.0.113.10' }], ...extra });
    expect(bad({ balancers: { advertIntervalMs: 5e-324 } }).ok).toBe(false);
    expect(bad({ balancers: { advertIntervalMs: 5e-324, version: 3 } }).ok).toBe(false);
    expect(bad({ healthCheck: { intervalMs: 5e-324 } }).ok).toBe(false);
  });
});
