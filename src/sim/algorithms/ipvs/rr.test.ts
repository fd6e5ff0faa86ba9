import { describe, expect, it } from 'vitest';
import type { IpvsDest } from './dest.ts';
import { rrDestChanged, rrInit, rrSchedule, type RrState } from './rr.ts';

/** Vectors from net/netfilter/ipvs/ip_vs_rr.c: ip_vs_rr_schedule and ip_vs_rr_del_dest. */
function dests(weights: number[], overloaded: boolean[] = []): IpvsDest[] {
  return weights.map((weight, i) => ({ id: `s${i + 1}`, weight, overloaded: overloaded[i] ?? false, activeConns: 0, inactConns: 0 }));
}

function run(list: IpvsDest[], n: number, state: RrState = rrInit()): string[] {
  return Array.from({ length: n }, () => rrSchedule(list, state).chosen ?? '-');
}

describe('IPVS rr', () => {
  it('starts at the head: the first dest in the list first', () => {
    expect(run(dests([1, 1, 1]), 7).join(' ')).toBe('s1 s2 s3 s1 s2 s3 s1');
  });
  it('ignores weights above 0', () => {
    expect(run(dests([5, 1, 1]), 4).join(' ')).toBe('s1 s2 s3 s1');
  });
  it('passes over weight 0 and overloaded dests, and says which', () => {
    const list = dests([1, 0, 1, 1], [false, false, true]);
    const state = rrInit();
    expect(rrSchedule(list, state).chosen).toBe('s1');
    const d = rrSchedule(list, state);
    expect([d.chosen, d.after, d.skipped]).toEqual([
      's4',
      's1',
      [
        { id: 's2', reason: 'weight-0' },
        { id: 's3', reason: 'overloaded' },
      ],
    ]);
    expect(run(list, 3, state).join(' ')).toBe('s1 s4 s1');
  });
  it('gives the last pick again when it is the only one left', () => {
    const state = rrInit();
    run(dests([1, 1]), 1, state);
    expect(run(dests([1, 0]), 2, state).join(' ')).toBe('s1 s1');
  });
  it('nothing usable: NULL, "no destination available", the pointer unmoved', () => {
    const state = rrInit();
    run(dests([1, 1]), 1, state);
    const d = rrSchedule(dests([0, 1], [false, true]), state);
    expect([d.index, d.error, state.last]).toEqual([null, 'no destination available', 's1']);
    expect(rrSchedule([], rrInit()).error).toBe('no destination available');
  });
  it('the last pick removed: the pointer moves to the entry before it, so its follower is next', () => {
    const list = dests([1, 1, 1]);
    const state = rrInit();
    expect(run(list, 2, state).join(' ')).toBe('s1 s2');
    const after = [list[0]!, list[2]!];
    rrDestChanged(after, state, { kind: 'del', id: 's2', before: list });
    expect(state.last).toBe('s1');
    expect(run(after, 2, state).join(' ')).toBe('s3 s1');
  });
  it('the first dest removed while it was the last pick: back to the head', () => {
    const list = dests([1, 1, 1]);
    const state = rrInit();
    run(list, 1, state);
    rrDestChanged(list.slice(1), state, { kind: 'del', id: 's1', before: list });
    expect(state.last).toBeNull();
    expect(run(list.slice(1), 1, state)).toEqual(['s2']);
  });
  it('a dest added (at the front, as IPVS links it) is met when the walk wraps; rr has no add_dest', () => {
    const list = dests([1, 1, 1]);
    const state = rrInit();
    run(list, 2, state);
    const s0: IpvsDest = { id: 's0', weight: 1, overloaded: false, activeConns: 0, inactConns: 0 };
    const after = [s0, ...list];
    rrDestChanged(after, state, { kind: 'add', id: 's0', before: list });
    expect(run(after, 4, state).join(' ')).toBe('s3 s0 s1 s2');
  });
});
