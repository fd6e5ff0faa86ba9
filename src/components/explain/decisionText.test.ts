import { describe, expect, it } from 'vitest';
import { INSTANT, run } from '../../sim/test/helpers.ts';
import type { Decision } from '../../sim/algorithms/pick.ts';
import { headline, markLiveNote, pathNote, skippedLines } from './decisionText.ts';
import { ipvsHeadline } from './ipvsText.ts';
import { ipHashBlocks, ipHashOctetsLine, ipHashSameNet } from './ipHashText.ts';
import { leastConnRows, leastConnSummary } from './leastConnText.ts';
import { wrrRows, wrrSummary } from './wrrText.ts';

const three = [{ name: 's1' }, { name: 's2' }, { name: 's3' }];

/** nginx's decisions: L7 (in L4 IPVS picks, and records carry `ipvs` instead; ipvsText.test.ts). */
function decisions(scenario: object): Decision[] {
  return run({ mode: 'L7', network: INSTANT, ...scenario }).map((r) => r.decision!);
}

/** The same scenario in L4: IPVS's pick. */
function ipvsPicks(scenario: object) {
  return run({ mode: 'L4', network: INSTANT, ...scenario }).map((r) => r.ipvs!);
}

describe('smooth weighted round robin', () => {
  const ds = decisions({
    algorithm: 'weighted-round-robin',
    servers: [{ name: 'a', weight: 5 }, { name: 'b' }, { name: 'c' }],
    requests: Array.from({ length: 7 }, (_, i) => ({ at: i * 10, client: '192.0.2.1', serviceMs: 1 })),
  });

  it("gives nginx's order a a b a c a a", () => {
    expect(ds.map((d) => d.chosen)).toEqual(['a', 'a', 'b', 'a', 'c', 'a', 'a']);
  });

  it('tabulates the first pick of {5,1,1}', () => {
    const rows = wrrRows(ds[0]!).map((r) => [r.name, r.weight, r.effective, r.before, r.sum, r.after, r.winner]);
    expect(rows).toEqual([
      ['a', 5, 5, 0, 5, -2, true],
      ['b', 1, 1, 0, 1, 1, false],
      ['c', 1, 1, 0, 1, 1, false],
    ]);
    expect(wrrSummary(ds[0]!, 'en').map((l) => l.text)).toEqual([
      'a has the greatest current weight, 5: it wins.',
      'total = Σ effective = 5 + 1 + 1 = 7',
      "winner's current −= total: a: 5 − 7 = −2",
    ]);
  });

  it('tabulates the third pick, where b and c tie and the first wins', () => {
    const rows = wrrRows(ds[2]!).map((r) => [r.name, r.before, r.sum, r.after, r.winner]);
    expect(rows).toEqual([
      ['a', -4, 1, 1, false],
      ['b', 2, 3, -4, true],
      ['c', 2, 3, 3, false],
    ]);
    const lines = wrrSummary(ds[2]!, 'ko').map((l) => l.text);
    expect(lines[0]).toBe('현재 가중치가 가장 큰 b 서버(3)가 선택됩니다.');
    expect(lines[1]).toBe('b, c 서버가 모두 3이므로 목록에서 앞선 서버가 선택됩니다.');
    expect(lines).toContain('선택된 서버의 현재 가중치 −= 합계: b: 3 − 7 = −4');
  });

  it('states the chosen server', () => {
    expect(headline(ds[0]!, 'lb1', 'en')).toBe('Chosen server: a');
    expect(headline(ds[0]!, 'lb1', 'ko')).toBe('선택된 서버: a');
  });
});

