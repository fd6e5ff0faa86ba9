import AxeBuilder from '@axe-core/playwright';
import failover from '../src/scenarios/failover.json' with { type: 'json' };
import { expect, keepForReview, load, seek, test, time } from './fixtures.ts';
import type { Page } from '@playwright/test';

const LANGS = [
  [
    'en',
    {
      play: 'Play',
      step: 'Step forward',
      start: 'Press Play, or step with →',
      touch: 'Press Play, or step with the Step forward button',
      timeline: 'Timeline',
      marks: 'Failures, restores and failovers on the timeline',
      jumpFail: 'Jump to lb1 fails: its adverts stop and its connection table is lost at 8,000.0 ms',
    },
  ],
  [
    'ko',
    {
      play: '재생',
      step: '한 단계 앞으로',
      start: '재생을 누르거나 → 키로 한 단계씩 보세요',
      touch: '재생을 누르거나 ‘한 단계 앞으로’ 버튼으로 한 단계씩 보세요',
      timeline: '타임라인',
      marks: '타임라인의 장애, 복구, 장애 조치 표시',
      jumpFail: '8,000.0 ms 지점으로 이동: lb1 로드밸런서 장애: 광고가 멈추고 연결 추적 테이블이 사라집니다',
    },
  ],
] as const;

/** The ids of the requests with a moment (DNS, a segment, a hop) at time t. */
const idsAt = (page: Page) =>
  page.evaluate(async () => {
    const t = window.lbLab.time();
    const records = await window.lbLab.trace();
    return records
      .filter((r) => r.dns?.at === t || r.dns?.answeredAt === t || r.hops.some((h) => h.at === t) || r.tcp?.some((g) => g.at === t))
      .map((r) => r.id);
  });

