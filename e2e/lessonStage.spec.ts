import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

/**
 * Lessons never leave the stage: at every step of every lesson, in both languages, at 1280×720
 * and at 1920×1080 in classroom mode, the page stays on the stage (the drawing whole on screen),
 * the lesson card has no scroller of its own, its question, every choice and Check are on
 * screen, and so is everything the step outlines. Measured in screen pixels.
 */

/** What is wrong with the step shown now (nothing: []). */
function problems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const vw = innerWidth,
      vh = innerHeight;
    const whole = (r: DOMRect) => r.top >= -1 && r.left >= -1 && r.bottom <= vh + 1 && r.right <= vw + 1;
    const name = (el: Element) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`;
    const svg = document.querySelector('svg.topology')!;
    if (!whole(svg.getBoundingClientRect())) out.push(`the drawing is off screen (scrollY ${scrollY})`);
    const card = document.querySelector('.lesson-panel');
    const column = document.querySelector('aside.now');
    if (!card || !column) return ['no lesson card'];
    // No scroller in the card, nor between it and the column.
    const clipped = (el: Element, any: boolean) => {
      const { overflowY } = getComputedStyle(el);
      const scrolls = overflowY === 'auto' || overflowY === 'scroll' || (any && overflowY === 'hidden');
      if (scrolls && el.scrollHeight > el.clientHeight + 1) out.push(`${name(el)} scrolls: ${el.scrollHeight} > ${el.clientHeight}`);
    };
    for (const el of card.querySelectorAll('*')) clipped(el, false);
    for (let el: Element | null = card; el && el !== column.parentElement; el = el.parentElement) clipped(el, true);
    // The question, its choices, Check and the step's buttons.
    for (const el of card.querySelectorAll('.quiz-question, .quiz-choice, .lesson-nav button'))
      if (!whole(el.getBoundingClientRect())) out.push(`off screen: ${name(el)} "${(el.textContent ?? '').slice(0, 30)}"`);
    // What the step outlines: on screen, and not hidden in a box it sits in (its top and at least 40 px of it).
    const marked = document.querySelectorAll('.lesson-highlight');
    if (marked.length === 0) out.push('nothing outlined');
    for (const el of marked) {
      const r = el.getBoundingClientRect();
      let top = Math.max(r.top, 0),
        bottom = Math.min(r.bottom, vh);
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        if (getComputedStyle(p).overflowY === 'visible') continue;
        const b = p.getBoundingClientRect();
        top = Math.max(top, b.top);
        bottom = Math.min(bottom, b.bottom);
      }
      const seen = bottom - top;
      if (r.width === 0 || seen < Math.min(r.height, 40) - 1 || top > r.top + 1)
        out.push(`outlined off screen: ${name(el)} [${Math.round(r.top)}, ${Math.round(r.bottom)}] seen ${Math.round(seen)}`);
    }
    return out;
  });
}

/** Waits (a little) for the step to settle: its panel loaded and outlined. */
async function settle(page: Page): Promise<string[]> {
  let found: string[] = [];
  for (let i = 0; i < 20; i++) {
    await page.evaluate(() => window.lbLab.settled());
    await page.waitForTimeout(100);
    found = await problems(page);
    if (found.length === 0) break;
  }
  return found;
}

for (const lang of ['en', 'ko'] as const) {
  const words =
    lang === 'en'
      ? { lessons: 'Lessons', next: 'Next', done: 'Finish', classroom: 'Classroom mode', step: (k: number) => `Step ${k} of` }
      : { lessons: '수업', next: '다음', done: '마치기', classroom: '발표 모드', step: (k: number) => ` 중 ${k}단계` };
  for (const [width, height, classroom] of [
    [1280, 720, false],
    [1920, 1080, true],
  ] as const) {
    test(`every step of every lesson keeps the stage and its whole question on screen (${lang}, ${width}×${height}${classroom ? ', classroom' : ''})`, async ({
      page,
    }) => {
      test.setTimeout(240_000);
      await page.setViewportSize({ width, height });
      await page.goto(`/?lang=${lang}`);
      if (classroom) await page.getByRole('button', { name: words.classroom }).click();
      const lessons = page.getByRole('button', { name: words.lessons, exact: true });
      await lessons.click();
      await expect(page.locator('.lesson-open')).toHaveCount(10);
      const wrong: string[] = [];
      let steps = 0;
      for (let i = 0; i < 10; i++) {
        if (i > 0) await lessons.click();
        await page.locator('.lesson-open').nth(i).click();
        const card = page.locator('.lesson-panel');
        for (let k = 1; ; k++) {
          await expect(card.locator('.lesson-count')).toContainText(words.step(k));
          for (const p of await settle(page)) wrong.push(`lesson ${i + 1} step ${k}: ${p}`);
          steps++;
          const next = card.getByRole('button', { name: words.next, exact: true });
          if ((await next.count()) === 0) break;
          await next.click();
        }
        await card.getByRole('button', { name: words.done, exact: true }).click();
      }
      expect(steps).toBeGreaterThanOrEqual(40);
      expect(wrong).toEqual([]);
    });
  }
}

/** Boxes in the "now" column (itself included) that hide some of their content behind a scroll. */
function columnScrollers(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const column = document.querySelector('aside.now')!;
    const out: string[] = [];
    for (const el of [column, ...column.querySelectorAll('*')]) {
      const { overflowY } = getComputedStyle(el);
      // (A screen reader's words, drawn 1 px small on purpose, are not hidden from anyone.)
      if (overflowY !== 'visible' && el.clientHeight > 1 && el.scrollHeight > el.clientHeight + 1)
        out.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')}: ${el.scrollHeight} > ${el.clientHeight}`);
    }
    return out;
  });
}

