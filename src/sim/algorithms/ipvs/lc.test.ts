import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { connOverhead, type IpvsDest } from './dest.ts';
import { lcSchedule } from './lc.ts';
import { s64ProductGreater, wlcSchedule } from './wlc.ts';

/**
 * Vectors from net/netfilter/ipvs/ip_vs_lc.c (ip_vs_lc_schedule) and ip_vs_wlc.c
 * (ip_vs_wlc_schedule); overhead = (active << 8) + inactive (ip_vs_dest_conn_overhead).
 */
type Row = [weight: number, active: number, inactive: number, overloaded?: boolean];
function dests(rows: Row[]): IpvsDest[] {
  return rows.map(([weight, activeConns, inactConns, overloaded], i) => ({
    id: `s${i + 1}`,
    weight,
    overloaded: overloaded ?? false,
    activeConns,
    inactConns,
  }));
}

describe('IPVS lc', () => {
  it('the least overhead wins: one active connection weighs as 256 inactive ones', () => {
    expect(
      lcSchedule(
        dests([
          [1, 1, 0],
          [1, 0, 255],
          [1, 0, 300],
        ]),
      ).chosen,
    ).toBe('s2');
    const d = lcSchedule(
      dests([
        [1, 1, 0],
        [1, 0, 10],
        [1, 0, 0],
      ]),
    );
    expect(d.chosen).toBe('s3');
    expect(d.rows.map((r) => r.overhead)).toEqual([256, 10, 0]);
  });
  it('a tie goes to the first in the list (strict <)', () => {
    expect(
      lcSchedule(
        dests([
          [1, 1, 0],
          [1, 0, 256],
        ]),
      ).chosen,
    ).toBe('s1');
    expect(
      lcSchedule(
        dests([
          [1, 0, 0],
          [1, 0, 0],
          [1, 0, 0],
        ]),
      ).chosen,
    ).toBe('s1');
  });
  it('ignores weights: 1 and 5 idle give the first; one connection on it gives the other', () => {
    expect(
      lcSchedule(
        dests([
          [1, 0, 0],
          [5, 0, 0],
        ]),
      ).chosen,
    ).toBe('s1');
    expect(
      lcSchedule(
        dests([
          [5, 0, 1],
          [1, 0, 0],
        ]),
      ).chosen,
    ).toBe('s2');
  });
  it('passes over weight 0 and overloaded dests', () => {
    const d = lcSchedule(
      dests([
        [0, 0, 0],
        [1, 0, 0, true],
        [1, 3, 0],
      ]),
    );
    expect([d.chosen, d.rows.map((r) => r.skipped)]).toEqual(['s3', ['weight-0', 'overloaded', null]]);
  });
  it('none usable: "no destination available"', () => {
    expect(lcSchedule(dests([[0, 0, 0]])).error).toBe('no destination available');
    expect(lcSchedule([]).index).toBeNull();
  });
});

describe('IPVS wlc', () => {
  it('overhead per weight, by cross multiplication: 2 active on weight 3 beat 1 on weight 1', () => {
    // s2 replaces s1 only if 512 * 1 > 256 * 3: no.
    expect(
      wlcSchedule(
        dests([
          [3, 2, 0],
          [1, 1, 0],
        ]),
      ).chosen,
    ).toBe('s1');
    expect(
      wlcSchedule(
        dests([
          [1, 2, 0],
          [1, 1, 0],
        ]),
      ).chosen,
    ).toBe('s2');
  });
  it('a tie stays with the earlier dest (strict >): 512 * 1 = 256 * 2', () => {
    expect(
      wlcSchedule(
        dests([
          [2, 2, 0],
          [1, 1, 0],
        ]),
      ).chosen,
    ).toBe('s1');
  });
  it('every server idle: the first with weight > 0, whatever the weights', () => {
    expect(
      wlcSchedule(
        dests([
          [1, 0, 0],
          [5, 0, 0],
        ]),
      ).chosen,
    ).toBe('s1');
    expect(
      wlcSchedule(
        dests([
          [0, 0, 0],
          [1, 0, 0],
          [5, 0, 0],
        ]),
      ).chosen,
    ).toBe('s2');
  });
  it('a weight-0 dest after the start is compared but never wins (loh * 0 is never greater)', () => {
    const d = wlcSchedule(
      dests([
        [1, 1, 0],
        [0, 0, 0],
      ]),
    );
    expect([d.chosen, d.rows[1]!.overhead, d.rows[1]!.skipped]).toEqual(['s1', 0, null]);
  });
  it('passes over overloaded dests; none usable: "no destination available"', () => {
    expect(
      wlcSchedule(
        dests([
          [1, 0, 0, true],
          [1, 5, 0],
        ]),
      ).chosen,
    ).toBe('s2');
    expect(
      wlcSchedule(
        dests([
          [1, 0, 0, true],
          [0, 0, 0],
        ]),
      ).error,
    ).toBe('no destination available');
  });
  it('compares products past 2^53 exactly, as the kernel does in 64 bits', () => {
    const big = 2 ** 31 - 1;
    // big * big = 2^62 - 2^32 + 1 and (big - 1) * (big + 1) = 2^62 - 2^32: a double rounds both alike.
    expect(big * big > (big - 1) * (big + 1)).toBe(false);
    expect(s64ProductGreater(big, big, big - 1, big + 1)).toBe(true);
    expect(s64ProductGreater(3, 4, 2, 6)).toBe(false);
  });
});

const row = fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 600 }), fc.boolean());
const rows = fc.array(row, { minLength: 1, maxLength: 6 });

describe('IPVS lc and wlc: properties', () => {
  it('lc never picks a dest with a larger overhead than another usable one, and takes the first of the least', () => {
    fc.assert(
      fc.property(rows, (rs) => {
        const list = dests(rs);
        const usable = list.filter((d) => !d.overloaded && d.weight > 0);
        const d = lcSchedule(list);
        if (usable.length === 0) {
          expect(d.index).toBeNull();
          return;
        }
        let least = usable[0]!;
        for (const u of usable) if (connOverhead(u) < connOverhead(least)) least = u;
        expect(d.chosen).toBe(least.id);
      }),
    );
  });
  it('wlc picks a least overhead/weight among the usable ones', () => {
    fc.assert(
      fc.property(rows, (rs) => {
        const list = dests(rs);
        const usable = list.filter((d) => !d.overloaded && d.weight > 0);
        const d = wlcSchedule(list);
        if (usable.length === 0) {
          expect(d.index).toBeNull();
          return;
        }
        const c = list[d.index!]!;
        expect(c.weight).toBeGreaterThan(0);
        for (const u of usable) expect(connOverhead(c) * u.weight).toBeLessThanOrEqual(connOverhead(u) * c.weight);
      }),
    );
  });
});