for (const [lang, n] of LANGS) {
  test(`the narration tells the current moment, step by step (${lang})`, async ({ page }) => {
    await page.goto(`/?lang=${lang}`);
    const narration = page.locator('.narration');
    await expect.poll(() => narration.innerText()).toBe(n.start);
    await expect(narration).toHaveAttribute('aria-live', 'polite');
    // Larger than the page's text: the sentence the class reads under the drawing.
    const sizes = await narration.evaluate((el) => [
      parseFloat(getComputedStyle(el).fontSize),
      parseFloat(getComputedStyle(document.body).fontSize),
    ]);
    expect(sizes[0]!).toBeGreaterThanOrEqual(sizes[1]! * 1.1);

    await page.getByRole('button', { name: n.step, exact: true }).click();
    const first = await narration.innerText();
    expect(first).not.toContain(n.start.slice(0, 8));
    let ids = await idsAt(page);
    expect(ids.length).toBeGreaterThan(0);
    expect(
      ids.some((id) => first.includes(`#${id}`)),
      `${first} names one of #${ids.join(', #')}`,
    ).toBe(true);

    const seen = new Set([first]);
    for (let i = 0; i < 4; i++) {
      await page.locator('body').press('ArrowRight');
      await expect(narration).not.toHaveText(first);
      const now = await narration.innerText();
      ids = await idsAt(page);
      expect(
        ids.some((id) => now.includes(`#${id}`)),
        `${now} names one of #${ids.join(', #')}`,
      ).toBe(true);
      seen.add(now);
    }
    expect(seen.size).toBeGreaterThanOrEqual(4);

    // Silent for screen readers while playing, polite again once paused.
    await page.getByRole('button', { name: n.play, exact: true }).click();
    await expect(narration).toHaveAttribute('aria-live', 'off');
    await page.locator('body').press('Space');
    await expect(narration).toHaveAttribute('aria-live', 'polite');
  });

  test(`something moves within a second of Play at the default speed (${lang})`, async ({ page }) => {
    await page.goto(`/?lang=${lang}`);
    await expect(page.getByRole('combobox', { name: lang === 'en' ? 'Speed' : '속도' })).toHaveValue('0.05');
    // trace() gives what has run up to the playback time: look from the end, then back to 0.
    const first = await page.evaluate(async () => {
      window.lbLab.seek(1e9);
      const records = await window.lbLab.trace();
      window.lbLab.seek(0);
      return records.reduce((first, r) => Math.min(first, r.dns?.at ?? r.hops[0]!.at), Infinity);
    });
    expect(first).toBeLessThan(Infinity);
    expect(first / 0.05, 'the run starts seconds in: the lead-in must be skipped').toBeGreaterThan(1000);
    const play = page.getByRole('button', { name: n.play, exact: true });
    expect(await page.locator('svg .packets path:visible').count()).toBe(0);
    await play.click();
    // Play from 0 jumps to just before the first packet: at the default speed at most a second
    // of real time is left before it moves. (Simulated time, so a busy machine cannot flake it;
    // how fast frames come is measured by npm run bench:ui, not here.)
    expect((first - (await time(page))) / 0.05).toBeLessThanOrEqual(1000);
    await expect(page.locator('svg .packets path:visible').first()).toBeVisible();
  });

  test(`the timeline marks requests, failures, restores and failover (${lang})`, async ({ page }) => {
    await page.goto(`/?lang=${lang}`);
    await load(page, failover);
    const marks = page.getByRole('group', { name: n.marks });
    await expect(marks.locator('[data-kind="fail"]')).toHaveCount(1);
    await expect(marks.locator('[data-kind="restore"]')).toHaveCount(1);
    await expect(marks.locator('[data-kind="failover"]')).toHaveCount(2);
    await expect(marks.locator('[data-kind="fail"]')).toHaveAttribute('title', /8[,.]?000.*lb1/);
    await expect(marks.locator('[data-kind="failover"]').first()).toHaveAttribute('title', /lb2/);
    // Ticks: one path, many requests.
    const ticks = await page.locator('.timeline-ticks path').getAttribute('d');
    expect(ticks!.split('M').length).toBeGreaterThan(30);
    await expect(page.locator('.timeline-ticks path')).toHaveCount(1);
    // The slider keeps its name; each mark sits where the thumb is at its time.
    const slider = page.getByRole('slider', { name: n.timeline, exact: true });
    await expect(slider).toBeVisible();
    const geometry = await page.evaluate(() => {
      const input = document.querySelector<HTMLInputElement>('.timeline')!;
      // The thumb's size as the bar sets it: px on a wide screen, rem on a phone.
      const raw = getComputedStyle(input).getPropertyValue('--thumb').trim();
      const thumb = raw.endsWith('rem')
        ? parseFloat(raw) * parseFloat(getComputedStyle(document.documentElement).fontSize)
        : parseFloat(raw);
      const box = input.getBoundingClientRect();
      const mark = document.querySelector('.timeline-mark[data-kind="fail"]')!.getBoundingClientRect();
      return {
        expected: box.left + thumb / 2 + (box.width - thumb) * (8000 / Number(input.max)),
        actual: mark.left + mark.width / 2,
        above: mark.bottom <= box.top + 2,
      };
    });
    expect(Math.abs(geometry.actual - geometry.expected)).toBeLessThan(3);
    expect(geometry.above).toBe(true);
    const axe = await new AxeBuilder({ page }).include('.playback').include('.narration').withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((x) => x.target).join(' ')}`)).toEqual([]);
  });

  test(`the timeline's marks jump there: by click, by Tab and arrows, by [ and ] (${lang})`, async ({ page }) => {
    await page.goto(`/?lang=${lang}`);
    await load(page, failover);
    const speed = await page.evaluate(() => Number(document.querySelector<HTMLSelectElement>('.speed select')!.value));
    const ats = await page.locator('.timeline-mark').evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-at'))));
    expect(ats.length).toBe(4);
    // A second of real time before the event, so Play shows it happening.
    const before = (at: number) => Math.max(0, at - 1000 * speed);
    const fail = page.getByRole('button', { name: n.jumpFail, exact: true });
    await fail.click();
    await expect.poll(() => time(page)).toBe(before(8000));
    // After the click Space plays (the mark does not keep it).
    await page.keyboard.press('Space');
    await expect.poll(() => time(page)).toBeGreaterThan(before(8000));
    await page.keyboard.press('Space');

    // Keys: ] to the next mark, [ to the previous one.
    await seek(page, 0);
    await page.keyboard.press(']');
    await expect.poll(() => time(page)).toBe(before(ats[0]!));
    await page.keyboard.press(']');
    await expect.poll(() => time(page)).toBe(before(ats[1]!));
    await page.keyboard.press('[');
    await expect.poll(() => time(page)).toBe(before(ats[0]!));

    // One Tab stop for all the marks, after the speed; the arrows move between them, Enter jumps.
    await seek(page, 0);
    await page.locator('.speed select').focus();
    await page.keyboard.press('Tab');
    await expect(page.locator('.timeline-mark').first()).toBeFocused();
    await page.keyboard.press('ArrowRight');
    await expect(page.locator('.timeline-mark').nth(1)).toBeFocused();
    expect(await time(page), 'the arrows move between marks, not the playback').toBe(0);
    await page.keyboard.press('Enter');
    await expect.poll(() => time(page)).toBe(before(ats[1]!));
    await page.keyboard.press('Tab');
    await expect(page.getByRole('slider', { name: n.timeline, exact: true })).toBeFocused();
    await expect(page.locator('.keys-hint')).toContainText('[');
  });

  for (const [width, height] of [
    [390, 844],
    [820, 1180],
    [1280, 720],
    [1920, 1080],
  ] as const) {
    test(`the playback bar at ${width}×${height} in classroom mode: the clock whole, the timeline wide (${lang})`, async ({ page }) => {
      await page.setViewportSize({ width, height });
      await page.goto(`/?lang=${lang}`);
      await seek(page, 33_343.2);
      for (const classroom of [false, true]) {
        await page.evaluate((on) => document.documentElement.classList.toggle('classroom', on), classroom);
        const bar = page.locator('.playback');
        await bar.scrollIntoViewIfNeeded();
        const clock = page.locator('.clock-readout');
        await expect(clock).toBeInViewport({ ratio: 1 });
        const fits = await clock.evaluate((el) => el.scrollWidth <= el.clientWidth + 1);
        expect(fits, `the clock's text fits its box (classroom ${classroom})`).toBe(true);
        const barBox = (await bar.boundingBox())!;
        const lineBox = (await page.locator('.timeline').boundingBox())!;
        // On a wide screen the timeline shares its row with the buttons and the clock, taking the rest.
        expect(lineBox.width, `timeline vs bar (classroom ${classroom})`).toBeGreaterThanOrEqual(barBox.width * (width > 900 ? 0.4 : 0.6));
        // Buttons, speed and clock on one row. Classroom type in a narrow stage (a phone, a
        // tablet's half) may wrap the row; it never cuts it.
        if (width >= 1280 || !classroom) {
          const play = (await bar.locator('.play').boundingBox())!;
          const c = (await clock.boundingBox())!;
          expect(Math.abs(c.y + c.height / 2 - (play.y + play.height / 2)), `one row (classroom ${classroom})`).toBeLessThan(
            play.height / 2,
          );
        }
        expect(barBox.x).toBeGreaterThanOrEqual(0);
        expect(barBox.x + barBox.width).toBeLessThanOrEqual(width);
        // Every control of the bar is on screen too.
        for (const control of await bar.locator('button, select').all()) await expect(control).toBeInViewport({ ratio: 1 });
      }
      await keepForReview(page, `timeline-${width}-${lang}`);
    });
  }
}

test.describe('on a touch screen', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  for (const [lang, n] of LANGS) {
    test(`the narration names the button, not a key; the bar docks at the bottom with 44 px buttons (${lang})`, async ({ page }) => {
      await page.goto(`/?lang=${lang}`);
      await expect.poll(() => page.locator('.narration').innerText()).toBe(n.touch);
      const bar = page.locator('.playback');
      const box = (await bar.boundingBox())!;
      expect(Math.abs(box.y + box.height - 844)).toBeLessThan(1);
      const dock = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--playback-dock'));
      expect(parseFloat(dock)).toBeCloseTo(box.height, -0.5);
      for (const button of await bar.locator('button').all()) {
        const b = (await button.boundingBox())!;
        expect(Math.min(b.width, b.height)).toBeGreaterThanOrEqual(44);
      }
      await page.getByRole('button', { name: n.step, exact: true }).tap();
      await expect.poll(() => page.locator('.narration').innerText()).toMatch(/#\d+/);
    });
  }
});
