import { describe, expect, it } from 'vitest';
import type { IpvsDest } from '../../sim/algorithms/ipvs/dest.ts';
import { lcSchedule } from '../../sim/algorithms/ipvs/lc.ts';
import { IPVS_SCHEDULERS } from '../../sim/algorithms/ipvs/registry.ts';
import { rrInit, rrSchedule } from '../../sim/algorithms/ipvs/rr.ts';
import { shInit, shSchedule } from '../../sim/algorithms/ipvs/sh.ts';
import { wlcSchedule } from '../../sim/algorithms/ipvs/wlc.ts';
import { wrrInit, wrrSchedule } from '../../sim/algorithms/ipvs/wrr.ts';
import type { RequestRecord } from '../../sim/types.ts';
import { overheadSummary } from './ipvsOverheadText.ts';
import { IPVS_ALGORITHM_OF, overheadRows, wrrIpvsRows } from './ipvsRows.ts';
import { shLines, shSameLine } from './ipvsShText.ts';
import { ipvsByLine, ipvsErrorLine, ipvsHeadline, ipvsSourceLine, persistLine, rrLines, rrWalk, wrrIpvsLines } from './ipvsText.ts';

/** IPVS dests in list order: weights, and optionally [active, inactive] counts and overload. */
function dests(weights: number[], conns: [number, number][] = [], overloaded: boolean[] = []): IpvsDest[] {
  return weights.map((weight, i) => ({
    id: `s${i + 1}`,
    weight,
    overloaded: overloaded[i] ?? false,
    activeConns: conns[i]?.[0] ?? 0,
    inactConns: conns[i]?.[1] ?? 0,
  }));
}
const texts = (lines: readonly { text: string }[]) => lines.map((l) => l.text);

describe('who picks in L4: IPVS, named with its source', () => {
  it("the page's map from kernel scheduler to lab algorithm is IPVS_SCHEDULERS read backwards (registry.ts)", () => {
    const fromRegistry = Object.fromEntries(Object.entries(IPVS_SCHEDULERS).map(([algorithm, e]) => [e.kernel, algorithm]));
    expect(IPVS_ALGORITHM_OF).toEqual(fromRegistry);
  });

  it('names the kernel scheduler, the lab algorithm and the file and function it follows (registry.ts)', () => {
    const list = dests([5, 1, 1]);
    const d = wrrSchedule(list, wrrInit(list));
    expect(ipvsByLine(d, 'en')).toBe('IPVS (the Linux kernel) picks with wrr (weighted round robin)');
    expect(ipvsByLine(d, 'ko')).toBe('IPVS(리눅스 커널)의 wrr 스케줄러(가중 라운드로빈)가 고릅니다');
    expect(ipvsSourceLine(d, 'en')).toBe('Read from Linux: net/netfilter/ipvs/ip_vs_wrr.c, ip_vs_wrr_schedule');
    expect(ipvsSourceLine(lcSchedule(list), 'en')).toBe('Read from Linux: net/netfilter/ipvs/ip_vs_lc.c, ip_vs_lc_schedule');
    expect(ipvsHeadline(d, 'lb1', 'en')).toBe('Chosen server: s1');
  });

  it("no destination: ip_vs_scheduler_err's log line and ip_vs_leave's ICMP port unreachable (ip_vs_sched.c, ip_vs_core.c)", () => {
    const list = dests([0, 0]);
    const d = rrSchedule(list, rrInit());
    expect(d.error).toBe('no destination available');
    expect(ipvsHeadline(d, 'lb1', 'en')).toBe('No destination available → IPVS on lb1 drops the SYN and answers ICMP port unreachable');
    const r = {
      client: '192.0.2.1',
      hops: [{ at: 20, node: 'lb1', dir: 'request', in: { src: '192.0.2.1:40000', dst: '198.51.100.1:80' }, out: null }],
      nat: null,
    } as unknown as RequestRecord;
    expect(ipvsErrorLine(d, r, 'lb1', 'en')).toMatch(
      /^The kernel logs "IPVS: rr: TCP 198\.51\.100\.1:80 - no destination available" and answers the client with ICMP port unreachable/,
    );
    expect(ipvsErrorLine(d, r, 'lb1', 'ko')).toMatch(
      /^커널은 로그에 "IPVS: rr: TCP 198\.51\.100\.1:80 - no destination available"라고 남기고/,
    );
    expect(ipvsErrorLine(rrSchedule(dests([1]), rrInit()), r, 'lb1', 'en')).toBeNull();
  });

  it("a persistence template's pick (ip_vs_sched_persist, ip_vs_core.c) names keepalived's persistence_timeout", () => {
    const r = { client: '203.0.113.10', server: 's2' } as RequestRecord;
    expect(persistLine(r, 300_000, 'en')).toMatch(
      /^A connection from 203\.0\.113\.10 came within keepalived's persistence_timeout \(300 s\): its template sends it to s2, and no scheduler runs\./,
    );
    expect(persistLine(r, 300_000, 'ko')).toMatch(/템플릿이 s2로 보내고/);
  });
});

