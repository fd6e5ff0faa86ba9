import { describe, expect, it } from 'vitest';
import { GALLERY } from '../../src/gallery/gallery.ts';
import { simulateRun } from '../../src/sim/engine.ts';
import { parseScenario, type Scenario } from '../../src/sim/scenario.ts';
import { differences, knownDifferences, sortDifferences } from './compare.ts';
import { plan, runRealLab, unsupported } from './realLab.ts';

/**
 * Every gallery scenario runs in the real lab. The ones with events, overload and failover are
 * held field by field in events.test.ts and pair.test.ts; the rest here, as `compare` holds
 * them: no difference off docs/model.md's list (compare.ts, knownDifferences).
 */
const ELSEWHERE = new Set([
  'classroom',
  'overload',
  'server-failure',
  'ip-hash-remap',
  'sessions',
  'least-connections',
  'least-connections-uneven',
  'failover',
  'failover-sync',
]);

const scenarioOf = (input: unknown): Scenario => {
  const p = parseScenario(input);
  if (!p.ok) throw new Error(p.problem.en);
  return p.scenario;
};

describe('the real lab runs every gallery scenario', () => {
  it('each is held here or named as held in events.test.ts / pair.test.ts (a new gallery entry needs a home)', () => {
    const ids = GALLERY.map((g) => g.id);
    expect([...ELSEWHERE].filter((id) => !ids.includes(id))).toEqual([]);
    for (const g of GALLERY) {
      const s = scenarioOf(g.scenario);
      const requests = plan(s);
      expect(
        unsupported(
          s,
          requests.length,
          requests.reduce((m, r) => Math.max(m, r.at), 0),
        ),
        g.id,
      ).toBeNull();
    }
  });

  for (const g of GALLERY.filter((x) => !ELSEWHERE.has(x.id))) {
    it(`${g.id}: no difference off the documented list`, async () => {
      const s = scenarioOf(g.scenario);
      const engine = simulateRun(s).records;
      const real = await runRealLab(s);
      const { unknown } = sortDifferences(differences(s, engine, real), knownDifferences(s, engine, [], real));
      expect(unknown.map((d) => d.text)).toEqual([]);
    });
  }
});
