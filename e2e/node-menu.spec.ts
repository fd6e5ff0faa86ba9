import AxeBuilder from '@axe-core/playwright';
import { expect, keepForReview, seek, test } from './fixtures.ts';
import type { Locator, Page } from '@playwright/test';

const WORDS = {
  en: {
    server: 'Server s2',
    balancer: 'Balancer lb1',
    fail: 'Fail s2',
    restore: 'Restore s2',
    failLb: 'Fail lb1',
    weight: 'Weight of s2',
    heavier: 'Weight of s2 plus 1',
    remove: 'Remove s2',
    addBack: 'Add s2 back',
    close: 'Close',
    log: 'Event log',
    failed: 'Server s2 fails',
    bad: 'A weight must be a whole number from 1 to 100 (got “0”).',
    lbFailed: /Primary balancer lb1: ✗ failed/,
    s2: /^s2 10\.0\.0\.12:8080/,
    removed: /^s2 10\.0\.0\.12:8080: removed/,
  },
  ko: {
    server: '서버 s2',
    balancer: '로드밸런서 lb1',
    fail: 's2 장애 발생',
    restore: 's2 복구',
    failLb: 'lb1 장애 발생',
    weight: 's2의 가중치',
    heavier: 's2의 가중치 1 늘리기',
    remove: 's2 제외',
    addBack: 's2 다시 포함',
    close: '닫기',
    log: '이벤트 기록',
    failed: 's2 서버 장애 발생',
    bad: '가중치는 1부터 100까지의 정수여야 합니다 (입력: “0”).',
    lbFailed: /메인 로드밸런서 lb1: ✗ 장애/,
    s2: /^s2 10\.0\.0\.12:8080/,
    removed: /^s2 10\.0\.0\.12:8080: /,
  },
} as const;

/** The card is on screen, whole, right beside its node (sideways on a wide screen, above or below on a phone). */
async function besideInView(page: Page, card: Locator, node: Locator) {
  await expect(card).toBeInViewport({ ratio: 1 });
  const c = (await card.boundingBox())!;
  const n = (await node.boundingBox())!;
  const gapX = Math.max(c.x - (n.x + n.width), n.x - (c.x + c.width));
  const gapY = Math.max(c.y - (n.y + n.height), n.y - (c.y + c.height));
  const overlapsY = c.y < n.y + n.height && n.y < c.y + c.height;
  const overlapsX = c.x < n.x + n.width && n.x < c.x + c.width;
  const beside = (overlapsY && gapX >= 0 && gapX <= 30) || (overlapsX && gapY >= 0 && gapY <= 30);
  expect(beside, `card ${JSON.stringify(c)} beside node ${JSON.stringify(n)}`).toBe(true);
}

// Each action is a new run in the worker: on a busy machine a test takes a while.
test.describe.configure({ timeout: 120_000 });

