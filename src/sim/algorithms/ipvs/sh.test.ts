import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IpvsDest } from './dest.ts';
import { hash32, ipv4ToU32 } from './hash.ts';
import { shBuckets, shDestChanged, shInit, shSchedule, IP_VS_SH_TAB_SIZE } from './sh.ts';

/** Vectors from net/netfilter/ipvs/ip_vs_sh.c and hash_32 in include/linux/hash.h. */
function dests(weights: number[], overloaded: boolean[] = []): IpvsDest[] {
  return weights.map((weight, i) => ({ id: `s${i + 1}`, weight, overloaded: overloaded[i] ?? false, activeConns: 0, inactConns: 0 }));
}

const pkt = (clientIp: string, clientPort = 40000) => ({ clientIp, clientPort });

describe('hash_32 (include/linux/hash.h), by hand', () => {
  it('10.0.0.1 -> 39 and 10.0.0.2 -> 137', () => {
    // 10.0.0.1 = 0x0A000001. 0x0A000001 * 0x61C88647 mod 2^32: the 0x0A000000 part keeps only
    // (0x0A * 0x47) mod 256 = 710 mod 256 = 0xC6 in the top byte: 0xC6000000; plus 0x61C88647
    // gives 0x127C88647, mod 2^32 0x27C88647; its top 8 bits: 0x27 = 39.
    expect(hash32(ipv4ToU32('10.0.0.1'), 8)).toBe(39);
    // 10.0.0.2: 0xC6000000 + 2 * 0x61C88647 (0xC3910C8E) = 0x189910C8E -> 0x89910C8E -> 0x89 = 137.
    expect(hash32(ipv4ToU32('10.0.0.2'), 8)).toBe(137);
  });
  it('the whole address counts: 10.1.2.3 and 10.1.2.4 (one /24, one nginx ip_hash) land apart', () => {
    expect([hash32(ipv4ToU32('10.1.2.3'), 8), hash32(ipv4ToU32('10.1.2.4'), 8)]).toEqual([2, 100]);
  });
});

describe('ip_vs_sh_reassign: the 256 buckets', () => {
  it('1,1,1: s1 s2 s3 round and round', () => {
    const b = shBuckets(dests([1, 1, 1]));
    expect(b.length).toBe(IP_VS_SH_TAB_SIZE);
    expect(b.slice(0, 6)).toEqual(['s1', 's2', 's3', 's1', 's2', 's3']);
    expect(b[255]).toBe('s1');
    expect(['s1', 's2', 's3'].map((s) => b.filter((x) => x === s).length)).toEqual([86, 85, 85]);
  });
  it('2,1,1: each dest for as many buckets in a row as its weight', () => {
    const b = shBuckets(dests([2, 1, 1]));
    expect(b.slice(0, 8)).toEqual(['s1', 's1', 's2', 's3', 's1', 's1', 's2', 's3']);
    expect(['s1', 's2', 's3'].map((s) => b.filter((x) => x === s).length)).toEqual([128, 64, 64]);
  });
  it('weight 0 is NOT skipped: `++d_count >= weight` gives it one bucket per round', () => {
    expect(shBuckets(dests([1, 0, 1])).slice(0, 6)).toEqual(['s1', 's2', 's3', 's1', 's2', 's3']);
  });
  it('an empty list: every bucket empty, NULL', () => {
    expect(shBuckets([]).every((x) => x === null)).toBe(true);
    expect(shSchedule([], shInit([], { port: false, fallback: true }), pkt('10.0.0.1')).error).toBe('no destination available');
  });
});

