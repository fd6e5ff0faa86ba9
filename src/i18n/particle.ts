/**
 * Korean particles (조사) after a number or a name: 이/가, 을/를, 은/는, 과/와, 으로/로, 이라/라,
 * 이나/나. Which form is right depends on how the word is READ aloud: a number reads
 * Sino-Korean (403 사백삼, 1 일, 20 이십, 1000 천), a Latin letter by its name (s 에스, l 엘,
 * m 엠, n 엔, r 알), so "403으로", "1로", "s1이", "lb2가", "#3은". The particle follows the last
 * syllable read: with a final consonant (받침) it takes the first form (이, 을, 은, 과, 이라,
 * 이나); without, the second; 으로/로 takes 로 after a vowel and after ㄹ too ("1로", "l로").
 */

/** Each particle's two forms: [after a final consonant, after a vowel]. */
const PAIRS = [
  ['이', '가'],
  ['을', '를'],
  ['은', '는'],
  ['과', '와'],
  ['으로', '로'],
  ['이라', '라'],
  ['이나', '나'],
] as const;

export type Particle = (typeof PAIRS)[number][number];
export const PARTICLES: readonly Particle[] = PAIRS.flat();

/** How the last syllable read ends: no final consonant, ㄹ, or another final consonant. */
export type Ending = 'vowel' | 'rieul' | 'consonant';

/** The last syllable of each digit read Sino-Korean: 영 일 이 삼 사 오 육 칠 팔 구. */
const DIGIT: Ending[] = ['consonant', 'rieul', 'vowel', 'consonant', 'vowel', 'vowel', 'consonant', 'rieul', 'rieul', 'vowel'];
/** 십, 백, 천 after a zero units digit. */
const TENS: Ending[] = ['consonant', 'consonant', 'consonant'];
/** The name of the lowest group of four digits that is not zero: 만, 억, 조, 경. */
const GROUPS: Ending[] = ['consonant', 'consonant', 'vowel', 'consonant'];

/**
 * Latin letters read by their names: a 에이, b 비, c 씨, d 디, e 이, f 에프, g 지, h 에이치,
 * i 아이, j 제이, k 케이, l 엘, m 엠, n 엔, o 오, p 피, q 큐, r 알, s 에스, t 티, u 유, v 브이,
 * w 더블유, x 엑스, y 와이, z 지.
 */
const LETTER: Record<string, Ending> = { l: 'rieul', r: 'rieul', m: 'consonant', n: 'consonant' };

/** Words of the page read as words, not letter by letter. */
const WORDS: Record<string, Ending> = {
  nat: 'consonant', // 낫
  syn: 'consonant', // 신
  ack: 'consonant', // 액
  nginx: 'vowel', // 엔진엑스
};

/** How a whole number (digits only, no sign) ends when read Sino-Korean. */
export function numberEnding(digits: string): Ending {
  const d = digits.replace(/^0+(?=\d)/, '');
  if (/^0+$/.test(d)) return 'consonant'; // 영
  const zeros = d.length - d.replace(/0+$/, '').length;
  if (zeros === 0) return DIGIT[Number(d[d.length - 1])]!;
  const group = Math.floor(zeros / 4);
  if (group > 0) return GROUPS[Math.min(group, GROUPS.length) - 1]!;
  return TENS[zeros - 1]!;
}

/**
 * How `word` ends when read in Korean: its last Hangul syllable, number or Latin letter.
 * Closing brackets, quotes and spaces at the end are not read. Null when nothing is read.
 */
export function ending(word: string | number): Ending | null {
  const w = String(word).replace(/[\s)\]}"'”’»」』]+$/u, '');
  const last = w.at(-1);
  if (last === undefined) return null;
  const code = last.charCodeAt(0);
  if (code >= 0xac00 && code <= 0xd7a3) {
    const final = (code - 0xac00) % 28;
    return final === 0 ? 'vowel' : final === 8 ? 'rieul' : 'consonant';
  }
  if (/\d/.test(last)) {
    // "7,609" is one number; after a decimal point or a dot of an address, the last part is read alone.
    const run = /[\d,]*\d$/.exec(w)![0].replace(/,/g, '');
    return numberEnding(run);
  }
  if (/[a-z]/i.test(last)) {
    const letters = /[a-z]+$/i.exec(w)![0].toLowerCase();
    for (const [name, end] of Object.entries(WORDS)) if (letters.endsWith(name)) return end;
    return LETTER[last.toLowerCase()] ?? 'vowel';
  }
  if (last === '%') return 'vowel'; // 퍼센트
  return null;
}

/** The form of `particle` (either of its forms may be given) that follows `word`. */
export function particle(word: string | number, p: Particle): string {
  const pair = PAIRS.find((x) => (x as readonly string[]).includes(p))!;
  const end = ending(word) ?? 'consonant';
  if (pair[0] === '으로') return end === 'consonant' ? '으로' : '로';
  return end === 'vowel' ? pair[1] : pair[0];
}

/** `word` followed by the right form of `p`: withParticle('s3', '가') → "s3이". */
export function withParticle(word: string | number, p: Particle): string {
  return `${word}${particle(word, p)}`;
}

export function isParticle(s: string): s is Particle {
  return (PARTICLES as readonly string[]).includes(s);
}

// Longest first, so "으로" is not read as "로" nor "이라" as "이"; a particle ends where the word does.
const FOLLOWS = '(이라|으로|이나|이|가|을|를|은|는|과|와|로|라|나)(?![가-힣])';
const WRITTEN = new RegExp(`(?<![\\w.:/-])(#?\\d[\\d,]*(?:\\.\\d+)?|[A-Za-z]+\\d+)${FOLLOWS}`, 'g');

/**
 * The request ids, numbers and server or balancer names written in `text` ("#3", "403", "s3",
 * "lb1", "L7") whose particle does not fit their reading, each as "s3가 → s3이".
 */
export function wrongParticles(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(WRITTEN)) {
    const word = m[1]!,
      p = m[2] as Particle;
    const right = particle(word, p);
    if (right !== p) out.push(`${word}${p} → ${word}${right}`);
  }
  return out;
}
