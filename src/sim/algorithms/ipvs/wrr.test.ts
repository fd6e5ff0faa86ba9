import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IpvsDest } from './dest.ts';
import { wrrDestChanged, wrrInit, wrrSchedule, type WrrState } from './wrr.ts';

/** Vectors worked out by hand from net/netfilter/ipvs/ip_vs_wrr.c, ip_vs_wrr_schedule. */
function dests(weights: number[], overloaded: boolean[] = []): IpvsDest[] {
  return weights.map((weight, i) => ({ id: `s${i + 1}`, weight, overloaded: overloaded[i] ?? false, activeConns: 0, inactConns: 0 }));
}

function run(list: IpvsDest[], n: number, mark: WrrState = wrrInit(list)): string[] {
  return Array.from({ length: n }, () => wrrSchedule(list, mark).chosen ?? '-');
}

describe('IPVS wrr: the issue 20 vectors (ip_vs_wrr_schedule)', () => {
  it('5,1,1 gives s1 five times in a row, then s2, s3, and again', () => {
    expect(run(dests([5, 1, 1]), 14).join(' ')).toBe('s1 s1 s1 s1 s1 s2 s3 s1 s1 s1 s1 s1 s2 s3');
  });
  it('3,2,1 gives s1 s1 s2 s1 s2 s3 (nginx: s1 s2 s1 s3 s2 s1)', () => {
    expect(run(dests([3, 2, 1]), 12).join(' ')).toBe('s1 s1 s2 s1 s2 s3 s1 s1 s2 s1 s2 s3');
  });
  it('2,3,1 gives s2 s1 s2 s1 s2 s3 (nginx: s2 s1 s2 s3 s1 s2)', () => {
    expect(run(dests([2, 3, 1]), 12).join(' ')).toBe('s2 s1 s2 s1 s2 s3 s2 s1 s2 s1 s2 s3');
  });
  it('1,1,1 is plain round robin', () => {
    expect(run(dests([1, 1, 1]), 6).join(' ')).toBe('s1 s2 s3 s1 s2 s3');
  });
});

describe('IPVS wrr: the gcd step (ip_vs_wrr_gcd_weight, mw = max - (di - 1))', () => {
  it('4,2: di 2, mw 3, cw walks 3 then 1: s1 s1 s2', () => {
    const list = dests([4, 2]);
    const mark = wrrInit(list);
    expect(mark).toEqual({ cl: -1, cw: 3, mw: 3, di: 2 });
    const a = wrrSchedule(list, mark);
    expect([a.chosen, a.cwBefore, a.cwAfter, a.steps]).toEqual(['s1', 3, 3, []]);
    const b = wrrSchedule(list, mark);
    // The walk from s1 finds no s2 with weight >= 3; cw steps down by the gcd, 3 -> 1.
    expect([b.chosen, b.cwBefore, b.cwAfter, b.steps, b.di]).toEqual(['s1', 3, 1, [1], 2]);
    const c = wrrSchedule(list, mark);
    expect([c.chosen, c.cwAfter, c.wrapped]).toEqual(['s2', 1, false]);
    const d = wrrSchedule(list, mark);
    // 1 - 2 <= 0: cw starts again at mw.
    expect([d.chosen, d.cwBefore, d.cwAfter, d.steps, d.wrapped]).toEqual(['s1', 1, 3, [3], true]);
  });
  it('6,4,2: di 2, cw 5, 3, 1: the same order as 3,2,1', () => {
    const list = dests([6, 4, 2]);
    expect(wrrInit(list)).toEqual({ cl: -1, cw: 5, mw: 5, di: 2 });
    expect(run(list, 6).join(' ')).toBe('s1 s1 s2 s1 s2 s3');
  });
});

describe('IPVS wrr: dests that cannot take it', () => {
  it('weight 0 is never picked (no walk goes below cw 1)', () => {
    expect(run(dests([2, 0, 1]), 6).join(' ')).toBe('s1 s1 s3 s1 s1 s3');
  });
  it('every weight 0: mw is 0, "no destination available"', () => {
    const d = wrrSchedule(dests([0, 0]), wrrInit(dests([0, 0])));
    expect([d.index, d.error]).toEqual([null, 'no destination available']);
  });
  it('an empty list: the same', () => {
    expect(wrrSchedule([], wrrInit([])).error).toBe('no destination available');
  });
  it('an overloaded dest is passed over; all overloaded: "all destinations are overloaded"', () => {
    expect(run(dests([3, 2, 1], [true]), 6).join(' ')).toBe('s2 s2 s3 s2 s2 s3');
    const list = dests([3, 2, 1], [true, true, true]);
    const mark = wrrInit(list);
    wrrSchedule(dests([3, 2, 1]), mark); // cl now at s1, mid-list
    const d = wrrSchedule(list, mark);
    expect([d.index, d.error]).toEqual([null, 'no destination available: all destinations are overloaded']);
  });
});

