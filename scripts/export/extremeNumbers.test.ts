import { describe, expect, it } from 'vitest';
import { EXTREME_SCENARIOS } from '../../src/export/extremeScenarios.ts';
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
  const r = parseScenario(input);
  if (!r.ok) throw new Error(r.error);
  return r.scenario;
}

const CASES = EXTREME_SCENARIOS.map(([name, input]) => [name, scenario(input)] as const);

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
