import type { Page } from '@playwright/test';
import { MAX_DEPTH } from '../src/store/nesting.ts';
import { RUN_WALL_MS } from '../src/store/workerRunner.ts';
import { expect, test } from './fixtures.ts';

/**
 * No input can jam a run (issue 19): a link nested 5,000 levels deep, a worker that cannot be
 * posted to or never answers; the run ends with a message in the page's language, Stop stops,
 * Share answers and `lbLab.settled()` resolves. `lbLab.link()` never hands out a link the page
 * would refuse. And a scenario's strings never reorder the page's own words.
 */

const WORDS = {
  en: {
    tooDeep: `the scenario nests objects and lists deeper than ${MAX_DEPTH} levels`,
    failed: 'the simulation failed and was stopped (',
    tooLong: `the simulation took longer than ${RUN_WALL_MS / 1000} s and was stopped`,
    share: 'Share link',
    field: 'Link to this moment',
    stop: 'Stop this run',
  },
  ko: {
    tooDeep: `시나리오의 객체와 목록이 ${MAX_DEPTH}단계보다 깊게 중첩되어 있습니다`,
    failed: '시뮬레이션이 실패해 멈췄습니다(',
    tooLong: `시뮬레이션이 ${RUN_WALL_MS / 1000}초를 넘게 걸려 멈췄습니다`,
    share: '링크 공유',
    field: '지금 이 순간의 링크',
    stop: '이 실행 멈추기',
  },
} as const;

