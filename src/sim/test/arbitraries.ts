import fc from 'fast-check';
import { ALGORITHMS } from '../algorithms/pick.ts';

/** Random but valid scenario files, for property tests. */
const octet = fc.integer({ min: 0, max: 255 });
export const clientIp = fc.tuple(fc.integer({ min: 1, max: 223 }), octet, octet, fc.integer({ min: 1, max: 254 })).map((o) => o.join('.'));

export const serversArb = fc.integer({ min: 1, max: 6 }).chain((n) =>
  fc.tuple(
    ...Array.from({ length: n }, (_, i) =>
      fc.record({
        name: fc.constant(`s${i + 1}`),
        weight: fc.integer({ min: 1, max: 10 }),
        concurrency: fc.integer({ min: 1, max: 8 }),
        // A full accept queue drops SYNs, which are sent again (1 s, 3 s, …).
        backlog: fc.integer({ min: 1, max: 6 }),
        speed: fc.constantFrom(0.5, 1, 2),
      }),
    ),
  ),
);

export const scenarioArb = fc
  .record({
    seed: fc.integer({ min: 0, max: 1000 }),
    algorithm: fc.constantFrom(...ALGORITHMS),
    servers: serversArb,
    clients: fc.array(clientIp, { minLength: 1, maxLength: 5 }),
    requests: fc.array(
      fc.record({
        at: fc.integer({ min: 0, max: 3000 }),
        pick: fc.nat(),
        serviceMs: fc.integer({ min: 0, max: 400 }),
      }),
      { minLength: 1, maxLength: 60 },
    ),
    network: fc.record({
      clientLatencyMs: fc.integer({ min: 0, max: 30 }),
      serverLatencyMs: fc.integer({ min: 0, max: 5 }),
      natSource: fc.constantFrom('vip' as const, 'balancer' as const),
      handshakes: fc.boolean(),
    }),
    events: fc.array(
      fc.oneof(
        fc.record({
          at: fc.integer({ min: 0, max: 3000 }),
          action: fc.constant('set-algorithm' as const),
          algorithm: fc.constantFrom(...ALGORITHMS),
        }),
        fc.record({
          at: fc.integer({ min: 0, max: 3000 }),
          action: fc.constant('set-weight' as const),
          target: fc.constant('s1'),
          weight: fc.integer({ min: 1, max: 10 }),
        }),
        fc.record({
          at: fc.integer({ min: 0, max: 3000 }),
          action: fc.constant('remove-server' as const),
          target: fc.constant('s1'),
        }),
        fc.record({
          at: fc.integer({ min: 0, max: 3000 }),
          action: fc.constant('add-server' as const),
          server: fc.record({ name: fc.constant('s9'), weight: fc.integer({ min: 1, max: 5 }) }),
        }),
      ),
      { maxLength: 4 },
    ),
  })
  .map(({ clients, requests, ...rest }) => ({
    ...rest,
    requests: requests.map((r) => ({ at: r.at, client: clients[r.pick % clients.length]!, serviceMs: r.serviceMs })),
  }));
