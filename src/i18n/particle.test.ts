import { describe, expect, it } from 'vitest';
import { ending, particle, withParticle } from './particle.ts';
import { translate } from './index.ts';

/**
 * An oracle written another way: the whole Sino-Korean reading of a number, syllable by
 * syllable (403 → 사백삼), whose last syllable's final consonant the helper must agree with.
 */
const DIGITS = ['', '일', '이', '삼', '사', '오', '육', '칠', '팔', '구'];
function read(n: number): string {
  if (n === 0) return '영';
  const units = ['', '십', '백', '천'];
  const groups = ['', '만', '억', '조'];
  let out = '';
  const s = String(n);
  for (let g = Math.ceil(s.length / 4) - 1; g >= 0; g--) {
    const part = Number(s.slice(Math.max(0, s.length - 4 * (g + 1)), s.length - 4 * g));
    if (part === 0) continue;
    let p = '';
    for (let k = 3; k >= 0; k--) {
      const d = Math.floor(part / 10 ** k) % 10;
      if (d === 0) continue;
      p += (d === 1 && k > 0 ? '' : DIGITS[d]!) + units[k]!;
    }
    out += (g === 1 && part === 1 ? '' : p) + groups[g]!;
  }
  return out;
}
const LETTERS: Record<string, string> = { s: '에스', l: '엘', b: '비', m: '엠', n: '엔', r: '알' };
/** What a particle must be after a reading, from its last syllable's final consonant. */
function expected(reading: string, pair: [string, string]): string {
  const final = (reading.charCodeAt(reading.length - 1) - 0xac00) % 28;
  if (pair[0] === '으로') return final === 0 || final === 8 ? '로' : '으로';
  return final === 0 ? pair[1] : pair[0];
}
const PAIRS: [string, string][] = [
  ['이', '가'],
  ['을', '를'],
  ['은', '는'],
  ['과', '와'],
  ['으로', '로'],
  ['이라', '라'],
];

describe('Korean particles after numbers and names', () => {
  it('reads numbers the way the oracle does', () => {
    expect([0, 1, 10, 11, 20, 100, 101, 110, 403, 1000, 1001, 10000, 100000, 10 ** 8, 10 ** 12].map(read)).toEqual([
      '영',
      '일',
      '십',
      '십일',
      '이십',
      '백',
      '백일',
      '백십',
      '사백삼',
      '천',
      '천일',
      '만',
      '십만',
      '일억',
      '일조',
    ]);
  });

  it('agrees with the full reading for every id from 0 to 1000 and some large numbers', () => {
    const numbers = [...Array.from({ length: 1001 }, (_, i) => i), 1200, 7609, 10000, 54321, 100000, 120000, 10 ** 8, 10 ** 12];
    for (const n of numbers) {
      for (const pair of PAIRS) {
        const want = expected(read(n), pair);
        expect(particle(n, pair[0] as never), `${n} (${read(n)}) + ${pair.join('/')}`).toBe(want);
        expect(particle(`#${n}`, pair[1] as never)).toBe(want);
      }
    }
  });

  it('reads server and balancer names letter by letter, then the number', () => {
    const names = [
      ...Array.from({ length: 30 }, (_, i) => [`s${i + 1}`, `${LETTERS.s}${read(i + 1)}`]),
      ['lb1', `${LETTERS.l}${LETTERS.b}일`],
      ['lb2', `${LETTERS.l}${LETTERS.b}이`],
    ];
    for (const letter of ['l', 'm', 'n', 'r', 's', 'b'])
      expect(particle(letter, '로'), letter).toBe(expected(LETTERS[letter]!, ['으로', '로']));
    for (const [name, reading] of names) {
      for (const pair of PAIRS) expect(particle(name!, pair[1] as never), `${name} (${reading})`).toBe(expected(reading!, pair));
    }
  });

  it('a table of known readings', () => {
    const table: [string | number, string][] = [
      ['#3', '#3이'],
      ['#1', '#1이'],
      ['#2', '#2가'],
      [0, '0이'],
      [10, '10이'],
      ['s1', 's1이'],
      ['s2', 's2가'],
      ['s3', 's3이'],
      ['s10', 's10이'],
      ['s12', 's12가'],
      ['lb1', 'lb1이'],
      ['lb2', 'lb2가'],
      [401, '401이'],
      [403, '403이'],
      [429, '429가'],
      [502, '502가'],
      [503, '503이'],
      [504, '504가'],
      [200, '200이'],
      ['192.0.2.77', '192.0.2.77이'],
      ['10.0.0.12:8080', '10.0.0.12:8080이'],
      ['198.51.100.1:80', '198.51.100.1:80이'],
      ['7,609.4', '7,609.4가'],
      ['1,000', '1,000이'],
      ['3.6초', '3.6초가'],
      ['서버', '서버가'],
      ['연결', '연결이'],
      ['l', 'l이'],
      ['m', 'm이'],
      ['VIP', 'VIP가'],
      ['URL', 'URL이'],
      ['NAT', 'NAT이'],
      ['nginx', 'nginx가'],
      ['HAProxy', 'HAProxy가'],
      ['(s3)', '(s3)이'],
      ['"s2"', '"s2"가'],
    ];
    for (const [word, out] of table) expect(withParticle(word, '가')).toBe(out);
    expect(
      [403, 401, 502, 503, 504, 1, 2, 3, 's1', 's2', 's3', 'lb1', 'lb2', 'l', 'm', 'URL', '10.0.0.12:8080'].map((w) =>
        withParticle(w, '로'),
      ),
    ).toEqual([
      '403으로',
      '401로',
      '502로',
      '503으로',
      '504로',
      '1로',
      '2로',
      '3으로',
      's1로',
      's2로',
      's3으로',
      'lb1로',
      'lb2로',
      'l로',
      'm으로',
      'URL로',
      '10.0.0.12:8080으로',
    ]);
    expect(['#1', '#2', 's3', 'lb2'].map((w) => withParticle(w, '을'))).toEqual(['#1을', '#2를', 's3을', 'lb2를']);
    expect(['#1', '#2', 's3', 's2'].map((w) => withParticle(w, '는'))).toEqual(['#1은', '#2는', 's3은', 's2는']);
    expect(['#1', 's2', 'L4', 'L7'].map((w) => withParticle(w, '와'))).toEqual(['#1과', 's2와', 'L4와', 'L7과']);
    expect(ending('')).toBeNull();
  });

  it('translate applies {name|particle} in Korean and ignores it in English', () => {
    expect(translate('ko', 'tcp.log.send', { node: 'lb1', id: 3, flags: 'SYN', src: 'a', dst: 'b' })).toBe(
      'lb1이 #3의 SYN 세그먼트를 보냅니다: a → b',
    );
    expect(translate('ko', 'tcp.log.send', { node: 's2', id: 3, flags: 'SYN', src: 'a', dst: 'b' })).toBe(
      's2가 #3의 SYN 세그먼트를 보냅니다: a → b',
    );
    expect(translate('ko', 'log.serverRecv', { server: 's1', id: 2, src: 'x' })).toBe('s1 서버가 요청 #2를 받습니다 (출발지 x)');
    expect(translate('ko', 'log.serverRecv', { server: 's1', id: 3, src: 'x' })).toBe('s1 서버가 요청 #3을 받습니다 (출발지 x)');
    expect(translate('en', 'log.serverRecv', { server: 's1', id: 3, src: 'x' })).toBe('s1 receives #3 from x');
  });
});
