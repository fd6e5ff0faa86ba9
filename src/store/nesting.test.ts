import { describe, expect, it } from 'vitest';
import { checkDepth } from '../../scripts/scenarioFile.ts';
import classroom from '../scenarios/classroom.json';
import { deeperAt, MAX_DEPTH, nestsDeeper, tooDeep } from './nesting.ts';

/** A list nested `n` levels deep, built without recursion. */
const nested = (n: number): unknown => {
  let v: unknown = [];
  for (let i = 1; i < n; i++) v = [v];
  return v;
};

describe('one nesting limit for the command line and the page', () => {
  it('counts a value as its JSON text is counted', () => {
    for (const n of [1, 5, MAX_DEPTH - 3, MAX_DEPTH - 2, 1000]) {
      const value = { events: [{ at: 0, x: nested(n) }] };
      expect(nestsDeeper(value)).toBe(deeperAt(JSON.stringify(value)) !== null);
      expect(nestsDeeper(value)).toBe(n + 3 > MAX_DEPTH);
    }
  });

  it('refuses 5,000 levels without overflowing the stack, and a real scenario passes', () => {
    expect(nestsDeeper(nested(5000))).toBe(true);
    expect(nestsDeeper(nested(100_000))).toBe(true);
    expect(deeperAt('['.repeat(1_000_000))).toEqual({ line: 1, column: MAX_DEPTH + 1 });
    expect(nestsDeeper(classroom)).toBe(false);
  });

  it('starts from the level given: the user events sit at the scenario\'s "events" level', () => {
    const events = [{ at: 0, x: nested(MAX_DEPTH - 3) }];
    expect(nestsDeeper(events, MAX_DEPTH, 1)).toBe(false);
    expect(nestsDeeper(events, MAX_DEPTH, 2)).toBe(false);
    expect(nestsDeeper(events, MAX_DEPTH, 3)).toBe(true);
  });

  it('ends on cyclic and widely shared values', () => {
    const cycle: Record<string, unknown> = {};
    cycle.a = cycle;
    cycle.b = cycle;
    expect(nestsDeeper(cycle)).toBe(true);
    // 2^60 paths through 60 shared levels: walked in a few thousand steps.
    let shared: unknown = {};
    for (let i = 0; i < 60; i++) shared = { a: shared, b: shared };
    expect(nestsDeeper(shared)).toBe(false);
  });

  it('says the same words in both places, the command line adding the line and column', () => {
    expect(tooDeep().en).toBe('the scenario nests objects and lists deeper than 64 levels');
    expect(tooDeep().ko).toContain('64단계');
    expect(() => checkDepth('{"a":' + '['.repeat(70))).toThrow(`${tooDeep().en} (line 1, column 69)`);
  });
});
