import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GALLERY } from '../gallery/gallery.ts';
import { LESSONS } from '../lessons/index.ts';
import { dictionaries, PLACEHOLDER } from './index.ts';
import { everyString } from './ownSections.ts';
import { isParticle, wrongParticles } from './particle.ts';

/**
 * Korean text: particles that fit what they follow, and one word for each thing.
 *
 * A regression guard for item 15: no Korean particle may follow a value it cannot see. A
 * placeholder ({id}, ${server}) followed directly by 이/가, 을/를, 은/는, 과/와, 으로/로 or
 * 이라/라 would be right for some values and wrong for others ("#3가", "s1를"): it must go
 * through the helper ({id|이}, withParticle) or the sentence must change. And a number or name
 * written out in Korean text must carry the particle its reading asks for ("s3은", "403으로").
 */

// Longest first, so "으로" is not read as "로" and "이라" not as "이".
const VARIABLE = '(이라|으로|이나|이|가|을|를|은|는|과|와|로|라|나)';
/** A particle ends where the word does: not followed by another syllable ("1이므로" is not one). */
const END = '(?![가-힣])';

const ROOT = join(__dirname, '..');
/** Where the page's Korean words live: lessons, quizzes, the gallery, the views and the i18n tables. */
const DIRS = ['lessons', 'gallery', 'components', 'i18n', 'share', 'store', 'trace', 'App.tsx'];

function files(path: string): string[] {
  const full = join(ROOT, path);
  if (statSync(full).isFile()) return [full];
  return readdirSync(full).flatMap((f) => files(join(path, f)));
}
const sources = DIRS.flatMap(files)
  // particle.ts itself quotes wrong particles in its comments.
  .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f) && !f.endsWith('particle.ts'))
  .map((f) => ({ name: relative(ROOT, f), lines: readFileSync(f, 'utf8').split('\n') }));

/** Every line of source with Korean in it, named by file and line. */
const koreanLines = sources.flatMap((s) =>
  s.lines.map((text, i) => ({ where: `${s.name}:${i + 1}`, text })).filter((l) => /[가-힣]/.test(l.text)),
);

describe('Korean particles', () => {
  it('finds the sources it scans', () => {
    expect(sources.some((s) => s.name.startsWith('lessons/content/'))).toBe(true);
    expect(koreanLines.length).toBeGreaterThan(300);
  });

  it('no i18n placeholder is followed by a particle that depends on its value', () => {
    const bad = Object.entries(everyString('ko')).filter(([, v]) => new RegExp(`\\{\\w+\\}${VARIABLE}${END}`).test(v));
    expect(bad.map(([k, v]) => `${k}: ${v}`)).toEqual([]);
  });

  it('every {name|particle} names a particle the helper knows', () => {
    for (const [k, v] of Object.entries(everyString('ko'))) {
      for (const m of v.matchAll(PLACEHOLDER)) if (m[2] !== undefined) expect(isParticle(m[2]), `${k}: ${m[0]}`).toBe(true);
    }
  });

  it('no ${…} or {…} in Korean source text is followed by a particle that depends on its value', () => {
    const re = new RegExp(`\\}${VARIABLE}${END}`);
    const bad = koreanLines.filter((l) => re.test(l.text)).map((l) => `${l.where}: ${l.text.trim().slice(0, 120)}`);
    expect(bad).toEqual([]);
  });

  it('numbers and names written out in Korean carry the particle their reading asks for', () => {
    // A request id, a server or balancer name, a status, a layer: "#3은", "s3으로", "lb1이", "403으로", "L7과".
    const texts = [
      ...koreanLines.map((l) => ({ where: l.where, text: l.text })),
      ...Object.entries(everyString('ko')).map(([k, v]) => ({ where: k, text: v })),
    ];
    expect(texts.flatMap(({ where, text }) => wrongParticles(text).map((w) => `${where}: ${w}`))).toEqual([]);
    expect(wrongParticles('요청 #3가 s1를 거쳐 403로, s2가 lb1이')).toEqual(['#3가 → #3이', 's1를 → s1을', '403로 → 403으로']);
  });
});

describe('one Korean term for each thing', () => {
  /** The page's fixed Korean: the i18n table, every lesson's words, the gallery. */
  const texts = [
    ...Object.entries(everyString('ko')).map(([k, v]) => ({ where: k, text: v })),
    ...LESSONS.flatMap((l) =>
      [l.title, l.summary, ...l.steps.flatMap((s) => [s.title, s.body, ...(s.quiz ? [s.quiz.question] : [])])].map((t) => ({
        where: l.id,
        text: t.ko,
      })),
    ),
    ...GALLERY.flatMap((g) => [g.title, g.shows].map((t) => ({ where: `gallery ${g.id}`, text: t.ko }))),
  ];
  const using = (re: RegExp) =>
    [...texts.map((t) => t), ...koreanLines.map((l) => ({ where: l.where, text: l.text.replace(/en: (['`"]).*?\1,/g, '') }))]
      .filter((t) => re.test(t.text))
      .map((t) => `${t.where}: ${t.text.trim().slice(0, 100)}`);

  it('a VRRP advert is 광고, never 알림', () => {
    expect(using(/알림/)).toEqual([]);
    expect(using(/광고/).length).toBeGreaterThan(3);
  });

  it('smooth weighted round robin is 스무스 가중 라운드로빈', () => {
    expect(using(/부드러운/)).toEqual([]);
    expect(using(/스무스(\(smooth\))? 가중 라운드로빈/).length).toBeGreaterThan(2);
  });

  it('Lessons (수업) and Classroom mode (발표 모드, for a projector) have names that cannot be confused', () => {
    const lessons = dictionaries.ko['lessons.button'],
      mode = dictionaries.ko['classroom.mode'];
    expect(lessons).toBe('수업');
    expect(mode).toBe('발표 모드');
    expect(mode).not.toContain(lessons);
    expect(lessons).not.toContain(mode);
    expect(using(/수업 모드/)).toEqual([]);
  });

  it('Remove is 제외, Fail is 장애 발생, Restore is 복구: never 빼기 or 장애 내기', () => {
    expect(using(/빼기|장애 ?내기/)).toEqual([]);
    expect(dictionaries.ko['controls.remove']).toBe('{name} 제외');
    expect(dictionaries.ko['fail.failNamed']).toBe('{name} 장애 발생');
    expect(dictionaries.ko['fail.restoreNamed']).toBe('{name} 복구');
    expect(dictionaries.ko['failover.failPrimary']).toBe('메인 로드밸런서 장애 발생');
    expect(using(/장애 발생/).length).toBeGreaterThan(2);
  });

  it('seconds are 초 in Korean, not "s"', () => {
    expect(texts.filter((t) => /(?<![\w.])\d+(\.\d+)? ?s\b/.test(t.text)).map((t) => `${t.where}: ${t.text}`)).toEqual([]);
  });
});
