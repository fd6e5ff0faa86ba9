import { describe, expect, it } from 'vitest';
import { RecentMap } from './recentMap.ts';

describe('RecentMap', () => {
  it('keeps what is used, forgets what went unused for two generations', () => {
    const m = new RecentMap<number, string>(3);
    m.set(1, 'a');
    m.set(2, 'b');
    m.set(3, 'c');
    m.set(4, 'd'); // a new generation: 1, 2, 3 are older
    expect(m.get(1)).toBe('a'); // read: moves to the newer
    m.set(5, 'e');
    m.set(6, 'f'); // newer (4, 1, 5) full: another generation, 2 and 3 gone
    expect([m.get(2), m.get(3)]).toEqual([undefined, undefined]);
    expect([m.get(1), m.get(4), m.get(6)]).toEqual(['a', 'd', 'f']);
  });

  it('holds at most two generations however many keys pass', () => {
    const m = new RecentMap<number, number>(1000);
    for (let i = 0; i < 100_000; i++) m.set(i, i);
    let kept = 0;
    for (let i = 0; i < 100_000; i++) if (m.get(i) !== undefined) kept++;
    expect(kept).toBeLessThanOrEqual(2000);
  });
});
