import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { lastAtOrBefore, percentile } from './sorted.ts';

describe('lastAtOrBefore', () => {
  const times = Float64Array.of(0, 10, 10, 20, 35);

  it('finds the last item at or before t, the last of equal times', () => {
    expect(lastAtOrBefore(times, -1)).toBe(-1);
    expect(lastAtOrBefore(times, 0)).toBe(0);
    expect(lastAtOrBefore(times, 9.9)).toBe(0);
    expect(lastAtOrBefore(times, 10)).toBe(2);
    expect(lastAtOrBefore(times, 34)).toBe(3);
    expect(lastAtOrBefore(times, 1e9)).toBe(4);
    expect(lastAtOrBefore([], 5)).toBe(-1);
  });

  it('reads a time from each item when given how', () => {
    const items = [{ at: 1 }, { at: 4 }, { at: 9 }];
    expect(lastAtOrBefore(items, 5, (x) => x.at)).toBe(1);
  });

  it('agrees with a linear scan', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 })), fc.integer({ min: -5, max: 55 }), (xs, t) => {
        const sorted = [...xs].sort((a, b) => a - b);
        let expected = -1;
        sorted.forEach((x, i) => {
          if (x <= t) expected = i;
        });
        expect(lastAtOrBefore(sorted, t)).toBe(expected);
      }),
    );
  });
});

describe('percentile', () => {
  it('takes the nearest rank: one of the values, never an interpolation', () => {
    const xs = Array.from({ length: 20 }, (_, i) => i + 1);
    expect(percentile(xs, 0.5)).toBe(10);
    expect(percentile(xs, 0.95)).toBe(19);
    expect(percentile(xs, 1)).toBe(20);
    expect(percentile([7], 0.95)).toBe(7);
    expect(percentile([3, 8], 0.5)).toBe(3);
    expect(percentile([3, 8], 0.51)).toBe(8);
  });

  it('has nothing to say of no values, and stays inside the list at the edges', () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(percentile([1, 2, 3], 0)).toBe(1);
  });
});
