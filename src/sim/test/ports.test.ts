import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createBalancer, serverPorts, snatPort } from '../balancer.ts';
import { simulateRun } from '../engine.ts';
import { CLIENT_PORT_HIGH, CLIENT_PORT_LOW, ClientPorts, LINUX_PORT_HIGH, LINUX_PORT_LOW, PortSet, SNAT_PORT_LOW } from '../ports.ts';
import { scenarioOf } from './helpers.ts';

describe('the ephemeral ranges, against their sources', () => {
  it("a lab client's range is IANA's dynamic ports, 49152–65535 (RFC 6335): 16,384 ports", () => {
    expect([CLIENT_PORT_LOW, CLIENT_PORT_HIGH]).toEqual([49152, 65535]);
    expect(CLIENT_PORT_HIGH - CLIENT_PORT_LOW + 1).toBe(16_384);
  });

  it("the balancers' range is Linux's default ip_local_port_range, 32768 60999 (Documentation/networking/ip-sysctl.rst): 28,232 ports", () => {
    expect([LINUX_PORT_LOW, LINUX_PORT_HIGH]).toEqual([32768, 60999]);
    expect(LINUX_PORT_HIGH - LINUX_PORT_LOW + 1).toBe(28_232);
  });

  it('SNAT looks for a new source port from 1024 up (nf_nat_core.c, nf_nat_l4proto_unique_tuple)', () => {
    expect(SNAT_PORT_LOW).toBe(1024);
  });
});

describe("a client's ports (a free list)", () => {
  it('hands out each port of the range once, the next after the last, then no more (EADDRNOTAVAIL)', () => {
    const p = new ClientPorts(16_380);
    const got = Array.from({ length: 16_384 }, () => p.take());
    expect(got.slice(0, 6)).toEqual([65532, 65533, 65534, 65535, 49152, 49153]);
    expect(new Set(got).size).toBe(16_384);
    expect(p.take()).toBe(0);
    p.free(50_000);
    expect(p.take()).toBe(50_000);
  });

  it('never hands out a port in use, and has one whenever fewer than the range are open (property)', () => {
    fc.assert(
      fc.property(fc.nat(20), fc.array(fc.boolean(), { maxLength: 400 }), (start, ops) => {
        const p = new ClientPorts(start, 1000, 1031);
        const open: number[] = [];
        for (const take of ops) {
          if (take || open.length === 0) {
            const port = p.take();
            if (open.length === 32) expect(port).toBe(0);
            else {
              expect(port).toBeGreaterThanOrEqual(1000);
              expect(port).toBeLessThanOrEqual(1031);
              expect(open).not.toContain(port);
              open.push(port);
            }
          } else {
            p.free(open.splice(open.length >> 1, 1)[0]!);
          }
          expect(p.open).toBe(open.length);
        }
      }),
      { numRuns: 200, seed: 19 },
    );
  });
});

describe('a port bitmap with a cursor', () => {
  it('finds the first free port at or after the cursor, round the range, and none when full', () => {
    const s = new PortSet(100, 164);
    for (let p = 100; p <= 164; p++) if (p !== 130 && p !== 101) s.add(p);
    expect(s.nextFree(131)).toBe(101);
    expect(s.nextFree(120)).toBe(130);
    s.add(101);
    s.add(130);
    expect(s.size).toBe(65);
    expect(s.nextFree(100)).toBe(0);
    s.delete(164);
    expect(s.nextFree(100)).toBe(164);
  });

  it('agrees with a plain set, whatever is added and removed (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 1024, max: 1300 })), { maxLength: 600 }),
        fc.integer({ min: 1024, max: 1300 }),
        (ops, from) => {
          const s = new PortSet(1024, 1300);
          const plain = new Set<number>();
          for (const [add, p] of ops) {
            if (add) {
              s.add(p);
              plain.add(p);
            } else {
              s.delete(p);
              plain.delete(p);
            }
          }
          expect(s.size).toBe(plain.size);
          let want = 0;
          for (let k = 0; k <= 1300 - 1024; k++) {
            const p = 1024 + ((from - 1024 + k) % (1300 - 1024 + 1));
            if (!plain.has(p)) {
              want = p;
              break;
            }
          }
          expect(s.nextFree(from)).toBe(want);
        },
      ),
      { numRuns: 300, seed: 19 },
    );
  });
});

