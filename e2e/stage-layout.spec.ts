import type { Page } from '@playwright/test';
import { expect, load, nowTab, seek, settled, test } from './fixtures.ts';

// Issue 11: the stage and why it did what it did on the first screen, nothing covered, nothing
// overflowing, labels readable, at every size the lab is used at and in both languages.

const NAMES = {
  en: { why: 'Why this server', classroom: 'Classroom mode', now: 'What is happening now, and why' },
  ko: { why: '왜 이 서버인가', classroom: '발표 모드', now: '지금 일어나는 일과 그 이유' },
} as const;

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

async function open(page: Page, lang: 'en' | 'ko', classroom = false) {
  await page.goto(`/?lang=${lang}`);
  await page.waitForFunction(() => window.lbLab !== undefined);
  if (classroom) await page.getByRole('button', { name: NAMES[lang].classroom }).click();
  // A moment when the NAT card, the why and packets all have something to show.
  await settled(page);
  await seek(page, 2400);
}

/** Every element drawn past the page's right edge pushes a horizontal scrollbar: list them
 *  (not what is inside a closed menu). */
const overflowing = (page: Page) =>
  page.evaluate(() => {
    const w = document.documentElement.clientWidth;
    return [...document.querySelectorAll('body *')]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.right > w + 1 && el.checkVisibility();
      })
      .map((el) => `${el.tagName.toLowerCase()}.${String((el as HTMLElement).className)}`)
      .slice(0, 5);
  });

/**
 * The drawing as the class sees it: the share of the window it takes, and every visible text on
 * it in SCREEN px (its font size times the scale from its coordinates to the screen, glyphs
 * drawn scaled included). Also whether the picture is drawn one unit to a pixel.
 */
const stageText = (page: Page) =>
  page.evaluate(() => {
    const svg = document.querySelector<SVGSVGElement>('svg.topology')!;
    const r = svg.getBoundingClientRect();
    const px: { size: number; text: string }[] = [];
    for (const t of svg.querySelectorAll<SVGTextElement>('text')) {
      if (!t.textContent?.trim() || t.getBoundingClientRect().width === 0 || !t.checkVisibility({ visibilityProperty: true })) continue;
      const m = t.getScreenCTM()!;
      px.push({
        size: Number.parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b),
        text: `${t.getAttribute('class')}: ${t.textContent}`,
      });
    }
    px.sort((a, b) => a.size - b.size);
    const vb = svg.viewBox.baseVal;
    return {
      area: (r.width * r.height) / (innerWidth * innerHeight),
      min: px[0]!.size,
      median: px[Math.floor(px.length / 2)]!.size,
      smallest: px.slice(0, 3).map((p) => `${p.size.toFixed(1)} px ${p.text}`),
      count: px.length,
      /** Screen px per picture unit, across and down. */
      unit: [svg.getScreenCTM()!.a, svg.getScreenCTM()!.d],
      fits: Math.abs(vb.width - r.width) <= 3 && Math.abs(vb.height - r.height) <= 3,
    };
  });

const inViewport = async (page: Page, box: Box | null) => {
  const vp = page.viewportSize()!;
  return !!box && box.y >= 0 && box.x >= 0 && box.y + box.height <= vp.height + 1 && box.x + box.width <= vp.width + 1;
};

