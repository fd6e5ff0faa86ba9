import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulateRun } from '../../src/sim/engine.ts';
import { parseScenario, type Scenario } from '../../src/sim/scenario.ts';
import { replaysPicks } from './forwardings.ts';
import { scenarioAt } from './timeline.ts';

const gallery = (name: string): Scenario => {
  const p = parseScenario(JSON.parse(readFileSync(`src/scenarios/${name}.json`, 'utf8')));
  if (!p.ok) throw new Error(p.problem.en);
  return p.scenario;
};

describe("the real lab's timeline: the configuration a reload writes at each moment", () => {
  it('overload.json: round robin over s1 and s2, least connections from 6 s, s3 from 10 s (with the address the engine gives it)', () => {
    const s = gallery('overload');
    const at = (t: number) => scenarioAt(s, t);
    expect([at(0).algorithm, at(5999).algorithm, at(6000).algorithm]).toEqual(['round-robin', 'round-robin', 'least-connections']);
    expect(at(9999).servers.map((x) => x.name)).toEqual(['s1', 's2']);
    const s3 = at(10_000).servers.find((x) => x.name === 's3')!;
    expect(s3).toMatchObject({ ip: '10.0.0.13', port: 8080, concurrency: 4, backlog: 8 });
    // The engine sent requests to that same address after the event.
    const hop = simulateRun(s)
      .records.find((r) => r.server === 's3')!
      .hops.find((h) => h.node === 's3')!;
    expect(hop.in!.dst).toBe('10.0.0.13:8080');
    expect(at(10_000).events).toEqual([]);
  });

  it('ip-hash-remap.json: s3 leaves at 1500 ms; a weight change keeps the server list', () => {
    const s = gallery('ip-hash-remap');
    expect(scenarioAt(s, 1499).servers.map((x) => x.name)).toEqual(['s1', 's2', 's3']);
    expect(scenarioAt(s, 1500).servers.map((x) => x.name)).toEqual(['s1', 's2']);
    const weighted: Scenario = { ...s, events: [{ at: 100, action: 'set-weight', target: 's2', weight: 3 }] };
    expect(scenarioAt(weighted, 100).servers.map((x) => `${x.name}:${x.weight}`)).toEqual(['s1:1', 's2:3', 's3:1']);
  });

  it("full NAT keeps nftables' own picks without events, and replays the engine's with them or with lc", () => {
    expect(replaysPicks(gallery('classroom'))).toBe(false);
    expect(replaysPicks(gallery('overload'))).toBe(true);
    expect(replaysPicks(gallery('least-connections'))).toBe(true);
    // L7: nginx picks, whatever the events.
    expect(replaysPicks(gallery('ip-hash-remap'))).toBe(false);
  });
});
