/**
 * The smallest and largest numbers the schema takes, as scenario files: the unit test reads
 * their exports (src/export/hostileExports.test.ts), the real tools check them
 * (scripts/export/extremeNumbers.test.ts). Each is one request from one client unless it says more.
 */
const tinyTimes = { timeouts: { connectMs: 0.0001, readMs: 1e-9, clientMs: 0.4 }, passive: { maxFails: 1000, failTimeoutMs: 0.5 } };
const hugeTimes = {
  timeouts: { connectMs: 600_000, readMs: 3_600_000, clientMs: 3_600_000 },
  passive: { maxFails: 1000, failTimeoutMs: 86_400_000 },
};
const one = { requests: [{ at: 0, client: '203.0.113.10' }] };
const l7 = (extra: object): object => ({
  ...one,
  mode: 'L7',
  servers: [{ name: 's1', weight: 100, maxConns: 100_000 }, { name: 's2' }],
  cache: { pathPrefixes: ['/static'], ttlMs: 0.001 },
  healthCheck: { intervalMs: 100.7, timeoutMs: 1.0000001, fall: 100, rise: 100 },
  ...extra,
});

export const EXTREME_SCENARIOS: readonly (readonly [name: string, input: object])[] = [
  [
    'L7, the shortest times, 1,000,000 requests/s',
    l7({ ...tinyTimes, block: { perClient: { requests: 1000, perMs: 1, burst: 100_000 } } }),
  ],
  ['L7, the longest times, 1r/m', l7({ ...hugeTimes, block: { perClient: { requests: 1, perMs: 60_000 } } })],
  ['L7, a rate nginx holds only per minute (1 per 700 ms)', l7({ block: { perClient: { requests: 1, perMs: 700 } } })],
  ['L7, 100,000 requests a day', l7({ block: { perClient: { requests: 100_000, perMs: 86_400_000 } } })],
  [
    'L4, the shortest check times',
    { ...one, ...tinyTimes, servers: [{ name: 's1' }], healthCheck: { intervalMs: 100, timeoutMs: 1, retries: 100, retryDelayMs: 1e-7 } },
  ],
  [
    'L4, the longest times, VRRPv3 at 10 ms, priorities 254 and 1',
    {
      ...one,
      ...hugeTimes,
      servers: [{ name: 's1', weight: 100 }],
      healthCheck: { intervalMs: 600_000, timeoutMs: 600_000, retries: 0, retryDelayMs: 600_000 },
      balancers: { version: 3, advertIntervalMs: 10, priorities: [254, 1] },
      persistenceTimeoutMs: 86_400_000,
    },
  ],
  ['L4, VRRPv3 at its longest, 40.95 s', { ...one, servers: [{ name: 's1' }], balancers: { version: 3, advertIntervalMs: 40_950 } }],
  ['L4, VRRPv2 at its longest, 60 s', { ...one, servers: [{ name: 's1' }], balancers: { advertIntervalMs: 60_000 } }],
];
