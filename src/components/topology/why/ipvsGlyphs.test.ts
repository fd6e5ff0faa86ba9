import { describe, expect, it } from 'vitest';
import type { IpvsDest } from '../../../sim/algorithms/ipvs/dest.ts';
import { lcSchedule } from '../../../sim/algorithms/ipvs/lc.ts';
import { rrInit, rrSchedule } from '../../../sim/algorithms/ipvs/rr.ts';
import { shInit, shSchedule } from '../../../sim/algorithms/ipvs/sh.ts';
import { wlcSchedule } from '../../../sim/algorithms/ipvs/wlc.ts';
import { wrrInit, wrrSchedule } from '../../../sim/algorithms/ipvs/wrr.ts';
import { hashTagSize } from './HashTag.tsx';
import { cwBars, cwBarText, overheadDots, shTag, walkTag } from './ipvsGlyphs.ts';

function dests(weights: number[], conns: [number, number][] = []): IpvsDest[] {
  return weights.map((weight, i) => ({
    id: `s${i + 1}`,
    weight,
    overloaded: false,
    activeConns: conns[i]?.[0] ?? 0,
    inactConns: conns[i]?.[1] ?? 0,
  }));
}
const inService = (list: IpvsDest[]) => list.map((d) => ({ name: d.id, weight: d.weight, out: false }));

describe("the stage's marks for an L4 pick (IPVS)", () => {
  it("wrr (ip_vs_wrr.c): each weight as a bar against the one cw, the line, and the kernel's test `weight >= cw` in words", () => {
    const list = dests([5, 1, 1]);
    const mark = wrrInit(list);
    wrrSchedule(list, mark);
    const second = wrrSchedule(list, mark);
    const bars = cwBars(second, inService(list));
    // cw 4 after the second pick: only s1 (5) reaches it.
    expect(bars.map((b) => [b.server, b.weight, b.share, b.cwShare, b.reaches, b.chosen])).toEqual([
      ['s1', 5, 1, 0.8, true, true],
      ['s2', 1, 0.2, 0.8, false, false],
      ['s3', 1, 0.2, 0.8, false, false],
    ]);
    expect(bars.map(cwBarText)).toEqual(['★ 5≥4', '1<4', '1<4']);
  });

  it('rr (ip_vs_rr.c): the tag names the last pick and the next', () => {
    const list = dests([1, 1]);
    const s = rrInit();
    expect(walkTag(rrSchedule(list, s), 'en')).toBe('rr: head → s1');
    expect(walkTag(rrSchedule(list, s), 'ko')).toBe('rr: s1 → s2');
    expect(walkTag(rrSchedule(dests([0]), rrInit()), 'en')).toBe('rr: head → no destination');
  });

  it('lc and wlc (ip_vs_lc.c, ip_vs_wlc.c): filled dots for active, rings for inactive, the overhead compared', () => {
    const lc = overheadDots(
      lcSchedule(
        dests(
          [1, 1],
          [
            [2, 1],
            [0, 7],
          ],
        ),
      ),
    );
    expect(lc.map((x) => [x.server, x.filled, x.rings, x.more, x.value, x.chosen])).toEqual([
      ['s1', 2, 1, 0, '513', false],
      ['s2', 0, 4, 3, '7', true],
    ]);
    const wlc = overheadDots(
      wlcSchedule(
        dests(
          [3, 1, 0],
          [
            [2, 0],
            [1, 0],
            [0, 0],
          ],
        ),
      ),
    );
    expect(wlc.map((x) => [x.server, x.value, x.chosen])).toEqual([
      ['s1', '512/3', true],
      ['s2', '256/1', false],
      ['s3', '—', false],
    ]);
  });

  it('sh (ip_vs_sh.c): the whole address, its bucket and the server there', () => {
    const list = dests([1, 1, 1]);
    const d = shSchedule(list, shInit(list), { clientIp: '10.0.0.1', clientPort: 40000 });
    expect(shTag(d, '10.0.0.1', 'en')).toEqual({ text: 'hash(10.0.0.1) → bucket 39 → s1', short: 'sh: bucket 39 → s1', server: 's1' });
    expect(shTag(d, '10.0.0.1', 'ko')?.text).toBe('hash(10.0.0.1) → 버킷 39 → s1');
  });
});

describe("a tag's plate fits its words", () => {
  it('a Hangul syllable takes more room than a Latin character in the monospace type (about 1.7 of one)', () => {
    // Two syllables against two letters: 2 × 1.7 × 9.1 against 2 × 9.1, plus the same padding.
    expect(hashTagSize('목록').w - hashTagSize('ab').w).toBe(Math.ceil(2 * 1.7 * 9.1 + 16) - Math.ceil(2 * 9.1 + 16));
    expect(hashTagSize('목록').w).toBeGreaterThan(hashTagSize('abc').w);
  });
});