test('the now column hides nothing behind a scroll at 1280×720, its tabs work by keyboard, and it is as tall as the stage', async ({
  page,
}) => {
  await page.goto('/?lang=en');
  await page.evaluate(async () => {
    await window.lbLab.settled();
    window.lbLab.seek(3000);
  });
  const column = page.getByRole('complementary', { name: 'What is happening now, and why' });
  const tablist = column.getByRole('tablist', { name: 'What to show beside the stage' });
  const tabs = tablist.getByRole('tab');
  await expect(tabs).toHaveText(['Why', 'NAT', 'VRRP']);
  await expect(tabs.first()).toHaveAttribute('aria-selected', 'true');
  // The column ends where the stage ends; the page is the first screen and what is below it.
  const [stage, now] = await Promise.all([page.locator('section.stage').boundingBox(), column.boundingBox()]);
  expect(Math.abs(stage!.y + stage!.height - (now!.y + now!.height))).toBeLessThanOrEqual(2);
  expect(now!.y + now!.height).toBeLessThanOrEqual(720);
  for (const name of ['Why', 'NAT', 'VRRP']) {
    await tablist.getByRole('tab', { name }).click();
    await expect(column.getByRole('tabpanel', { name })).toBeVisible();
    expect(await columnScrollers(page), name).toEqual([]);
  }

  // Arrows move between the tabs and show the one reached (wrapping), Home and End go to the
  // ends; the playback's own arrow keys do not fire meanwhile.
  const before = await page.evaluate(() => window.lbLab.time());
  await tablist.getByRole('tab', { name: 'Why' }).click();
  const expectSelected = async (name: string) => {
    const tab = tablist.getByRole('tab', { name });
    await expect(tab).toBeFocused();
    await expect(tab).toHaveAttribute('aria-selected', 'true');
    await expect(tab).toHaveAttribute('tabindex', '0');
    await expect(column.getByRole('tabpanel', { name })).toBeVisible();
    await expect(column.getByRole('tabpanel')).toHaveCount(1);
  };
  await page.keyboard.press('ArrowRight');
  await expectSelected('NAT');
  await expect(column.locator('.nat-card')).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await expectSelected('VRRP');
  await page.keyboard.press('ArrowRight');
  await expectSelected('Why');
  await page.keyboard.press('ArrowLeft');
  await expectSelected('VRRP');
  await page.keyboard.press('Home');
  await expectSelected('Why');
  await page.keyboard.press('End');
  await expectSelected('VRRP');
  expect(await page.evaluate(() => window.lbLab.time())).toBe(before);
  // The tab is the store's: it stays through a change of language, named in Korean.
  await page.getByRole('combobox', { name: 'Language' }).selectOption('ko');
  const ko = page.getByRole('complementary', { name: '지금 일어나는 일과 그 이유' }).getByRole('tablist', { name: '무대 옆에 보여 줄 것' });
  await expect(ko.getByRole('tab')).toHaveText(['이유', 'NAT', 'VRRP']);
  await expect(ko.getByRole('tab', { name: 'VRRP' })).toHaveAttribute('aria-selected', 'true');
});
