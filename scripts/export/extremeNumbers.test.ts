import { describe, expect, it } from 'vitest';
import { parseScenario, type Scenario } from '../../src/sim/scenario.ts';
import { expectPasses, nftCheck, nginxCheck, toolCheck } from './toolChecks.ts';

/**
 * The smallest and largest numbers the schema takes, through nginx -t, haproxy -c and
 * keepalived -t: each number in the tool's own syntax and range (no 1e+303, no fraction of a
 * millisecond, no 0 that means "none"), or the scenario refused (src/export/hostileExports.test.ts).
 */

/** A config's lines that are not comments. */
const directives = (text: string) =>
  text
    .split('\n')
    .filter((l) => !/^\s*#/.test(l))
    .join('\n');

function scenario(input: object): Scenario {
  const r = parseScenario({ requests: [{ at: 0, client: '203.0.113.10' }], ...input });
  if (!r.ok) throw new Error(r.error);
  return r.scenario;
}

const tinyTimes = { timeouts: { connectMs: 0.0001, readMs: 1e-9, clientMs: 0.4 }, passive: { maxFails: 1000, failTimeoutMs: 0.5 } };
const hugeTimes = {
  timeouts: { connectMs: 600_000, readMs: 3_600_000, clientMs: 3_600_000 },
  passive: { maxFails: 1000, failTimeoutMs: 86_400_000 },
};
const l7 = (extra: object) =>
  scenario({
    mode: 'L7',
    servers: [{ name: 's1', weight: 100, maxConns: 100_000 }, { name: 's2' }],
    cache: { pathPrefixes: ['/static'], ttlMs: 0.001 },
    healthCheck: { intervalMs: 100.7, timeoutMs: 1.0000001, fall: 100, rise: 100 },
    ...extra,
  });

const CASES: [string, Scenario][] = [
  [
    'L7, the shortest times, 1,000,000 requests/s',
    l7({ ...tinyTimes, block: { perClient: { requests: 1000, perMs: 1, burst: 100_000 } } }),
  ],
  ['L7, the longest times, 1r/m', l7({ ...hugeTimes, block: { perClient: { requests: 1, perMs: 60_000 } } })],
  ['L7, a rate nginx holds only per minute (1 per 700 ms)', l7({ block: { perClient: { requests: 1, perMs: 700 } } })],
  ['L7, 100,000 requests a day', l7({ block: { perClient: { requests: 100_000, perMs: 86_400_000 } } })],
  [
    'L4, the shortest check times',
    scenario({ ...tinyTimes, servers: [{ name: 's1' }], healthCheck: { intervalMs: 100, timeoutMs: 1, retries: 100, retryDelayMs: 1e-7 } }),
  ],
  [
    'L4, the longest times, VRRPv3 at 10 ms, priorities 254 and 1',
    scenario({
      ...hugeTimes,
      servers: [{ name: 's1', weight: 100 }],
      healthCheck: { intervalMs: 600_000, timeoutMs: 600_000, retries: 0, retryDelayMs: 600_000 },
      balancers: { version: 3, advertIntervalMs: 10, priorities: [254, 1] },
      persistenceTimeoutMs: 86_400_000,
    }),
  ],
  ['L4, VRRPv3 at its longest, 40.95 s', scenario({ servers: [{ name: 's1' }], balancers: { version: 3, advertIntervalMs: 40_950 } })],
  ['L4, VRRPv2 at its longest, 60 s', scenario({ servers: [{ name: 's1' }], balancers: { advertIntervalMs: 60_000 } })],
];

describe('extreme numbers pass nginx -t, haproxy -c, keepalived -t and nft -c', () => {
  for (const [name, s] of CASES) {
    it(name, () => {
      const nginx = nginxCheck(s, name);
      expectPasses(nginx);
      expect(directives(nginx.conf)).not.toMatch(/\d[eE][+-]?\d/);
      const haproxy = toolCheck(s, name, 'haproxy');
      expectPasses(haproxy);
      expect(haproxy.conf).not.toMatch(/^\s+timeout \S+ 0(ms|s)?$/m);
      for (const b of ['lb1', 'lb2'] as const) {
        const keepalived = toolCheck(s, name, 'keepalived', b);
        expectPasses(keepalived);
        // keepalived -t exits 0 and resets a value out of range with a line saying so.
        expect(keepalived.output).not.toMatch(/out of range|invalid|Setting to/i);
      }
      if (s.mode === 'L4') expectPasses(nftCheck(s, name));
    });
  }
});
