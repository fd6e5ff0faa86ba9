import { test as base, expect, type Locator, type Page } from '@playwright/test';
import type { RequestRecord } from '../src/sim/types.ts';

// The page's own declaration of window.lbLab and of the records it returns, never a copy.
export type { LbLab } from '../src/lbLab.ts';
export type { RequestRecord };

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
 * Shows one tab of the column beside the stage (why, the NAT rewrite, VRRP): the regions in the
 * others are not on the page until their tab is chosen, as for a student.
 */
export async function nowTab(page: Page, id: 'why' | 'nat' | 'failover'): Promise<void> {
  await page.locator(`#now-tab-${id}`).click();
  await expect(page.locator(`#now-tab-${id}`)).toHaveAttribute('aria-selected', 'true');
}

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

/** The records the page has run so far (those started by the playback time), as the page types them. */
export function trace(page: Page): Promise<RequestRecord[]> {
  return page.evaluate(() => window.lbLab.trace());
}

/** Every record of the run: playback moves to the end first (and stays there). */
export function wholeTrace(page: Page): Promise<RequestRecord[]> {
  return page.evaluate(() => {
    window.lbLab.seek(1e12);
    return window.lbLab.trace();
  });
}

/** Waits until no run is under way. */
export async function settled(page: Page): Promise<void> {
  await page.evaluate(() => window.lbLab.settled());
}

/** The playback position, simulated ms. */
export function time(page: Page): Promise<number> {
  return page.evaluate(() => window.lbLab.time());
}

/**
 * Moves playback to `ms` and waits until the page is there: a seek past the run's end (or one
 * a run still landing clamps) fails here, not later in a confusing way.
 */
export async function seek(page: Page, ms: number): Promise<void> {
  await page.evaluate((t) => window.lbLab.seek(t), ms);
  await expect.poll(() => time(page)).toBe(ms);
}

/** Selects a request (its packets, header tag and inspector), or none. */
export async function select(page: Page, id: number | null): Promise<void> {
  await page.evaluate((i) => window.lbLab.select(i), id);
}

/** Loads a scenario (a scenario file's JSON object) and waits for its run; fails on the page's complaint. */
export async function load(page: Page, scenario: unknown): Promise<void> {
  const problem = await page.evaluate(async (s) => {
    const said = await window.lbLab.load(s);
    await window.lbLab.settled();
    return said;
  }, scenario);
  expect(problem, 'the page refused the scenario').toBeNull();
}

/**
 * Pictures for a human; asserts nothing. Keeps what the page (or one part of it) looked like at
 * this point of a test in test-results/review/<name>.png, for someone to look at after a run.
 * A test's checks are its expects: never read a picture taken here as one. The README's own
 * pictures come from scripts/pictures.ts.
 */
export async function keepForReview(what: Page | Locator, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  const path = `test-results/review/${name}.png`;
  if ('goto' in what) await what.screenshot({ path, fullPage: options.fullPage ?? false });
  else await what.screenshot({ path });
}
