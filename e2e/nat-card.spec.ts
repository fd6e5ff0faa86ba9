import { expect, keepForReview, seek, test } from './fixtures.ts';

/**
 * The NAT card never breaks an address inside "ip:port": each address (in the table and in the
 * caption) lies on one line, at the sizes a class sees it, in both languages.
 */
for (const lang of ['en', 'ko'] as const) {
  for (const [width, height, classroom] of [
    [1280, 720, false],
    [1280, 720, true],
    [1920, 1080, true],
    [820, 1180, false],
    [390, 844, false],
  ] as const) {
    test(`the NAT card keeps each address on one line at ${width}×${height}${classroom ? ' in classroom mode' : ''} (${lang})`, async ({
      page,
    }) => {
      await page.setViewportSize({ width, height });
      await page.goto(`/?lang=${lang}`);
      if (classroom) await page.getByRole('button', { name: lang === 'en' ? 'Classroom mode' : '발표 모드' }).click();
      await seek(page, 3000);
      // The card may sit behind a tab of the "now" column.
      const tab = page.locator('#now-tab-nat');
      if (await tab.count()) await tab.click();
      const card = page.locator('.nat-card').first();
      await card.scrollIntoViewIfNeeded();
      await expect(card.locator('.nat-table')).toBeVisible();
      // A rewrite is shown: the card has both headers' addresses and a caption naming them.
      const addresses = card.locator('.nat-table code, .nat-caption .nat-addr');
      expect(await addresses.count()).toBeGreaterThanOrEqual(6);
      const lines = await addresses.evaluateAll((els) =>
        els.map((el) => ({ text: el.textContent, lines: el.getClientRects().length, fits: el.getBoundingClientRect().right })),
      );
      for (const a of lines) expect(a.lines, `"${a.text}" on one line`).toBe(1);
      // And none runs out of the card.
      const right = await card.evaluate((el) => el.getBoundingClientRect().right);
      for (const a of lines) expect(a.fits, `"${a.text}" inside the card`).toBeLessThanOrEqual(right + 1);
      await keepForReview(card, `nat-card-${width}${classroom ? '-classroom' : ''}-${lang}`);
    });
  }
}
