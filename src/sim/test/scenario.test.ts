import { describe, expect, it } from 'vitest';
import { parseScenario, parseScenarioText } from '../scenario.ts';

const ok = { servers: [{ name: 's1' }], requests: [{ at: 0, client: '203.0.113.10' }] };

function errorOf(input: unknown): string {
  const r = parseScenario(input);
  if (r.ok) throw new Error('expected a validation error');
  return r.error;
}

describe('scenario validation names the field and the problem', () => {
  it('accepts the contract example and fills defaults', () => {
    const r = parseScenario({
      seed: 1,
      mode: 'L4',
      algorithm: 'weighted-round-robin',
      servers: [{ name: 's1', weight: 5 }, { name: 's2' }, { name: 's3' }],
      requests: [{ at: 0, client: '192.168.0.1', path: '/', serviceMs: 5 }],
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scenario.servers.map((s) => [s.ip, s.port, s.weight])).toEqual([
      ['10.0.0.11', 8080, 5],
      ['10.0.0.12', 8080, 1],
      ['10.0.0.13', 8080, 1],
    ]);
    expect(r.scenario.network.vip).toBe('198.51.100.1');
  });

  it.each([
    [{ ...ok, servers: [{ name: 's1', weight: 0 }] }, '"servers[0].weight" must be at least 1 (got 0)'],
    [{ ...ok, servers: [{ name: 's1', weight: 2.5 }] }, '"servers[0].weight" must be a whole number (got 2.5)'],
    [{ ...ok, algorithm: 'random' }, '"algorithm" must be one of round-robin, weighted-round-robin, ip-hash, least-connections'],
    [
      { ...ok, requests: [{ at: 0, client: '999.1.1.1' }] },
      '"requests[0].client" must be an IPv4 address such as "203.0.113.10" (got "999.1.1.1")',
    ],
    [{ ...ok, requests: [{ at: -5, client: '1.2.3.4' }] }, '"requests[0].at" must not be negative (got -5)'],
    [{ ...ok, servers: [{ name: 's1' }, { name: 's1' }] }, '"servers" names two servers alike: each needs its own name'],
    [{ ...ok, servers: [] }, '"servers" must list at least one server'],
    [{ ...ok, sever: 1 }, '"sever"'],
    [{ servers: [{ name: 's1' }] }, 'needs traffic'],
    [[], 'must be a JSON object (got a list)'],
    [{ ...ok, servers: [{ name: 'lb1' }] }, '"servers[0].name" "lb1" is the name of another node'],
  ])('%j', (input, message) => {
    expect(errorOf(input)).toContain(message);
  });

  it('reports bad JSON without throwing', () => {
    const r = parseScenarioText('{"servers": [');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(/^the scenario is not valid JSON: /);
  });

  it('says a scenario must give "requests" or "load", not both (a sentence, not "the scenario give")', () => {
    const r = parseScenario({
      servers: [{ name: 's1' }],
      requests: [{ at: 0, client: '1.2.3.4' }],
      load: { clients: 1, ratePerSec: 1, durationMs: 1 },
    });
    expect(!r.ok && r.error).toBe('the scenario must give "requests" or "load", not both');
  });
});
