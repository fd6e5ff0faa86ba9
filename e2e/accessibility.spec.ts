import AxeBuilder from '@axe-core/playwright';
import { expect, seek, test } from './fixtures.ts';

for (const lang of ['en', 'ko']) {
  test(`no accessibility violations (axe, WCAG 2 A/AA) in ${lang}, with a request selected`, async ({ page }) => {
    await page.goto(`/?lang=${lang}`);
    await page.evaluate(async () => {
      window.lbLab.seek(20_000);
      const r = (await window.lbLab.trace())[10]!;
      window.lbLab.select(r.id);
      window.lbLab.seek(r.hops[2]!.at);
    });
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length}) e.g. ${v.nodes[0]?.target.join(' ')}`);
    expect(summary).toEqual([]);
  });
}

test('every control can be reached with the keyboard', async ({ page }) => {
  await page.goto('/?lang=en');
  const names = new Set<string>();
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const name = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el ? (el.getAttribute('aria-label') ?? el.textContent?.trim() ?? el.tagName) : '';
    });
    names.add(name);
  }
  for (const n of ['Step back', 'Play', 'Step forward', 'Reset', 'Algorithm', 'Add a server', 'Send one request']) {
    expect(
      [...names].some((x) => x.includes(n)),
      `${n} reachable by Tab`,
    ).toBe(true);
  }
});

test('with reduced motion, packets wait midway on their link instead of gliding', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('/?lang=en');
  const pos = await page.evaluate(async () => {
    window.lbLab.seek(20_000);
    const r = (await window.lbLab.trace())[10]!;
    const a = r.hops[0]!.at,
      b = r.hops[1]!.at;
    const read = () => document.querySelector(`.packets path[data-id="${r.id}"]`)?.getAttribute('transform');
    window.lbLab.seek(a + (b - a) * 0.2);
    const early = read();
    window.lbLab.seek(a + (b - a) * 0.8);
    return [early, read()];
  });
  expect(pos[0]).toBeTruthy();
  expect(pos[0]).toBe(pos[1]);
});

test('the event log is one tab stop; the arrows move between its lines', async ({ page }) => {
  await page.goto('/?lang=en');
  await seek(page, 3000);
  const log = page.getByRole('region', { name: 'Event log' });
  const lines = log.getByRole('button');
  // The log is a lazy panel below the stage: it arrives when its code has loaded.
  await log.scrollIntoViewIfNeeded();
  await expect.poll(() => lines.count()).toBeGreaterThan(3);
  await expect(log.locator('button[tabindex="0"]')).toHaveCount(1);
  const stop = log.locator('button[tabindex="0"]');
  await stop.focus();
  await page.keyboard.press('ArrowUp');
  const focused = await page.evaluate(() => document.activeElement?.textContent ?? '');
  expect(focused).not.toBe(await stop.textContent());
  expect(await page.evaluate(() => !!document.activeElement?.closest('.log-lines'))).toBe(true);
});