for (const lang of ['en', 'ko'] as const) {
  const w = WORDS[lang];

  test(`a click on s2 opens its controls beside it: Fail, weight, remove, each an event (${lang})`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(`/?lang=${lang}`);
    await seek(page, 3000);
    const node = page.locator('[data-menu-node="s2"]');
    await expect(node).toHaveAttribute('role', 'button');
    await expect(node).toHaveAttribute('aria-haspopup', 'dialog');
    await node.click();
    const card = page.getByRole('dialog', { name: w.server });
    await expect(card).toBeVisible();
    await besideInView(page, card, page.locator('[data-node="s2"] > rect').first());
    const axe = await new AxeBuilder({ page }).include('.node-menu').withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((x) => x.target).join(' ')}`)).toEqual([]);
    await keepForReview(page, `node-menu-s2-1280-${lang}`);

    // Fail: the server shows failed, and the failure is in the run's history at this moment.
    await card.getByRole('button', { name: w.fail }).click();
    await expect(card.getByRole('button', { name: w.restore })).toBeVisible();
    await expect(page.getByRole('img', { name: new RegExp(`${w.s2.source}: .*✗`) })).toBeVisible();
    await expect(page.getByRole('log', { name: w.log })).toContainText(w.failed);
    await card.getByRole('button', { name: w.restore }).click();
    await expect(card.getByRole('button', { name: w.fail })).toBeVisible();

    // Weight: + makes it 2, as the settings panel shows; an impossible weight says why.
    await card.getByRole('button', { name: w.heavier }).click();
    await expect(card.getByRole('spinbutton', { name: w.weight })).toHaveValue('2');
    await expect(page.locator('.servers-control').getByRole('spinbutton', { name: w.weight })).toHaveValue('2');
    await card.getByRole('spinbutton', { name: w.weight }).fill('0');
    await card.getByRole('spinbutton', { name: w.weight }).press('Enter');
    await expect(card.getByRole('alert')).toHaveText(w.bad);
    await expect(page.locator('.servers-control').getByRole('spinbutton', { name: w.weight })).toHaveValue('2');

    // Remove, and add back.
    await card.getByRole('button', { name: w.remove }).click();
    await expect(card.getByRole('button', { name: w.addBack })).toBeVisible();
    if (lang === 'en') await expect(page.getByRole('img', { name: w.removed })).toBeVisible();
    await card.getByRole('button', { name: w.addBack }).click();
    await expect(card.getByRole('button', { name: w.remove })).toBeVisible();

    // A click outside closes it.
    await page.locator('.narration').click();
    await expect(card).toBeHidden();
  });

  test(`a click on lb1 offers its Fail; the keyboard opens, Escape closes and focus returns (${lang})`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(`/?lang=${lang}`);
    await seek(page, 3000);
    await page.locator('[data-menu-node="lb1"]').click();
    const card = page.getByRole('dialog', { name: w.balancer });
    await expect(card).toBeVisible();
    await besideInView(page, card, page.locator('[data-node="lb1"] > rect').first());
    await card.getByRole('button', { name: w.failLb }).click();
    await expect(page.getByRole('img', { name: w.lbFailed })).toBeVisible();
    await card.getByRole('button', { name: w.close }).click();
    await expect(card).toBeHidden();
    await expect(page.locator('[data-menu-node="lb1"]')).toBeFocused();

    // Tab reaches the nodes (from the toolbar's last control); Enter opens the card with the focus in it; Escape gives it back.
    await page.locator('.lang-switch select').focus();
    let reached = '';
    for (let i = 0; i < 60 && reached !== 's2'; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.getAttribute('data-menu-node') ?? '');
    }
    expect(reached).toBe('s2');
    await page.keyboard.press('Enter');
    const server = page.getByRole('dialog', { name: w.server });
    await expect(server).toBeVisible();
    expect(await server.evaluate((el) => el.contains(document.activeElement))).toBe(true);
    await page.keyboard.press('Escape');
    await expect(server).toBeHidden();
    await expect(page.locator('[data-menu-node="s2"]')).toBeFocused();
    // Space on the node opens it too, and does not play.
    const before = await page.evaluate(() => window.lbLab.time());
    await page.keyboard.press('Space');
    await expect(server).toBeVisible();
    expect(await page.evaluate(() => window.lbLab.time())).toBe(before);
    await page.keyboard.press('Escape');
  });

  test(`on a phone the card is whole on screen, beside the node, with 44 px targets (${lang})`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`/?lang=${lang}`);
    await page.waitForFunction(() => window.lbLab !== undefined);
    await page.evaluate(() => window.lbLab.settled());
    const node = page.locator('[data-menu-node="s2"]');
    await node.scrollIntoViewIfNeeded();
    await node.tap();
    const card = page.getByRole('dialog', { name: w.server });
    await expect(card).toBeVisible();
    await besideInView(page, card, page.locator('[data-node="s2"] > rect').first());
    // Above the docked playback bar.
    const bar = (await page.locator('.playback').boundingBox())!;
    const c = (await card.boundingBox())!;
    expect(c.y + c.height).toBeLessThanOrEqual(bar.y + 1);
    for (const control of await card.locator('button, input, select').all()) {
      const b = (await control.boundingBox())!;
      expect(Math.min(b.width, b.height), await control.evaluate((el) => el.outerHTML.slice(0, 80))).toBeGreaterThanOrEqual(44);
    }
    await card.getByRole('button', { name: w.fail }).tap();
    await expect(card.getByRole('button', { name: w.restore })).toBeVisible();
    await keepForReview(page, `node-menu-s2-390-${lang}`);
    await context.close();
  });

  test(`in classroom mode at 1920 the card's type is classroom-sized and beside the node (${lang})`, async ({ page }) => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(`/?lang=${lang}`);
    await page.getByRole('button', { name: lang === 'en' ? 'Classroom mode' : '발표 모드' }).click();
    await page.locator('[data-menu-node="s3"]').click();
    const card = page.getByRole('dialog', { name: w.server.replace('s2', 's3') });
    await expect(card).toBeVisible();
    await besideInView(page, card, page.locator('[data-node="s3"] > rect').first());
    const size = await card.getByRole('heading').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(size).toBeGreaterThanOrEqual(22);
    await keepForReview(page, `node-menu-s3-1920-classroom-${lang}`);
  });
}
