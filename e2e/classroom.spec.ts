import AxeBuilder from '@axe-core/playwright';
import { expect, keepForReview, test, time } from './fixtures.ts';

const rootFont = (page: import('@playwright/test').Page) =>
  page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));

for (const [lang, n] of [
  ['en', { mode: 'Classroom mode', panels: 'Panels', why: 'Why this server', stats: 'Statistics' }],
  ['ko', { mode: '발표 모드', panels: '패널', why: '왜 이 서버인가', stats: '통계' }],
] as const) {
  test(`classroom mode: larger type, panels hidden on demand, clicker keys step (${lang})`, async ({ page }) => {
    await page.goto(`/?lang=${lang}`);
    const normal = await rootFont(page);
    const toggle = page.getByRole('button', { name: n.mode });
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    expect(await rootFont(page)).toBeGreaterThan(normal * 1.15);

    await page.locator('.panels-menu summary').click();
    await page.getByRole('checkbox', { name: n.why }).uncheck();
    await expect(page.getByRole('region', { name: n.why })).toHaveCount(0);
    await expect(page.getByRole('region', { name: n.stats })).toBeVisible();
    await page.getByRole('checkbox', { name: n.why }).check();
    await expect(page.getByRole('region', { name: n.why })).toBeVisible();
    await page.locator('.panels-menu summary').click();

    // PageDown and PageUp move playback as Step forward and Step back do.
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('PageDown');
    const t1 = await time(page);
    expect(t1).toBeGreaterThan(0);
    await page.keyboard.press('PageDown');
    expect(await time(page)).toBeGreaterThan(t1);
    await page.keyboard.press('PageUp');
    expect(await time(page)).toBe(t1);

    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((x) => x.target).join(' ')}`)).toEqual([]);
    await keepForReview(page, `classroom-${lang}`);
    await toggle.click();
    expect(await rootFont(page)).toBe(normal);
  });
}

for (const [lang, mode, play] of [
  ['en', 'Classroom mode', 'Play'],
  ['ko', '발표 모드', '재생'],
] as const) {
  test(`after a mouse click on Classroom mode Space plays; a tabbed-to button keeps Space; the mode shows filled (${lang})`, async ({
    page,
  }) => {
    await page.goto(`/?lang=${lang}`);
    const toggle = page.getByRole('button', { name: mode });
    const fill = () => toggle.evaluate((el) => getComputedStyle(el).backgroundColor);
    const off = await fill();
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await expect(toggle).toBeFocused();
    expect(await fill(), 'on is filled, unlike off').not.toBe(off);

    await page.keyboard.press('Space');
    await expect(page.locator('.playback .play')).toHaveAccessibleName(lang === 'en' ? 'Pause' : '일시정지');
    await expect.poll(() => time(page)).toBeGreaterThan(0);
    await expect(toggle, 'Space played; it did not switch the mode off').toHaveAttribute('aria-pressed', 'true');
    await page.keyboard.press('Space');
    await expect(page.locator('.playback .play')).toHaveAccessibleName(play);
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');

    // The other toolbar buttons too: Panels (a disclosure) after a click.
    await page.locator('.panels-menu summary').click();
    await page.locator('.panels-menu summary').click();
    await page.keyboard.press('Space');
    await expect(page.locator('.playback .play')).toHaveAccessibleName(lang === 'en' ? 'Pause' : '일시정지');
    await expect(page.locator('.panels-menu')).not.toHaveAttribute('open');
    await page.keyboard.press('Space');

    // Reached with Tab, the button keeps Space: it switches the mode off.
    await page.locator('.panels-menu summary').focus();
    await page.keyboard.press('Shift+Tab');
    await expect(toggle).toBeFocused();
    await page.keyboard.press('Space');
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    expect(await fill()).toBe(off);
  });
}