describe('rr: the walk from the last pick (net/netfilter/ipvs/ip_vs_rr.c, ip_vs_rr_schedule)', () => {
  const list = dests([1, 0, 1]);
  const state = rrInit();
  const [a, b, c] = [rrSchedule(list, state), rrSchedule(list, state), rrSchedule(list, state)];

  it('the first pick starts at the head', () => {
    expect(a.chosen).toBe('s1');
    expect(texts(rrLines(a, 'en'))).toEqual([
      'No pick yet: the walk starts at the head of the list, and s1 is the first that can take it.',
      'The walk: head → s1 ✓',
    ]);
  });

  it('from s1 the walk passes s2 (weight 0) and takes s3; then round to s1', () => {
    expect(rrWalk(b, 'en')).toBe('s1 → s2 ✕ → s3 ✓');
    expect(texts(rrLines(b, 'en'))).toEqual([
      'The last pick was s1: the walk goes on from it, and s3 is the next that can take it.',
      'The walk: s1 → s2 ✕ → s3 ✓',
      's2: passed over, weight 0: takes no new connections',
    ]);
    expect(c.chosen).toBe('s1');
    expect(rrWalk(c, 'ko')).toBe('s3 → s1 ✓');
  });

  it('the only server that can take it is picked again', () => {
    const one = dests([1, 0]);
    const s = rrInit();
    rrSchedule(one, s);
    const again = rrSchedule(one, s);
    expect(texts(rrLines(again, 'en'))[0]).toBe('The last pick was s1, and no other server can take it: s1 again.');
  });
});

describe('wrr: cw, its gcd step and mw (net/netfilter/ipvs/ip_vs_wrr.c, ip_vs_wrr_schedule)', () => {
  it('5,1,1: s1 five times at cw 5, 4, 3, 2, 1, then s2 and s3 at cw 1, then back to mw = 5', () => {
    const list = dests([5, 1, 1]);
    const mark = wrrInit(list);
    const ds = Array.from({ length: 8 }, () => wrrSchedule(list, mark));
    expect(ds.map((d) => d.chosen).join(' ')).toBe('s1 s1 s1 s1 s1 s2 s3 s1');
    expect(texts(wrrIpvsLines(ds[0]!, 'en'))).toEqual([
      'cw stays 5: the walk goes on from the last pick.',
      's1 is the next server whose weight is at least cw = 5.',
      'cw: 5 before the pick → 5 after · gcd step: 1',
      'mw = largest weight − (gcd − 1) = 5 − (1 − 1) = 5',
    ]);
    expect(texts(wrrIpvsLines(ds[1]!, 'en')).slice(0, 2)).toEqual([
      'The walk reached the end of the list: cw 5 − 1 (the gcd) = 4, from the top again.',
      's1 is the next server whose weight is at least cw = 4.',
    ]);
    expect(texts(wrrIpvsLines(ds[5]!, 'en'))[1]).toBe('s2 is the next server whose weight is at least cw = 1.');
    // After s3 the walk ends at cw 1: 1 − 1 = 0 is below 1, so cw is mw again.
    expect(texts(wrrIpvsLines(ds[7]!, 'en'))[0]).toBe(
      'The walk reached the end of the list: cw 1 − 1 = 0, below 1, so cw starts again at mw = 5.',
    );
    expect(texts(wrrIpvsLines(ds[7]!, 'ko'))[0]).toBe('목록 끝에 닿았습니다: cw 1 − 1 = 0, 1보다 작으므로 mw = 5에서 다시 시작합니다.');
    expect(texts(wrrIpvsLines(ds[1]!, 'ko'))[1]).toBe('s1은 가중치가 cw = 4 이상인 다음 서버입니다.');
  });

  it('4,2: the gcd 2 makes mw 3, and cw goes 3 → 1 → below 1 (−1) → 3', () => {
    const list = dests([4, 2]);
    const mark = wrrInit(list);
    const [a, b, c, d] = [wrrSchedule(list, mark), wrrSchedule(list, mark), wrrSchedule(list, mark), wrrSchedule(list, mark)];
    expect([a, b, c, d].map((x) => x.chosen).join(' ')).toBe('s1 s1 s2 s1');
    expect(texts(wrrIpvsLines(a, 'en'))).toContain('mw = largest weight − (gcd − 1) = 4 − (2 − 1) = 3');
    expect(texts(wrrIpvsLines(b, 'en'))[0]).toBe('The walk reached the end of the list: cw 3 − 2 (the gcd) = 1, from the top again.');
    expect(texts(wrrIpvsLines(d, 'en'))[0]).toBe(
      'The walk reached the end of the list: cw 1 − 2 = −1, below 1, so cw starts again at mw = 3.',
    );
    expect(texts(wrrIpvsLines(d, 'en'))).toContain('cw: 1 before the pick → 3 after · gcd step: 2');
  });

  it('a long chase is told by its first two walks and its last', () => {
    // 9,1 with s1 overloaded: from cw 9 the walks go 8, 7, … 1 before s2 (weight 1) can take it.
    const list = dests([9, 1], [], [true, false]);
    const d = wrrSchedule(list, wrrInit(list));
    expect(d.chosen).toBe('s2');
    expect(d.steps).toHaveLength(8);
    const lines = texts(wrrIpvsLines(d, 'en'));
    expect(lines.slice(0, 4)).toEqual([
      'The walk reached the end of the list: cw 9 − 1 (the gcd) = 8, from the top again.',
      'The walk reached the end of the list: cw 8 − 1 (the gcd) = 7, from the top again.',
      '… 5 more walks, cw going down by 1 each …',
      'The walk reached the end of the list: cw 2 − 1 (the gcd) = 1, from the top again.',
    ]);
  });

  it("the table: each weight against the picking walk's cw; a server out of the list reaches nothing", () => {
    const list = dests([5, 1, 1]);
    const mark = wrrInit(list);
    wrrSchedule(list, mark);
    const d = wrrSchedule(list, mark);
    const rows = wrrIpvsRows(d, [
      { name: 's1', weight: 5, out: false },
      { name: 's2', weight: 1, out: false },
      { name: 's3', weight: 1, out: true },
    ]);
    expect(rows.map((r) => [r.name, r.reaches, r.winner, r.out])).toEqual([
      ['s1', true, true, false],
      ['s2', false, false, false],
      ['s3', false, false, true],
    ]);
  });
});

