import { expect, keepForReview, test } from './fixtures.ts';

for (const [lang, label, run, up, failing] of [
  ['en', 'Scale-up vs scale-out', 'Run the comparison', 'Scale-up: 1 large server · one machine fails', 'one machine fails'],
  ['ko', '수직 확장(scale-up) vs 수평 확장(scale-out)', '비교 실행', '수직 확장: 큰 서버 1대 · 서버 한 대 장애', '서버 한 대 장애'],
] as const) {
  test(`compares scale-up and scale-out on the same traffic (${lang})`, async ({ page }) => {
    await page.goto(`/?lang=${lang}`);
    // The panel opens on its heading; a click before the page is ready can go unheard (it failed
    // once so in CI): click again until it has opened, never closing it.
    const button = page.getByRole('button', { name: run });
    await expect(async () => {
      if (!(await button.isVisible())) await page.getByRole('heading', { name: label }).click();
      await expect(button).toBeVisible({ timeout: 3000 });
    }).toPass({ timeout: 20_000 });
    await button.click();
    const table = page.locator('.scaling-table');
    await expect(table.locator('tbody tr')).toHaveCount(4);
    const row = table.getByRole('row', { name: new RegExp(up.replace(/[()]/g, '.')) });
    const answered = await row.locator('td').first().innerText();
    const counts = (text: string) =>
      text
        .match(/(\d+) \/ (\d+)/)!
        .slice(1)
        .map(Number) as [number, number];
    const [ok, total] = counts(answered);
    expect(ok).toBeLessThan(total);
    const outFailing = table.locator('tbody tr').nth(3);
    await expect(outFailing).toContainText(failing);
    const outAnswered = counts(await outFailing.locator('td').first().innerText());
    expect(outAnswered[0]).toBe(outAnswered[1]);
    await keepForReview(page, `scaling-${lang}`, { fullPage: true });
  });
}