for (const lang of ['en', 'ko'] as const) {
  test.describe(`the stage (${lang})`, () => {
    test('at 1280×720 the drawing, the narration, the playback bar and the why are on the first screen', async ({ page }) => {
      await page.setViewportSize({ width: 1280, height: 720 });
      await open(page, lang);
      const drawing = await page.locator('svg.topology').boundingBox();
      expect(await inViewport(page, drawing)).toBe(true);
      expect(drawing!.width).toBeGreaterThan(700);
      expect(await inViewport(page, await page.locator('.narration').boundingBox())).toBe(true);
      expect(await inViewport(page, await page.locator('.playback').boundingBox())).toBe(true);
      const why = page.getByRole('region', { name: NAMES[lang].why });
      const whyBox = (await why.boundingBox())!;
      // The why starts on the first screen, beside the drawing, not under it.
      expect(whyBox.y).toBeLessThan(200);
      expect(whyBox.x).toBeGreaterThan(drawing!.x + drawing!.width - 1);
      expect(await page.evaluate(() => window.scrollY)).toBe(0);
      expect(await overflowing(page)).toEqual([]);
    });

    test('at 1280×720 the drawing takes most of the window and its words are 12 px or more, 14 px at the median', async ({ page }) => {
      await page.setViewportSize({ width: 1280, height: 720 });
      await open(page, lang);
      const s = await stageText(page);
      expect(s.area).toBeGreaterThanOrEqual(0.55);
      expect(s.count).toBeGreaterThan(15);
      expect(s.min, s.smallest.join('; ')).toBeGreaterThanOrEqual(12);
      expect(s.median).toBeGreaterThanOrEqual(14);
      // One picture unit is one screen pixel: sizes on the drawing are what the class sees.
      expect(s.fits).toBe(true);
      for (const u of s.unit) expect(u).toBeCloseTo(1, 2);
    });

    test('the NAT card is docked beside the stage and covers no node', async ({ page }) => {
      await page.setViewportSize({ width: 1280, height: 720 });
      await open(page, lang);
      // The now column shows the NAT card on its own tab.
      await page.getByRole('tab', { name: 'NAT' }).click();
      const card = page.locator('.nat-card');
      await expect(card).toBeVisible();
      const cardBox = (await card.boundingBox())!;
      expect(await page.getByRole('complementary', { name: NAMES[lang].now }).locator('.nat-card').count()).toBe(1);
      for (const node of await page.locator('svg.topology .node').all()) {
        expect(overlaps(cardBox, (await node.boundingBox())!)).toBe(false);
      }
    });

    test('classroom mode at 1920×1080 scales the stage and the NAT card together, and nothing overflows', async ({ page }) => {
      await page.setViewportSize({ width: 1920, height: 1080 });
      await open(page, lang);
      // Only the tab shown is drawn: the NAT card is measured in its own tab.
      await nowTab(page, 'nat');
      const natSize = async () =>
        Number.parseFloat(
          await page
            .locator('.nat-card .nat-table td')
            .first()
            .evaluate((el) => getComputedStyle(el).fontSize),
        );
      const before = await natSize();
      await page.getByRole('button', { name: NAMES[lang].classroom }).click();
      await expect(page.getByRole('button', { name: NAMES[lang].classroom })).toHaveAttribute('aria-pressed', 'true');
      await expect.poll(natSize).toBeGreaterThan(before);
      expect(await overflowing(page)).toEqual([]);
      expect(await inViewport(page, await page.locator('.playback .clock-readout').boundingBox())).toBe(true);
      expect(await inViewport(page, await page.locator('svg.topology').boundingBox())).toBe(true);
      // A node's address is at least 14 px on screen: readable from the back row.
      const sub = await page.locator('svg.topology .node-server .node-sub').first().boundingBox();
      expect(sub!.height).toBeGreaterThanOrEqual(14);
      // The back row reads the drawing: more than half the screen, every word 18 px or more, 22 at the median.
      await expect.poll(async () => (await stageText(page)).min).toBeGreaterThanOrEqual(18);
      const s = await stageText(page);
      expect(s.area).toBeGreaterThanOrEqual(0.55);
      expect(s.min, s.smallest.join('; ')).toBeGreaterThanOrEqual(18);
      expect(s.median).toBeGreaterThanOrEqual(22);
      expect(s.fits).toBe(true);
    });

    test('at 1280×720 in classroom mode nothing overflows and the clock is whole', async ({ page }) => {
      await page.setViewportSize({ width: 1280, height: 720 });
      await open(page, lang, true);
      expect(await overflowing(page)).toEqual([]);
      expect(await inViewport(page, await page.locator('.playback .clock-readout').boundingBox())).toBe(true);
    });

    test('a phone gets the tall picture with addresses of 12 px or more', async ({ page }) => {
      await page.setViewportSize({ width: 390, height: 844 });
      await open(page, lang);
      await expect(page.locator('.drawing-tall')).toBeVisible();
      const s = await stageText(page);
      expect(s.min, s.smallest.join('; ')).toBeGreaterThanOrEqual(10);
      expect(s.fits).toBe(true);
      const sizes = await page.locator('svg.topology .node-sub, svg.topology .node-note, svg.topology .node-title').evaluateAll((els) =>
        els.map((el) => {
          const svg = (el as SVGGraphicsElement).ownerSVGElement!;
          const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
          return Number.parseFloat(getComputedStyle(el).fontSize) * scale;
        }),
      );
      expect(sizes.length).toBeGreaterThan(5);
      expect(sizes.reduce((a, b) => Math.min(a, b), Infinity)).toBeGreaterThanOrEqual(12);
      expect(await overflowing(page)).toEqual([]);
    });

    test('on a phone the narration stands over the docked playback bar, on screen wherever the page is scrolled', async ({ page }) => {
      await page.setViewportSize({ width: 390, height: 844 });
      await open(page, lang);
      const narration = page.getByRole('region', { name: lang === 'ko' ? '해설' : 'Narration' });
      for (const y of [0, 400, 10_000]) {
        await page.evaluate((to) => window.scrollTo(0, to), y);
        const n = (await narration.boundingBox())!;
        const bar = (await page.locator('.playback').boundingBox())!;
        expect(await inViewport(page, n)).toBe(true);
        expect(n.height).toBeGreaterThan(30);
        // Above the bar, not under it.
        expect(n.y + n.height).toBeLessThanOrEqual(bar.y + 1);
        expect(await narration.innerText()).not.toBe('');
      }
      // The page's end stops above both: the last panel is not hidden under them.
      const last = (await page.locator('.details > *').last().boundingBox())!;
      const n = (await narration.boundingBox())!;
      expect(last.y + last.height).toBeLessThanOrEqual(n.y + 1);
    });

    test('a tablet (820×1180) shows the drawing and the why without overflow', async ({ page }) => {
      await page.setViewportSize({ width: 820, height: 1180 });
      await open(page, lang);
      expect(await inViewport(page, await page.locator('svg.topology').boundingBox())).toBe(true);
      const s = await stageText(page);
      expect(s.min, s.smallest.join('; ')).toBeGreaterThanOrEqual(12);
      expect(s.fits).toBe(true);
      await expect(page.getByRole('region', { name: NAMES[lang].why })).toBeVisible();
      expect(await overflowing(page)).toEqual([]);
    });
  });
}

test('the stage follows scenarios of 1, 3, 1, 5 and 2 servers in a row without an error', async ({ page }) => {
  await page.goto('/?lang=en');
  await page.waitForFunction(() => window.lbLab !== undefined);
  for (const n of [1, 3, 1, 5, 2]) {
    await load(page, {
      servers: Array.from({ length: n }, (_, i) => ({ name: `s${i + 1}` })),
      requests: [
        { at: 0, client: '203.0.113.10' },
        { at: 10, client: '192.0.2.7' },
      ],
    });
    await seek(page, 30);
    await expect(page.locator('svg.topology .node-server')).toHaveCount(n);
  }
});