describe('lc and wlc: the overhead active × 256 + inactive (ip_vs_dest_conn_overhead, include/net/ip_vs.h)', () => {
  it('lc (ip_vs_lc.c, ip_vs_lc_schedule): the least overhead, weights ignored, a tie to the first in the list', () => {
    const d = lcSchedule(
      dests(
        [5, 1, 1],
        [
          [1, 0],
          [0, 3],
          [0, 3],
        ],
      ),
    );
    expect(d.chosen).toBe('s2');
    expect(overheadRows(d).map((r) => [r.name, r.overhead, r.least, r.winner, r.perWeight])).toEqual([
      ['s1', 256, false, false, null],
      ['s2', 3, true, true, null],
      ['s3', 3, true, false, null],
    ]);
    expect(texts(overheadSummary(d, 'en'))).toEqual([
      's2, s3 tie at 3: the first in the list, s2, takes it (lc does not look at weights).',
      's1: 1 × 256 + 0 = 256',
      's2: 0 × 256 + 3 = 3',
      's3: 0 × 256 + 3 = 3',
    ]);
    expect(texts(overheadSummary(d, 'ko'))[0]).toBe('s2, s3 서버가 모두 3이므로 목록에서 앞선 s2가 받습니다(lc는 가중치를 보지 않습니다).');
  });

  it('lc passes over a weight-0 server before reading its overhead', () => {
    const d = lcSchedule(
      dests(
        [0, 1],
        [
          [0, 0],
          [2, 1],
        ],
      ),
    );
    expect(d.chosen).toBe('s2');
    const rows = overheadRows(d);
    expect(rows.map((r) => [r.name, r.overhead, r.out])).toEqual([
      ['s1', null, true],
      ['s2', 513, false],
    ]);
    expect(texts(overheadSummary(d, 'en'))[0]).toBe('s2 has the least overhead: 513.');
  });

  it('wlc (ip_vs_wlc.c, ip_vs_wlc_schedule): overhead ÷ weight, compared as products', () => {
    // s1: 512 × 1 = 512 against s2: 256 × 3 = 768, so s1 (512/3) beats s2 (256/1).
    const d = wlcSchedule(
      dests(
        [3, 1],
        [
          [2, 0],
          [1, 0],
        ],
      ),
    );
    expect(d.chosen).toBe('s1');
    expect(overheadRows(d).map((r) => [r.name, r.perWeight, r.perWeightValue, r.least])).toEqual([
      ['s1', '512/3 = 170.67', 170.67, true],
      ['s2', '256/1 = 256', 256, false],
    ]);
    expect(texts(overheadSummary(d, 'en'))[0]).toBe('s1 has the least overhead ÷ weight: 512/3 = 170.67.');
  });

  it('wlc with every server idle: all tie at 0, the first with a weight above 0 keeps it; weight 0 never wins', () => {
    const d = wlcSchedule(dests([1, 5, 0]));
    expect(d.chosen).toBe('s1');
    const rows = overheadRows(d);
    expect(rows.map((r) => [r.name, r.least, r.perWeight])).toEqual([
      ['s1', true, '0/1 = 0'],
      ['s2', true, '0/5 = 0'],
      ['s3', false, null],
    ]);
    expect(texts(overheadSummary(d, 'en'))[0]).toBe('s1, s2 tie at 0/1 = 0: the earlier in the list, s1, keeps it.');
  });
});

