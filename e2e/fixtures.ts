import { test as base, expect, type Locator, type Page } from '@playwright/test';

/**
 * Every e2e test gets a page that fails the test on any console error or uncaught exception,
 * and on any request that tries to leave localhost (the app must work offline).
 */
export const test = base.extend<{ page: Page }>({
  page: async ({ page }, use) => {
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
    await page.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.protocol === 'data:') return route.continue();
      problems.push(`request left localhost: ${url.href}`);
      return route.abort();
    });
    await use(page);
    expect(problems, 'console errors, exceptions or outside requests').toEqual([]);
  },
});

export { expect };

/**
 * A part's text once its animations are over (an address leaving the NAT card fades out for a
 * moment): read until two reads 250 ms apart agree.
 */
export async function settledText(part: Locator): Promise<string> {
  let last = await part.innerText();
  for (let i = 0; i < 20; i++) {
    await part.page().waitForTimeout(250);
    const now = await part.innerText();
    if (now === last) return now;
    last = now;
  }
  throw new Error('the text never settled');
}