describe('IPVS wrr: ip_vs_wrr_dest_changed (add_dest, del_dest, upd_dest)', () => {
  it('a dest added at the front mid-run: cl back to the head, cw kept', () => {
    const list = dests([5, 1, 1]);
    const mark = wrrInit(list);
    expect(run(list, 3, mark).join(' ')).toBe('s1 s1 s1');
    expect(mark.cw).toBe(3);
    // IPVS links a new dest first (list_add_rcu in __ip_vs_update_dest).
    const after = [{ id: 's4', weight: 1, overloaded: false, activeConns: 0, inactConns: 0 }, ...list];
    wrrDestChanged(after, mark, { kind: 'add', id: 's4', before: list });
    expect(mark).toEqual({ cl: -1, cw: 3, mw: 5, di: 1 });
    // cw 3: s1; cw 2: s1; cw 1: s4 s1 s2 s3; then cw 5 again.
    expect(run(after, 7, mark).join(' ')).toBe('s1 s1 s4 s1 s2 s3 s1');
  });
  it('the last pick removed: the walk starts again from the head at the same cw', () => {
    const list = dests([3, 2, 1]);
    const mark = wrrInit(list);
    expect(run(list, 2, mark).join(' ')).toBe('s1 s1');
    const after = list.slice(1);
    wrrDestChanged(after, mark, { kind: 'del', id: 's1', before: list });
    expect(mark).toEqual({ cl: -1, cw: 2, mw: 2, di: 1 });
    expect(run(after, 6, mark).join(' ')).toBe('s2 s2 s3 s2 s2 s3');
  });
  it('a weight change that makes di > 1 rounds cw to a multiple of di, plus 1', () => {
    let list = dests([5, 1]);
    const mark = wrrInit(list);
    run(list, 2, mark);
    expect(mark.cw).toBe(4);
    list = dests([6, 1]);
    wrrDestChanged(list, mark, { kind: 'upd', id: 's1', before: dests([5, 1]) });
    expect(mark).toEqual({ cl: -1, cw: 4, mw: 6, di: 1 });
    const before = list;
    list = dests([6, 2]);
    wrrDestChanged(list, mark, { kind: 'upd', id: 's2', before });
    // di 2, mw 6 - 1 = 5; cw 4 <= 5, so (4 / 2) * 2 + 1 = 5.
    expect(mark).toEqual({ cl: -1, cw: 5, mw: 5, di: 2 });
  });
  it('cw above the new mw (a weight lowered) starts at the new mw', () => {
    const list = dests([5, 1]);
    const mark = wrrInit(list);
    wrrDestChanged(dests([2, 1]), mark, { kind: 'upd', id: 's1', before: list });
    expect(mark).toEqual({ cl: -1, cw: 2, mw: 2, di: 1 });
  });
});

function gcdOf(ws: number[]): number {
  const g = (a: number, b: number): number => (b === 0 ? a : g(b, a % b));
  return ws.filter((w) => w > 0).reduce((a, w) => g(w, a), 0) || 1;
}

describe('IPVS wrr: properties', () => {
  const weights = fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 1, maxLength: 6 }).filter((ws) => ws.some((w) => w > 0));
  it('over a full cycle from the start, each dest gets exactly weight/gcd picks', () => {
    fc.assert(
      fc.property(weights, (ws) => {
        const g = gcdOf(ws);
        const cycle = ws.reduce((a, w) => a + w / g, 0);
        const picks = run(dests(ws), cycle * 2);
        ws.forEach((w, i) => {
          expect(picks.filter((p) => p === `s${i + 1}`).length).toBe((2 * w) / g);
        });
        expect(picks.slice(cycle)).toEqual(picks.slice(0, cycle));
      }),
    );
  });
  it('never picks an overloaded or weight-0 dest, and always ends', () => {
    fc.assert(
      fc.property(weights, fc.array(fc.boolean(), { maxLength: 6 }), fc.nat({ max: 20 }), (ws, over, warm) => {
        const mark = wrrInit(dests(ws));
        run(dests(ws), warm, mark);
        const list = dests(ws, over);
        const d = wrrSchedule(list, mark);
        const usable = list.some((x) => !x.overloaded && x.weight > 0);
        expect(d.index !== null).toBe(usable);
        if (d.index !== null) expect([list[d.index]!.overloaded, list[d.index]!.weight > 0]).toEqual([false, true]);
      }),
    );
  });
});