describe('sh: the whole address, hash_32 and the bucket (net/netfilter/ipvs/ip_vs_sh.c, include/linux/hash.h)', () => {
  it('10.0.0.1 = 167772161: × 0x61C88647 = 0x27C88647 (mod 2³²), top 8 bits 0x27 = bucket 39', () => {
    // By hand as in sh.test.ts: 0x0A000001 × 0x61C88647 mod 2^32 = 0x27C88647.
    const list = dests([1, 1, 1]);
    const d = shSchedule(list, shInit(list), { clientIp: '10.0.0.1', clientPort: 40000 });
    expect(d.bucket).toBe(39);
    // ip_vs_sh_reassign with weights 1,1,1: bucket i holds s(i mod 3 + 1); 39 mod 3 = 0.
    expect(d.chosen).toBe('s1');
    expect(shLines(d, '10.0.0.1', 'en').map((l) => [l.kind, l.text])).toEqual([
      ['words', "sh hashes the whole address 10.0.0.1 = 167772161 (nginx's ip_hash reads only 10.0.0)."],
      ['words', 'The bucket is hash_32(key, 8): the top 8 bits of key × 0x61C88647, in 32 bits.'],
      ['math', '167772161 × 0x61C88647 = 0x27C88647 (mod 2³²)'],
      ['math', 'top 8 bits: 0x27 = 39'],
      ['bucket', 'Bucket 39 holds s1.'],
    ]);
    expect(shSameLine(d, '10.0.0.1', 'en')).toBe(
      'Every connection from 10.0.0.1 hashes to bucket 39: it stays on s1 while the list stays the same.',
    );
    expect(texts(shLines(d, '10.0.0.1', 'ko'))[0]).toBe(
      'sh는 주소 전체 10.0.0.1 = 167772161을 해시합니다 (nginx의 ip_hash는 10.0.0만 읽습니다).',
    );
  });

  it('with sh-port the source port is added to the key (ip_vs_sh_hashkey)', () => {
    const list = dests([1, 1, 1]);
    const d = shSchedule(list, shInit(list, { port: true, fallback: false }), { clientIp: '10.0.0.1', clientPort: 1 });
    expect(texts(shLines(d, '10.0.0.1', 'en'))[1]).toBe('With sh-port the source port is added: 167772161 + 1 = 167772162.');
    // 10.0.0.2's key, as sh.test.ts works it out by hand: bucket 137.
    expect(d.bucket).toBe(137);
  });

  it('a bucket whose server has weight 0 refuses, without sh-fallback, though others could take it (ip_vs_sh_get)', () => {
    // 1,0,1: the weight-0 s2 still holds one bucket a round (ip_vs_sh_reassign); a client hashed there is refused.
    const list = dests([1, 0, 1]);
    const state = shInit(list);
    const held = state.buckets.indexOf('s2');
    const client = ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4', '10.0.0.5', '10.0.0.6', '10.0.0.7', '10.0.0.8']
      .map((ip) => ({ ip, d: shSchedule(list, state, { clientIp: ip, clientPort: 40000 }) }))
      .find((x) => x.d.bucketDest === 's2');
    expect(held).toBeGreaterThanOrEqual(0);
    expect(client).toBeDefined();
    const lines = shLines(client!.d, client!.ip, 'en');
    expect(lines.at(-1)).toEqual({
      kind: 'rejected',
      text: 's2 cannot take it (weight 0: takes no new connections), and without sh-fallback IPVS looks no further: no destination available, though other servers could take it.',
      rejected: true,
    });
    expect(shSameLine(client!.d, client!.ip, 'en')).toBeNull();

    // With sh-fallback the table is walked on (ip_vs_sh_get_fallback) until a server can take it.
    const fb = shSchedule(list, shInit(list, { port: false, fallback: true }), { clientIp: client!.ip, clientPort: 40000 });
    expect(fb.chosen).not.toBeNull();
    const walked = texts(shLines(fb, client!.ip, 'en'));
    expect(walked).toContain('s2 cannot take it (weight 0: takes no new connections): with sh-fallback IPVS walks the table on.');
    expect(walked.at(-1)).toMatch(new RegExp(`^bucket \\d+ → ${fb.chosen} ✓$`));
  });
});
