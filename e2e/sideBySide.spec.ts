import sessions from '../src/scenarios/sessions.json' with { type: 'json' };
import { expect, load, test, wholeTrace } from './fixtures.ts';

const cell = (page: import('@playwright/test').Page, row: string, col: number) =>
  page.locator(`.side-table tr[data-row="${row}"] td`).nth(col);
const figure = async (page: import('@playwright/test').Page, row: string, col: number) =>
  Number((await cell(page, row, col).innerText()).replace(/[^\d.]/g, ''));

for (const [lang, n] of [
  [
    'en',
    {
      panel: 'Side by side',
      what: 'Compare',
      left: 'Left',
      right: 'Right',
      run: 'Compare',
      layers: 'L4 against L7',
      better: 'better',
    },
  ],
  [
    'ko',
    {
      panel: '나란히 비교',
      what: '비교할 것',
      left: '왼쪽',
      right: '오른쪽',
      run: '비교하기',
      layers: 'L4 대 L7',
      better: '더 나음',
    },
  ],
] as const) {
  test(`side by side: round robin against IP hash on sessions, then L4 against L7 (${lang})`, async ({ page }) => {
    await page.goto(`/?lang=${lang}`);
    await load(page, sessions);
    const expected = (await wholeTrace(page)).filter((r) => r.session === 'lost').length;
    await page.getByRole('heading', { name: n.panel, exact: true }).click();
    await page.getByRole('combobox', { name: n.left }).selectOption('round-robin');
    await page.getByRole('combobox', { name: n.right }).selectOption('ip-hash');
    await page.getByRole('button', { name: n.run, exact: true }).click();
    // The left side is the scenario's own algorithm (round robin): the page's own run agrees.
    expect(await figure(page, 'lost', 0)).toBe(expected);
    expect(expected).toBeGreaterThan(0);
    expect(await figure(page, 'lost', 1)).toBe(0);
    await expect(cell(page, 'lost', 1)).toContainText(n.better);

    await page.getByRole('combobox', { name: n.what }).selectOption('layers');
    await page.getByRole('button', { name: n.run, exact: true }).click();
    const l4 = await figure(page, 'mean', 0),
      l7 = await figure(page, 'mean', 1);
    expect(l7).toBeGreaterThan(l4);
    expect(await figure(page, 'work', 1)).toBeGreaterThan(await figure(page, 'work', 0));
    await expect(page.locator('.side-reading')).toContainText('L7');
  });
}