describe('ports in a run', () => {
  const burst = (n: number, clients: string[], extra: object = {}) =>
    simulateRun(
      scenarioOf({
        servers: [{ name: 's1', concurrency: 10_000, backlog: 65_535 }],
        timeouts: { clientMs: 3_600_000 },
        requests: Array.from({ length: n }, (_, i) => ({ at: i * 0.001, client: clients[i % clients.length]!, serviceMs: 600_000 })),
        ...extra,
      }),
    ).records;

  it('a client with all its 16,384 ports open toward the VIP fails the next connect at once: no-port, nothing sent', () => {
    const records = burst(16_390, ['203.0.113.10']);
    const failed = records.filter((r) => r.outcome === 'no-port');
    expect(failed.map((r) => r.id)).toEqual([16_385, 16_386, 16_387, 16_388, 16_389, 16_390]);
    const r = failed[0]!;
    expect(r.hops).toEqual([{ at: r.hops[0]!.at, node: 'client', dir: 'request', in: null, out: null, drop: 'no-port' }]);
    expect([r.status, r.server, r.balancer, r.nat]).toEqual([null, null, null, null]);
    expect(r.doneAt).toBe(r.hops[0]!.at);
    // Each open connection has a port of its own.
    const ports = new Set(records.filter((x) => x.outcome !== 'no-port').map((x) => x.hops[0]!.out!.src));
    expect(ports.size).toBe(16_384);
  });

  it('a port is free again once its request is over', () => {
    const s = scenarioOf({
      servers: [{ name: 's1' }],
      requests: Array.from({ length: 20_000 }, (_, i) => ({ at: i, client: '203.0.113.10', serviceMs: 1 })),
    });
    const records = simulateRun(s).records;
    expect(records.every((r) => r.outcome === 'ok')).toBe(true);
  });

  it('SNAT keeps the client port unless another connection to the server holds it, then takes the next free one', () => {
    const b = createBalancer(0, '10.0.0.2', 150, 0);
    expect(snatPort(b, 50_000, 0)).toBe(50_000);
    const toS1 = serverPorts(b, 0, false);
    for (const p of [50_000, 50_001, 50_003]) toS1.add(p);
    expect(snatPort(b, 50_000, 0)).toBe(50_002);
    // The same port toward another server is another tuple.
    expect(snatPort(b, 50_000, 1)).toBe(50_000);
    // Past 65535 the search goes round to 1024.
    for (let p = 65_530; p <= 65_535; p++) toS1.add(p);
    expect(snatPort(b, 65_533, 0)).toBe(1024);
  });

  it('two clients on the same port reach one server through distinct tuples (L4, source the VIP)', () => {
    const records = burst(3000, ['203.0.113.10', '192.0.2.77', '100.64.3.9']);
    const tuples = records.map((r) => r.nat!.local);
    expect(new Set(tuples).size).toBe(records.length);
  });

  it('L7: nginx with all its ports toward a server open fails the connect at once and answers 502 (EADDRNOTAVAIL, proxy_next_upstream error)', () => {
    // Each balancer has its half of Linux's range: 14,116 ports toward each server.
    const records = simulateRun(
      scenarioOf({
        mode: 'L7',
        servers: [{ name: 's1', concurrency: 10_000, backlog: 65_535 }],
        timeouts: { clientMs: 3_600_000, readMs: 600_000 },
        requests: Array.from({ length: 14_118 }, (_, i) => ({ at: i * 0.001, client: '203.0.113.10', serviceMs: 500_000 })),
      }),
    ).records;
    const failed = records.filter((r) => r.outcome === 'unavailable');
    expect(failed.map((r) => r.id)).toEqual([14_117, 14_118]);
    const r = failed[0]!;
    expect([r.outcome, r.status]).toEqual(['unavailable', 502]);
    expect(r.hops.some((h) => h.node === 'lb1' && h.dir === 'request' && h.drop === 'no-port')).toBe(true);
  });

  it('L4: with every port toward a server in use, SNAT finds no tuple', () => {
    const b = createBalancer(0, '10.0.0.2', 150, 0);
    const set = serverPorts(b, 0, false);
    for (let p = 1024; p <= 65_535; p++) set.add(p);
    expect(snatPort(b, 50_000, 0)).toBe(0);
  });
});