describe('ip_vs_sh_schedule', () => {
  it("a client's bucket and its dest: 10.0.0.1 is bucket 39, 10.0.0.2 bucket 137", () => {
    const list = dests([1, 1, 1]);
    const d = shSchedule(list, shInit(list), pkt('10.0.0.1'));
    // 39 = 3 * 13: the bucket of s1; 137 = 3 * 45 + 2: s3.
    expect([d.key, d.bucket, d.bucketDest, d.chosen]).toEqual([0x0a000001, 39, 's1', 's1']);
    expect(shSchedule(list, shInit(list), pkt('10.0.0.2')).chosen).toBe('s3');
    const w = dests([2, 1, 1]);
    // Period 4: 39 % 4 = 3 (s3), 137 % 4 = 1 (s1).
    expect([shSchedule(w, shInit(w), pkt('10.0.0.1')).chosen, shSchedule(w, shInit(w), pkt('10.0.0.2')).chosen]).toEqual(['s3', 's1']);
  });
  it('the port counts only with sh-port: 10.0.0.1 port 1 hashes as 10.0.0.2', () => {
    const list = dests([1, 1, 1]);
    expect(shSchedule(list, shInit(list), pkt('10.0.0.1', 1)).bucket).toBe(39);
    expect(shSchedule(list, shInit(list, { port: true, fallback: false }), pkt('10.0.0.1', 1)).bucket).toBe(137);
  });
  it('a failed dest (weight 0, keepalived inhibit_on_failure): without sh-fallback its clients get NULL', () => {
    const list = dests([1, 1, 1]);
    const state = shInit(list);
    const failed = dests([0, 1, 1]);
    shDestChanged(failed, state, { kind: 'upd', id: 's1', before: list });
    // The table is the same (weight 0 still holds one bucket per round), s1 cannot take it.
    expect(state.buckets).toEqual(shBuckets(list));
    const d = shSchedule(failed, state, pkt('10.0.0.1'));
    expect([d.bucketDest, d.rejected, d.index, d.error]).toEqual(['s1', 'weight-0', null, 'no destination available']);
  });
  it('with sh-fallback the walk starts at bucket 2 x 39 = 78 (s1 again), then 79: s2', () => {
    const failed = dests([0, 1, 1]);
    const d = shSchedule(failed, shInit(failed, { port: false, fallback: true }), pkt('10.0.0.1'));
    expect([d.chosen, d.fallback]).toEqual([
      's2',
      [
        { bucket: 78, dest: 's1', rejected: 'weight-0' },
        { bucket: 79, dest: 's2', rejected: null },
      ],
    ]);
  });
  it('an overloaded dest is refused the same way', () => {
    const list = dests([1, 1, 1], [true]);
    expect(shSchedule(list, shInit(list), pkt('10.0.0.1')).rejected).toBe('overloaded');
  });
  it("a removed dest (keepalived's default) refills the table: other clients move too", () => {
    const list = dests([1, 1, 1]);
    const state = shInit(list);
    // 10.1.2.3 is bucket 2 (hash_32 above): 2 = 3 * 0 + 2, s3's.
    expect(shSchedule(list, state, pkt('10.1.2.3')).chosen).toBe('s3');
    const after = list.slice(1);
    shDestChanged(after, state, { kind: 'del', id: 's1', before: list });
    // Buckets now alternate s2 s3: bucket 2 is s2's, so 10.1.2.3 moves though s3 is still there.
    expect(shSchedule(after, state, pkt('10.1.2.3')).chosen).toBe('s2');
    expect(state.buckets.slice(0, 4)).toEqual(['s2', 's3', 's2', 's3']);
  });
  it('the same client always gets the same dest, whatever else happens', () => {
    const octet = fc.integer({ min: 0, max: 255 });
    const ip = fc.tuple(octet, octet, octet, octet).map((o) => o.join('.'));
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 6 }), ip, fc.array(ip), (ws, client, others) => {
        const list = dests(ws);
        const state = shInit(list);
        const first = shSchedule(list, state, pkt(client)).chosen;
        for (const o of others) shSchedule(list, state, pkt(o));
        expect(shSchedule(list, state, pkt(client, 1234)).chosen).toBe(first);
      }),
    );
  });
});
