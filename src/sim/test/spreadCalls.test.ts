import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Issue 12: no input can crash the page or the command line. Spreading an array into a call
 * (`Math.max(...xs)`, `list.push(...more)`, `String.fromCharCode(...bytes)`) passes every item
 * as an argument, and past some 100,000 of them the engine throws RangeError (stack
 * overflow): an array whose length the input decides must go through a loop or reduce().
 * This guard fails on any new such call; the few left below spread short lists, bounded by
 * the code, not the input.
 */
const ROOT = join(__dirname, '..', '..', '..');
const DIRS = ['src', 'scripts', 'e2e'];

/** Files allowed a few spreads into calls, with why each list is short. */
const BOUNDED: Record<string, { count: number; why: string }> = {
  'scripts/bench.ts': { count: 1, why: "the rows of the benchmark's own table" },
  'scripts/parity/l7.ts': { count: 3, why: 'the start times of one parity case (tens of requests)' },
  'scripts/parity/l7.test.ts': { count: 1, why: 'the margins of one parity case' },
  'e2e/share.spec.ts': { count: 1, why: 'a few bytes of a fixed test payload' },
  'src/sim/test/fuzz.test.ts': {
    count: 3,
    why: "request ids of one run (at most its budget's 5,000 requests) and the runs of one property (FUZZ_RUNS)",
  },
};

/** A call that takes a spread argument (not one inside an object or array literal): Math.max/min, fromCharCode, push, unshift, concat. */
const SPREAD_CALL = /(?:Math\.(?:max|min)|fromCharCode|\.push|\.unshift|\.concat)\((?:[^(){}[\]]|\([^()]*\))*?\.\.\./g;

function files(path: string): string[] {
  const full = join(ROOT, path);
  if (statSync(full).isFile()) return [full];
  return readdirSync(full)
    .filter((f) => f !== 'node_modules')
    .flatMap((f) => files(join(path, f)));
}

describe('no array spread into a function call', () => {
  const self = relative(ROOT, __filename);
  const sources = DIRS.flatMap(files)
    .filter((f) => /\.tsx?$/.test(f))
    .map((f) => ({ name: relative(ROOT, f), text: readFileSync(f, 'utf8') }));

  it('finds the sources', () => {
    expect(sources.some((s) => s.name === 'src/share/codec.ts')).toBe(true);
    expect(sources.length).toBeGreaterThan(100);
  });

  it('has no Math.max(...), Math.min(...), fromCharCode(...), push(...), unshift(...) or concat(...) of a list the input sizes', () => {
    const found: string[] = [];
    const counts: Record<string, number> = {};
    for (const s of sources) {
      if (s.name === self) continue;
      s.text.split('\n').forEach((line, i) => {
        if (/^\s*(\/\/|\*)/.test(line)) return;
        for (const m of line.matchAll(SPREAD_CALL)) {
          counts[s.name] = (counts[s.name] ?? 0) + 1;
          if ((counts[s.name] ?? 0) > (BOUNDED[s.name]?.count ?? 0)) found.push(`${s.name}:${i + 1}: ${m[0]}`);
        }
      });
    }
    expect(found, 'use a loop or reduce(): a long array spread into a call throws RangeError').toEqual([]);
  });

  it('would catch one', () => {
    for (const bad of [
      'Math.max(...events)',
      'Math.min(0, ...xs.map((x) => x.at))',
      'String.fromCharCode(...bytes)',
      'list.push(...more)',
      'a.concat(...parts)',
    ]) {
      expect(bad.match(SPREAD_CALL), bad).not.toBeNull();
    }
    for (const fine of ['Math.max(a, b)', 'f([...xs])', 'list.push({ ...x, at: 1 })', 'out.push([...a, b])']) {
      expect(fine.match(SPREAD_CALL), fine).toBeNull();
    }
  });
});