/** A link whose scenario holds one event nested `depth` levels deep, its JSON written as text (no recursion). */
async function deepLink(page: Page, depth: number, lang: string): Promise<string> {
  return page.evaluate(
    async ({ depth, lang }) => {
      const event = `{"at":0,"action":"fail","target":"s1","x":${'['.repeat(depth)}${']'.repeat(depth)}}`;
      const json = `{"v":1,"scenario":{"servers":[{"name":"s1"}],"requests":[{"at":0,"client":"203.0.113.10"}],"events":[${event}]},"events":[],"time":0,"speed":0.05,"selected":null,"lang":"${lang}","classroom":false,"hidden":[],"lesson":null}`;
      const packed = new Uint8Array(
        await new Response(
          new Blob([new TextEncoder().encode(json)]).stream().pipeThrough(new CompressionStream('deflate-raw')),
        ).arrayBuffer(),
      );
      let bin = '';
      for (const b of packed) bin += String.fromCharCode(b);
      return `${location.origin}/?lang=${lang}#s=${btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
    },
    { depth, lang },
  );
}

/**
 * Lets a test make the page's worker misbehave: with `window.jam` set to 'hold', a run posted to
 * it is never answered; with 'throw', posting it throws what structured cloning 5,000 levels threw.
 */
async function jammable(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (this: Worker, ...args: Parameters<Worker['postMessage']>) {
      const jam = (window as unknown as { jam?: string }).jam;
      if (jam === 'hold') return;
      if (jam === 'throw') throw new RangeError("Failed to execute 'postMessage' on 'Worker': Maximum call stack size exceeded");
      return post.apply(this, args);
    } as Worker['postMessage'];
  });
}

const jam = (page: Page, how: 'hold' | 'throw' | null) =>
  page.evaluate((how) => {
    (window as unknown as { jam?: string | null }).jam = how;
  }, how);

const settledNow = (page: Page) => page.evaluate(() => window.lbLab.settled().then(() => true));

const twoServers = { servers: [{ name: 's1' }, { name: 's2' }], requests: [{ at: 0, client: '203.0.113.10' }] };

for (const lang of ['en', 'ko'] as const) {
  const n = WORDS[lang];

  test(`a link nesting 5,000 levels deep ends with a message, and Share, link() and settled() answer after it (${lang})`, async ({
    page,
  }) => {
    await page.goto(`/?lang=${lang}`);
    const link = await deepLink(page, 5000, lang);
    await page.goto('about:blank');
    await page.goto(link);
    await expect(page.locator('.notice')).toContainText(n.tooDeep);
    expect(await settledNow(page)).toBe(true);
    await expect(page.locator('.run-status')).toHaveCount(0);
    await page.getByRole('button', { name: n.share, exact: true }).click();
    await expect(page.getByRole('textbox', { name: n.field })).toHaveValue(/#s=/);
    expect(typeof (await page.evaluate(() => window.lbLab.link()))).toBe('string');
    // The page still runs what it is given.
    expect(await page.evaluate((s) => window.lbLab.load(s), twoServers)).toBeNull();
  });

  test(`a run the worker cannot be sent ends with a message; one it never answers is stopped by Stop or by the watchdog (${lang})`, async ({
    page,
  }) => {
    await jammable(page);
    await page.clock.install();
    await page.goto(`/?lang=${lang}`);
    expect(await settledNow(page)).toBe(true);

    await jam(page, 'throw');
    const thrown = await page.evaluate((s) => window.lbLab.load(s), twoServers);
    expect(thrown).toContain('the simulation failed and was stopped (');
    expect(thrown).toContain('Maximum call stack size exceeded');
    await expect(page.locator('.notice')).toContainText(n.failed);
    expect(await settledNow(page)).toBe(true);

    await jam(page, 'hold');
    void page.evaluate((s) => window.lbLab.load(s), twoServers);
    const status = page.getByRole('status').filter({ has: page.getByRole('button', { name: n.stop }) });
    await expect(status).toBeVisible();
    await status.getByRole('button', { name: n.stop }).click();
    await expect(status).toBeHidden();
    expect(await settledNow(page)).toBe(true);

    void page.evaluate((s) => window.lbLab.load(s), twoServers);
    await expect(status).toBeVisible();
    await page.clock.runFor(RUN_WALL_MS);
    await expect(page.locator('.notice')).toContainText(n.tooLong);
    await expect(status).toBeHidden();
    expect(await settledNow(page)).toBe(true);

    await jam(page, null);
    expect(await page.evaluate((s) => window.lbLab.load(s), twoServers)).toBeNull();
  });
}

test('lbLab.link() refuses, as Share does, a link the page would not open', async ({ page }) => {
  await page.goto('/?lang=en');
  const small = await page.evaluate(() => window.lbLab.link());
  expect(typeof small).toBe('string');
  // 5,000 requests, each with its own path: the link unpacks to more than 200,000 bytes.
  const big = {
    servers: [{ name: 's1' }, { name: 's2' }],
    requests: Array.from({ length: 5000 }, (_, i) => ({ at: i * 10, client: '203.0.113.10', path: `/page/${i}/${(i * 7919) % 10007}` })),
  };
  expect(await page.evaluate((s) => window.lbLab.load(s), big)).toBeNull();
  const made = await page.evaluate(() => window.lbLab.link());
  expect(made).toEqual({ error: expect.stringContaining('This link is too large to open (it unpacks to more than 200,000 bytes') });
  await page.getByRole('button', { name: 'Share link', exact: true }).click();
  const box = page.getByRole('group', { name: 'A link to this moment' });
  await expect(box.getByRole('status')).toHaveText((made as { error: string }).error);
  await expect(page.getByRole('textbox', { name: 'Link to this moment' })).toHaveCount(0);
});

const RLO = '\u202e';
const LRI = '\u2066';
const PDI = '\u2069';
const HEBREW = '/שלום';
const bidiScenario = {
  mode: 'L7',
  servers: [{ name: 's1' }, { name: 's2' }],
  block: { pathPrefixes: [`/x${RLO}`] },
  requests: [
    { at: 0, client: '203.0.113.10', path: `/x${RLO}` },
    { at: 200, client: '192.0.2.77', path: HEBREW },
  ],
};

test("a right-to-left override or Hebrew in a path leaves the page's own words in order: log, narration, Why, inspector", async ({
  page,
}) => {
  await page.goto('/?lang=en');
  expect(await page.evaluate((s) => window.lbLab.load(s), bidiScenario)).toBeNull();
  const blockedAt = await page.evaluate(async () => {
    window.lbLab.seek(1e12);
    const r = (await window.lbLab.trace())[0]!;
    return r.hops.find((h) => h.dir === 'response' && !h.in && h.out)!.at;
  });
  // The override is shown, not obeyed; the Hebrew path is isolated from the words around it.
  const log = page.getByRole('log');
  await expect(log).toContainText('lb1 blocks #1 (/x\\u202e) with 403');
  await expect(log).toContainText(`sends #2 GET ${LRI}${HEBREW}${PDI}: `);
  expect(await log.innerText()).not.toContain(RLO);

  await page.evaluate((t) => window.lbLab.seek(t), blockedAt);
  const narration = page.getByRole('region', { name: 'Narration' });
  await expect(narration).toContainText('lb1 blocks #1 (/x\\u202e) with 403');
  expect(await narration.innerText()).not.toContain(RLO);

  await page.evaluate(() => window.lbLab.select(1));
  const inspector = page.getByRole('region', { name: 'Packet inspector' });
  await expect(inspector).toContainText('GET /x\\u202e HTTP/1.1');
  await expect(page.getByRole('region', { name: 'Why this server' })).toContainText('the path /x\\u202e is denied');
  await page.evaluate(() => window.lbLab.select(2));
  await expect(inspector).toContainText(`GET ${LRI}${HEBREW}${PDI} HTTP/1.1`);
  expect(await inspector.innerText()).not.toContain(RLO);
});

test('the Export dialog shows exactly what it copies, control characters written visibly in both', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/?lang=en');
  const scenario = { ...bidiScenario, rules: [{ match: { header: 'X-Beta', equals: `1${RLO}\u200b\u2028` }, servers: ['s2'] }] };
  expect(await page.evaluate((s) => window.lbLab.load(s), scenario)).toBeNull();
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'This scenario on real machines' });
  for (const [radio, file] of [
    ['nginx', 'nginx.conf'],
    ['HAProxy', 'haproxy.cfg'],
  ] as const) {
    await dialog.getByRole('radio', { name: radio }).check();
    const text = dialog.getByLabel(`${file} for this scenario`);
    await expect(text).toContainText('X-Beta: 1\\u202e\\u200b\\u2028');
    await dialog.getByRole('button', { name: 'Copy', exact: true }).click();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(await text.innerText());
    expect(copied).not.toMatch(/[\u200b\u2028\u202e]/);
  }
});