describe('ip_hash', () => {
  it('shows the arithmetic 89 → 3978 → 4441 → 153 for 192.168.0.1', () => {
    const [d] = decisions({ algorithm: 'ip-hash', servers: three, requests: [{ at: 0, client: '192.168.0.1' }] });
    expect(d!.chosen).toBe('s1');
    const [block] = ipHashBlocks(d!, 'en');
    expect(block!.title).toBe('hash starts at 89');
    expect(block!.lines).toEqual([
      '(89 × 113 + 192) mod 6271 = 3978',
      '(3978 × 113 + 168) mod 6271 = 4441',
      '(4441 × 113 + 0) mod 6271 = 153',
      'w = 153 mod 3 (total weight) = 0',
      'w = 0 < 1 (s1) → s1',
    ]);
    expect(ipHashOctetsLine('192.168.0.1', 'en')).toBe('ip_hash uses only the first three octets of 192.168.0.1: 192.168.0');
    expect(ipHashSameNet('192.168.0.1', 'en')).toContain('192.168.0.0/24');
  });

  it('rehashes past a down server: 153 (s1, down) then 5086 → s2', () => {
    const [d] = decisions({
      algorithm: 'ip-hash',
      servers: [{ name: 's1', down: true }, { name: 's2' }, { name: 's3' }],
      requests: [{ at: 0, client: '192.168.0.1' }],
    });
    const blocks = ipHashBlocks(d!, 'en');
    expect(blocks).toHaveLength(2);
    expect(blocks[0]!.rejected).toBe('s1 cannot take it (marked down): hash again.');
    expect(blocks[1]!.title).toBe('Round 2: hash again from 153');
    expect(blocks[1]!.lines).toContain('w = 5086 mod 3 (total weight) = 1');
    expect(blocks[1]!.lines.slice(-2)).toEqual(['w = 1 ≥ 1 (s1) → 1 − 1 = 0', 'w = 0 < 1 (s2) → s2']);
    expect(skippedLines(d!, 'ko')).toEqual(['s1: 다운(down)으로 표시됨']);
  });

  it('walks the weights of 172.16.5.200 to s2 (hash 3526)', () => {
    const [d] = decisions({ algorithm: 'ip-hash', servers: three, requests: [{ at: 0, client: '172.16.5.200' }] });
    expect(ipHashBlocks(d!, 'ko')[0]!.lines).toContain('w = 3526 mod 3 (가중치 합) = 1');
    expect(d!.chosen).toBe('s2');
  });

  it("gives up after 20 rehashes and keeps the panel short; nobody left means nginx's 502 (in L4, IPVS's ICMP port unreachable)", () => {
    const [d] = decisions({
      algorithm: 'ip-hash',
      servers: [
        { name: 's1', down: true },
        { name: 's2', down: true },
      ],
      requests: [{ at: 0, client: '192.168.0.1' }],
    });
    expect(d!.path).toBe('ip-hash-fallback');
    expect(d!.ipHash).toHaveLength(21);
    const blocks = ipHashBlocks(d!, 'en');
    expect(blocks.map((b) => b.title)).toEqual([
      'hash starts at 89',
      expect.stringMatching(/^Round 2: hash \d+, w = \d → s\d$/),
      '… 18 more rounds …',
      expect.stringMatching(/^Round 21: hash again from \d+$/),
    ]);
    expect(headline(d!, 'lb1', 'en')).toBe('No server available → lb1 (nginx) answers 502 Bad Gateway itself');
    // L4: IPVS's sh finds its bucket's dest at weight 0 (a server marked down) and looks no further (ip_vs_sh.c, ip_vs_sh_get).
    const [ipvs] = ipvsPicks({
      algorithm: 'ip-hash',
      servers: [
        { name: 's1', down: true },
        { name: 's2', down: true },
      ],
      requests: [{ at: 0, client: '192.168.0.1' }],
    });
    expect([ipvs!.scheduler, ipvs!.error]).toEqual(['sh', 'no destination available']);
    expect(ipvsHeadline(ipvs!, 'lb1', 'en')).toBe('No destination available → IPVS on lb1 drops the SYN and answers ICMP port unreachable');
  });
});

describe('least connections', () => {
  const ds = decisions({
    algorithm: 'least-connections',
    servers: [{ name: 's1', weight: 2 }, { name: 's2' }, { name: 's3' }],
    requests: [0, 1, 2, 3].map((at) => ({ at, client: '192.0.2.1', serviceMs: 1000 })),
  });

  it('breaks the first, all-zero tie with a smooth WRR step', () => {
    expect(ds[0]!.tied).toEqual(['s1', 's2', 's3']);
    expect(leastConnSummary(ds[0]!, 'en')).toBe('s1, s2, s3 tie at 0/2 = 0: a smooth weighted round robin step runs among them only:');
    expect(wrrRows(ds[0]!).map((r) => r.sum)).toEqual([2, 1, 1]);
  });

  it('compares conns/weight as fractions', () => {
    const rows = leastConnRows(ds[3]!).map((r) => [r.name, r.ratio, r.lowest]);
    expect(rows.map((r) => r[1])).toEqual(ds[3]!.before.map((p) => `${p.conns}/${p.weight} = ${Number((p.conns / p.weight).toFixed(2))}`));
    expect(rows.filter((r) => r[2]).map((r) => r[0])).toContain(ds[3]!.chosen);
  });
});

describe('paths around the algorithm', () => {
  it('explains the single-server path', () => {
    const [d] = decisions({ servers: [{ name: 's1' }], requests: [{ at: 0, client: '192.0.2.1' }] });
    expect(d!.path).toBe('single');
    expect(pathNote(d!, 'en')).toBe('Only one server (s1) is in the upstream: nginx skips the algorithm and sends it there.');
    expect(markLiveNote(d!, 'en')).toBeNull();
  });

  it("explains a single server that is down: nginx's 502 (in L4, IPVS's ICMP port unreachable)", () => {
    const [d] = decisions({ servers: [{ name: 's1', down: true }], requests: [{ at: 0, client: '192.0.2.1' }] });
    expect(d!.chosen).toBeNull();
    expect(pathNote(d!, 'ko')).toBe('업스트림에 서버가 하나(s1)뿐인데, 그 서버가 요청을 받을 수 없습니다.');
    expect(headline(d!, 'lb1', 'ko')).toBe('쓸 수 있는 서버 없음 → lb1 로드밸런서(nginx)가 직접 502 Bad Gateway로 응답');
    // L4: IPVS's rr walks over the weight-0 dest (ip_vs_rr.c, ip_vs_rr_schedule) and finds none.
    const [ipvs] = ipvsPicks({ servers: [{ name: 's1', down: true }], requests: [{ at: 0, client: '192.0.2.1' }] });
    expect(ipvsHeadline(ipvs!, 'lb1', 'ko')).toBe('쓸 수 있는 목적지 없음 → lb1의 IPVS가 SYN을 버리고 ICMP port unreachable로 답합니다');
  });
});
