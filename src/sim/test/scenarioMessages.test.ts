import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenario, parseScenarioText } from '../scenario.ts';

/** Every example scenario, as the bases that mutations start from. */
const bases = Object.values(import.meta.glob<{ default: object }>('../../scenarios/*.json', { eager: true })).map((m) => m.default);
const FIXED = process.env.CI ? { seed: 20261125 } : {};
const HANGUL = /[가-힣]/;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every place in a JSON value, as a list of keys from the root. */
function pathsOf(x: Json, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (Array.isArray(x)) x.forEach((y, i) => pathsOf(y, [...at, i], out));
  else if (x && typeof x === 'object') for (const [k, y] of Object.entries(x)) pathsOf(y, [...at, k], out);
  return out;
}

/** A copy of `root` with the value at `path` replaced, removed (undefined) or given an unknown field. */
function mutate(root: Json, path: (string | number)[], how: 'replace' | 'remove' | 'extra', value: Json): Json {
  const copy = structuredClone(root);
  if (path.length === 0) return how === 'replace' ? value : copy;
  let parent: Json = copy;
  for (const k of path.slice(0, -1)) parent = (parent as Record<string, Json>)[k as string]!;
  const last = path[path.length - 1]!;
  const target = parent as Record<string | number, Json>;
  if (how === 'replace') target[last] = value;
  else if (how === 'remove') {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete target[last];
  } else if (target[last] && typeof target[last] === 'object' && !Array.isArray(target[last])) {
    (target[last] as Record<string, Json>).colour = value;
  }
  return copy;
}

describe('every message about a bad scenario is in both languages', () => {
  it('random damage to the example scenarios: English names the field, Korean says the same in Korean', () => {
    let failures = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...bases),
        fc.nat(),
        fc.constantFrom('replace', 'remove', 'extra') as fc.Arbitrary<'replace' | 'remove' | 'extra'>,
        fc.jsonValue() as fc.Arbitrary<Json>,
        (base, pick, how, value) => {
          const paths = pathsOf(base as Json);
          const r = parseScenario(mutate(base as Json, paths[pick % paths.length]!, how, value));
          if (r.ok) return;
          failures++;
          expect(r.error).toBe(r.problem.en);
          // valibot's own messages begin "Invalid …": any that shows means a rule lacks ours.
          expect(r.problem.en).not.toMatch(/Invalid|undefined|\[object/);
          expect(r.problem.ko).toMatch(HANGUL);
          expect(r.problem.ko).not.toMatch(/Invalid|undefined|\[object|\bmust\b/);
        },
      ),
      { numRuns: 3000, ...FIXED },
    );
    // The property means nothing unless many of the mutations were refused.
    expect(failures).toBeGreaterThan(500);
  });

  it.each([
    [
      { servers: [{ name: 's1', weight: 0 }], requests: [{ at: 0, client: '1.2.3.4' }] },
      '"servers[0].weight": 1 이상이어야 합니다 (입력: 0)',
    ],
    [
      { servers: [{ name: 's1', sever: 1 }], requests: [{ at: 0, client: '1.2.3.4' }] },
      '"servers[0].sever": 시나리오 파일에 없는 필드입니다',
    ],
    [{ servers: [{ name: 's1' }] }, '시나리오: 트래픽이 필요합니다'],
    [[], '시나리오는 JSON 객체여야 합니다 (입력: 목록)'],
  ])('Korean for %j', (input, message) => {
    const r = parseScenario(input);
    expect(!r.ok && r.problem.ko).toContain(message);
  });

  it('bad JSON is reported in both languages', () => {
    const r = parseScenarioText('{"servers": [');
    expect(!r.ok && r.problem.ko).toMatch(/^시나리오가 올바른 JSON이 아닙니다: /);
  });
});
