import { expect, test } from './fixtures.ts';
import type { Page } from '@playwright/test';

/**
 * The inputs that once froze or crashed a tab (issue 12), opened as a link and as a file:
 * the page is drawn, or says what is wrong, within 2 s, and stays responsive.
 */

/** A link that carries `scenario`, built the way the page's own codec builds one. */
async function linkFor(page: Page, scenario: unknown): Promise<string> {
  return page.evaluate(async (scenario) => {
    const state = {
      v: 1,
      scenario,
      events: [],
      time: 0,
      speed: 0.05,
      selected: null,
      lang: 'en',
      classroom: false,
      hidden: [],
      lesson: null,
    };
    const bytes = new TextEncoder().encode(JSON.stringify(state));
    const packed = new Uint8Array(
      await new Response(new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate-raw'))).arrayBuffer(),
    );
    let bin = '';
    for (const b of packed) bin += String.fromCharCode(b);
    return `${location.origin}/?lang=en#s=${btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
  }, scenario);
}

const HOSTILE: { what: string; scenario: unknown; says?: RegExp }[] = [
  {
    what: 'a one-hour job behind one worker, ten requests a second',
    scenario: {
      servers: [{ name: 's1', concurrency: 1 }],
      load: { clients: 1, ratePerSec: 10, durationMs: 10000, serviceMs: 3600000 },
    },
  },
  {
    what: 'the same on a server a hundred times slower',
    scenario: {
      servers: [{ name: 's1', concurrency: 1, speed: 0.01 }],
      load: { clients: 1, ratePerSec: 10, durationMs: 10000, serviceMs: 3600000 },
    },
  },
  {
    what: 'an advert interval of 5e-324 ms',
    scenario: {
      servers: [{ name: 's1' }],
      balancers: { advertIntervalMs: 5e-324 },
      requests: [{ at: 0, client: '203.0.113.10' }],
    },
    says: /advertIntervalMs" must be whole seconds with VRRPv2/,
  },
  {
    what: 'a health-check interval of 5e-324 ms',
    scenario: {
      servers: [{ name: 's1' }],
      healthCheck: { intervalMs: 5e-324 },
      requests: [{ at: 0, client: '203.0.113.10' }],
    },
    says: /intervalMs" must be at least 100 ms/,
  },
  {
    what: "a NUL in a rule's path prefix (HAProxy cut it there and denied every request)",
    scenario: {
      mode: 'L7',
      servers: [{ name: 's1' }],
      rules: [{ match: { pathPrefix: '/\u0000x' }, servers: ['s1'] }],
      requests: [{ at: 0, client: '203.0.113.10' }],
    },
    says: /rules\[0\]\.match\.pathPrefix" must hold no control characters .*\(got "\/\\u0000x"\)/,
  },
  {
    what: 'a rate limit of 1 request per 1e-300 ms (nginx.conf would say rate=1e+303r/s)',
    scenario: {
      mode: 'L7',
      servers: [{ name: 's1' }],
      block: { perClient: { requests: 1, perMs: 1e-300 } },
      requests: [{ at: 0, client: '203.0.113.10' }],
    },
    says: /block\.perClient" must allow at most 1,000,000 requests per second/,
  },
  {
    what: 'a set-load lasting eleven days',
    scenario: {
      servers: [{ name: 's1' }],
      requests: [{ at: 0, client: '203.0.113.10' }],
      events: [{ at: 0, action: 'set-load', durationMs: 1000000000 }],
    },
    says: /this would make about [\d,]+ requests; the page runs at most 20,000/,
  },
];

const stage = (page: Page) => page.getByRole('group', { name: /^Network/ });

for (const h of HOSTILE) {
  test(`as a link: ${h.what}`, async ({ page }) => {
    await page.goto('/?lang=en');
    const link = await linkFor(page, h.scenario);
    await page.goto('about:blank');
    await page.goto(link);
    await expect(stage(page)).toBeVisible({ timeout: 2000 });
    if (h.says) await expect(page.getByRole('status').filter({ hasText: h.says })).toBeVisible({ timeout: 2000 });
    else await expect.poll(() => page.evaluate(() => window.lbLab.settled().then(() => true)), { timeout: 5000 }).toBe(true);
    // Still responsive: a click answers (a hung page fails this test by its timeout).
    await page.getByRole('button', { name: 'Step forward' }).click();
  });

  test(`as a file: ${h.what}`, async ({ page }) => {
    await page.goto('/?lang=en');
    await page.getByRole('button', { name: 'Scenario gallery' }).click();
    await page.getByLabel('Open a scenario file').setInputFiles({
      name: 'hostile.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(h.scenario)),
    });
    if (h.says) await expect(page.getByRole('status').filter({ hasText: h.says })).toBeVisible({ timeout: 2000 });
    else await expect.poll(() => page.evaluate(() => window.lbLab.settled().then(() => true)), { timeout: 5000 }).toBe(true);
    await expect(stage(page)).toBeVisible();
  });
}

test('a long run shows its progress and can be stopped; the page keeps the run it had', async ({ page }) => {
  await page.goto('/?lang=en');
  const all = () =>
    page.evaluate(async () => {
      const t = window.lbLab.time();
      window.lbLab.seek(1e12);
      const n = (await window.lbLab.trace()).length;
      window.lbLab.seek(t);
      return n;
    });
  const before = await all();
  // Heavy but within the page's budget (about 2 s of work in Node): an hour of L7 with
  // handshakes and health checks on 30 servers.
  void page.evaluate(() =>
    window.lbLab.load({
      mode: 'L7',
      network: { handshakes: true },
      servers: Array.from({ length: 30 }, (_, i) => ({ name: `s${i + 1}` })),
      healthCheck: { intervalMs: 2000 },
      load: { clients: 50, ratePerSec: 5, durationMs: 3600000, serviceMs: 20 },
    }),
  );
  const status = page.getByRole('status').filter({ hasText: /Simulating/ });
  await expect(status).toBeVisible({ timeout: 3000 });
  // The page answers while the worker runs: its own Stop button is a click on this thread.
  await status.getByRole('button', { name: 'Stop this run' }).click();
  await expect(status).toBeHidden();
  expect(await all()).toBe(before);
  await expect(stage(page)).toBeVisible();
});
