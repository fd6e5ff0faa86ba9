import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import classroom from '../scenarios/classroom.json';
import { dictionaries, type Lang, type MessageKey } from '../i18n/index.ts';
import type { ScenarioInput } from '../sim/scenario.ts';
import type { ClockHost } from '../store/clock.ts';
import { createLabStore } from '../store/labStore.ts';
import { LESSONS } from './index.ts';
import { applyStep, runView } from './run.ts';
import type { Said } from '../sim/said.ts';

/**
 * A lesson that says "look at X" must name something on the page: every name it quotes (in
 * English "…", in Korean '…') is, word for word, the text of a key the page's views label a
 * control, panel or card with. Settings keywords (nginx's `down`, HAProxy's `fall`) are written
 * in backticks instead, and concepts are not quoted at all.
 */

const COMPONENTS = join(__dirname, '..', 'components');
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const full = join(dir, f);
    return statSync(full).isDirectory() ? files(full) : /\.tsx?$/.test(f) && !/\.test\./.test(f) ? [full] : [];
  });
/** Keys the views show, as t('key') or as a panel's title: 'key' (panels.ts). */
const shownKeys = new Set(
  files(COMPONENTS).flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/(?:\bt\(|title: |name: )'([\w.-]+)'/g)].map((m) => m[1]!)),
);
const labels = (lang: Lang) =>
  new Set(
    [...shownKeys]
      .filter((k): k is MessageKey => k in dictionaries.en)
      .map((k) => dictionaries[lang][k])
      .filter((v) => !v.includes('{')),
  );

const QUOTES: Record<Lang, RegExp[]> = {
  en: [/"([^"]+)"/g, /“([^”]+)”/g],
  ko: [/'([^']+)'/g, /‘([^’]+)’/g, /“([^”]+)”/g],
};
const quoted = (text: string, lang: Lang) => QUOTES[lang].flatMap((re) => [...text.matchAll(re)].map((m) => m[1]!));

const still: ClockHost = { now: () => 0, requestFrame: () => 1, cancelFrame: () => {} };

/** Every text of every step, the quiz's answer included (read from the step's own run). */
async function allTexts(): Promise<{ where: string; text: Said }[]> {
  const out: { where: string; text: Said }[] = [];
  for (const lesson of LESSONS) {
    const store = createLabStore({ lang: 'en', scenario: classroom as ScenarioInput, host: still });
    out.push({ where: lesson.id, text: lesson.title }, { where: lesson.id, text: lesson.summary });
    for (const [k, step] of lesson.steps.entries()) {
      const where = `${lesson.id} step ${k + 1}`;
      out.push({ where, text: step.title }, { where, text: step.body });
      if (!step.quiz) continue;
      expect(await applyStep(store, lesson, k)).toBeNull();
      const asked = step.quiz.ask(runView(store));
      out.push({ where, text: step.quiz.question }, { where, text: asked.why });
      for (const c of asked.choices) if (typeof c !== 'string') out.push({ where, text: c });
    }
  }
  return out;
}

describe('lessons name only what the page shows', () => {
  it('reads the names the views use', () => {
    expect(shownKeys).toContain('why.title');
    expect(shownKeys).toContain('inspector.label');
    expect(labels('ko')).toContain(dictionaries.ko['side.label']);
  });

  it('every quoted name in a lesson, in both languages, is a label the page shows', async () => {
    const texts = await allTexts();
    const bad: string[] = [];
    let seen = 0;
    for (const lang of ['en', 'ko'] as const) {
      const known = labels(lang);
      for (const { where, text } of texts) {
        for (const q of quoted(text[lang], lang)) {
          seen++;
          if (!known.has(q)) bad.push(`${where} (${lang}): ${q}`);
        }
      }
    }
    expect(bad).toEqual([]);
    // The check has something to check: lessons do send students to panels by name.
    expect(seen).toBeGreaterThan(10);
  }, 60_000);

  it('finds a name that does not exist', () => {
    expect(quoted('Select "Packet inspector" to follow it', 'en')).toEqual(['Packet inspector']);
    expect(labels('en').has('Packet inspector')).toBe(true);
    expect(labels('ko').has('이 서버를 고른 이유')).toBe(false);
  });
});
