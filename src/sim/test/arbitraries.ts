import fc from 'fast-check';
import { ALGORITHMS } from '../algorithms/pick.ts';
import { FORWARDINGS } from '../forwarding.ts';

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
    // L4 (the default mode): each of IPVS's forwarding methods, and sometimes persistence.
    forwarding: fc.constantFrom(...FORWARDINGS),
    persistenceTimeoutMs: fc.option(fc.constantFrom(1000, 60_000), { nil: undefined }),
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
  .map(({ clients, requests, persistenceTimeoutMs, ...rest }) => ({
    ...rest,
    ...(persistenceTimeoutMs ? { persistenceTimeoutMs } : {}),
    requests: requests.map((r) => ({ at: r.at, client: clients[r.pick % clients.length]!, serviceMs: r.serviceMs })),
  }));

/**
 * The same scenario for L7, where nginx picks: no IPVS forwarding or persistence, and IPVS's
 * weighted least connections becomes nginx's least_conn (which weighs).
 */
export function asL7<S extends { algorithm: string; events: { action: string; algorithm?: string }[] }>(s: S) {
  const nginx = (a: string) => (a === 'weighted-least-connections' ? 'least-connections' : a);
  const { forwarding: _f, persistenceTimeoutMs: _p, ...rest } = s as S & { forwarding?: unknown; persistenceTimeoutMs?: unknown };
  return {
    ...rest,
    mode: 'L7' as const,
    algorithm: nginx(s.algorithm),
    events: s.events.map((e) => (e.algorithm ? { ...e, algorithm: nginx(e.algorithm) } : e)),
  };
}
