import type { Page } from '@playwright/test';
import { isBalancer } from '../src/sim/nodes.ts';
import { expect, load, seek, select, test, wholeTrace, type RequestRecord } from './fixtures.ts';

/**
 * Issue 11, points 2 and 4: packets you can read (an id pill, in L7 the path), a legend of
 * every shape, the NAT rewrite on the packet's header tag, and outcomes drawn on the stage.
 */

/** A small L7 run: a cache miss then a hit on /static, a denied /admin, and a routed /map. */
const L7 = {
  seed: 3,
  mode: 'L7',
  algorithm: 'round-robin',
  servers: [{ name: 's1' }, { name: 's2' }, { name: 's3' }],
  cache: { pathPrefixes: ['/static'], ttlMs: 60000 },
  block: { pathPrefixes: ['/admin'] },
  requests: [
    { at: 0, client: '203.0.113.10', path: '/static/app.js' },
    { at: 300, client: '203.0.113.10', path: '/static/app.js' },
    { at: 600, client: '192.0.2.77', path: '/admin' },
    { at: 900, client: '100.64.3.9', path: '/map' },
  ],
};

const WORDS = {
  en: {
    legend: 'Legend',
    request: 'request',
    response: 'response',
    cache: 'cache',
    blocked: 'blocked',
    src: 'src',
    dst: 'dst',
  },
  ko: { legend: '범례', request: '요청', response: '응답', cache: '캐시', blocked: '차단', src: '출발', dst: '목적' },
} as const;

/**
 * The screen size (CSS px) of an SVG text's type: its font size in picture units times the
 * picture's scale (the picture is fitted into its box, so the smaller of the two ratios).
 */
const screenFontPx = (page: Page, selector: string) =>
  page.evaluate((sel) => {
    const text = [...document.querySelectorAll<SVGTextElement>(sel)].find((t) => t.getBoundingClientRect().height > 0);
    if (!text) return 0;
    const svg = text.ownerSVGElement!;
    const box = svg.getBoundingClientRect();
    const scale = Math.min(box.width / svg.viewBox.baseVal.width, box.height / svg.viewBox.baseVal.height);
    return Number(text.getAttribute('font-size') ?? parseFloat(getComputedStyle(text).fontSize)) * scale;
  }, selector);

/** The smallest screen width (CSS px) of the packets drawn on links, or 0 when none is. */
const packetPx = (page: Page, kind: string) =>
  page.evaluate((k) => {
    const ws = [...document.querySelectorAll(`.packets .packet-shapes path.packet-${k}:not(.packet-selected)`)]
      .map((p) => p.getBoundingClientRect().width)
      .filter((w) => w > 0);
    return ws.length ? ws.reduce((m, w) => Math.min(m, w), Infinity) : 0;
  }, kind);

const rectOf = (page: Page, selector: string) =>
  page.evaluate((sel) => {
    const r = document.querySelector(sel)?.getBoundingClientRect();
    return r ? { x: r.x, y: r.y, w: r.width, h: r.height } : null;
  }, selector);
const apart = (a: { x: number; y: number; w: number; h: number }, b: { x: number; y: number; w: number; h: number }) =>
  a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;

for (const lang of ['en', 'ko'] as const) {
  const w = WORDS[lang];

  test(`a packet in flight carries its id; the legend names request and response (${lang})`, async ({ page }) => {
    await page.goto(`/?lang=${lang}`);
    const recs = await wholeTrace(page);
    const r = recs.find((x) => x.hops.length >= 3)!;
    await seek(page, (r.hops[0]!.at + r.hops[1]!.at) / 2);
    const pill = page.locator('.packets .packet-pill:visible', { hasText: new RegExp(`^#${r.id}$`) });
    await expect(pill).toHaveCount(1);
    const legend = page.getByRole('list', { name: w.legend });
    await expect(legend).toBeVisible();
    await expect(legend.getByRole('listitem').filter({ hasText: new RegExp(`^${w.request}$`) })).toBeVisible();
    await expect(legend.getByRole('listitem').filter({ hasText: new RegExp(`^${w.response}$`) })).toBeVisible();
    // L4 with nothing configured: no probe, no handshake, no cache in the legend.
    await expect(legend.locator('[data-item="probe"], [data-item="tcp"], [data-item="cache"]')).toHaveCount(0);
  });

  test(`the selected packet's header tag: the VIP before lb1, the server after, rewritten fields marked (${lang})`, async ({ page }) => {
    await page.goto(`/?lang=${lang}`);
    const recs = await wholeTrace(page);
    const r = recs.find((x) => x.hops[1]?.node === 'lb1' && x.hops[1].out)!;
    const vip = r.hops[0]!.out!.dst,
      server = r.hops[1]!.out!.dst;
    expect(server).not.toBe(vip);
    await select(page, r.id);
    const tag = page.locator('svg.topology .packet-tag');
    const field = (f: 'src' | 'dst') => tag.locator(`[data-field="${f}"]`);
    await seek(page, (r.hops[0]!.at + r.hops[1]!.at) / 2);
    await expect(tag).toBeVisible();
    await expect(tag).toHaveAttribute('data-id', String(r.id));
    await expect(tag).toContainText(w.src);
    await expect(field('dst')).toHaveText(vip);
    await expect(field('dst')).not.toHaveClass(/packet-tag-new/);
    await seek(page, (r.hops[1]!.at + r.hops[2]!.at) / 2);
    await expect(field('dst')).toHaveText(server);
    await expect(field('dst')).toHaveClass(/packet-tag-new/);
    await expect(field('src')).toHaveText(r.hops[1]!.out!.src);
  });

  test(`L7: the pill names the path; a cache hit turns back and a block bursts at lb1 (${lang})`, async ({ page }) => {
    await page.goto(`/?lang=${lang}`);
    await load(page, L7);
    const recs = await wholeTrace(page);
    const map = recs.find((x) => x.path === '/map')!;
    await seek(page, (map.hops[0]!.at + map.hops[1]!.at) / 2);
    await expect(page.locator('.packets .packet-pill:visible', { hasText: `#${map.id} GET /map` })).toHaveCount(1);
    await expect(page.getByRole('list', { name: w.legend }).locator('[data-item="cache"], [data-item="blocked"]')).toHaveCount(2);

    const hit = recs.find((x) => x.outcome === 'cached')!;
    const answeredAt = (x: RequestRecord) => x.hops.find((h) => h.dir === 'response')!.at;
    await seek(page, answeredAt(hit) + 2);
    const cache = page.locator('svg.topology .signals .verdict-cached:visible');
    await expect(cache).toHaveCount(1);
    await expect(cache).toContainText(w.cache);
    await expect(page.locator('.packets .packet-pill-cache:visible')).toContainText(`#${hit.id} ${w.cache}`);

    const blocked = recs.find((x) => x.outcome === 'blocked')!;
    expect(blocked.status).toBe(403);
    await seek(page, answeredAt(blocked) + 2);
    const burst = page.locator('svg.topology .signals .verdict-blocked:visible');
    await expect(burst).toHaveCount(1);
    await expect(burst).toContainText('403');
    await expect(burst).toContainText(w.blocked);
    // The answer goes back red, its status written on it.
    await expect(page.locator('.packets .packet-pill-error:visible')).toHaveText(`#${blocked.id} 403`);
    await expect(page.locator(`.packets path.packet-error[data-id="${blocked.id}"]`)).toBeVisible();
  });

  test(`a lost session is named on its answer (${lang})`, async ({ page }) => {
    await page.goto(`/?lang=${lang}`);
    await load(page, {
      seed: 14,
      algorithm: 'round-robin',
      servers: [{ name: 's1' }, { name: 's2' }, { name: 's3' }],
      sessions: { loginPath: '/login' },
      requests: [
        { at: 0, client: '203.0.113.10', path: '/login' },
        { at: 300, client: '203.0.113.10', path: '/cart' },
      ],
    });
    const recs = await wholeTrace(page);
    const lost = recs.find((x) => x.status === 401);
    expect(lost, 'round robin sends the second request to another server').toBeTruthy();
    await seek(page, lost!.doneAt - 1);
    await expect(page.locator('.packets .packet-pill-error:visible')).toHaveText(
      `#${lost!.id} 401 ${lang === 'en' ? 'session lost' : '세션 잃음'}`,
    );
    await expect(page.getByRole('list', { name: w.legend }).locator('[data-item="sessionLost"]')).toBeVisible();
  });

  for (const [width, height, classroom, least] of [
    [390, 844, false, 12],
    [820, 1180, false, 14],
    [1280, 720, false, 14],
    [1920, 1080, true, 22],
  ] as const) {
    test(`at ${width}×${height}${classroom ? ' in classroom mode' : ''} pills and tags read at ${least} px or more, packets are big, and they keep off the words (${lang})`, async ({
      page,
    }) => {
      await page.setViewportSize({ width, height });
      await page.goto(`/?lang=${lang}`);
      if (classroom) await page.getByRole('button', { name: lang === 'en' ? 'Classroom mode' : '발표 모드' }).click();
      const recs = await wholeTrace(page);
      const r = recs.find((x) => x.dns && x.hops.length >= 3)!;
      await select(page, r.id);
      await seek(page, (r.hops[0]!.at + r.hops[1]!.at) / 2);
      expect(await screenFontPx(page, '.packets .packet-pill text')).toBeGreaterThanOrEqual(least);
      expect(await screenFontPx(page, 'svg.topology .packet-tag text')).toBeGreaterThanOrEqual(least);
      // Packets you can see from the back: a request dot 16 px across or more (26 px in classroom mode).
      const other = recs.find((x) => x.id !== r.id && x.hops.length >= 3)!;
      await select(page, null);
      await seek(page, (other.hops[0]!.at + other.hops[1]!.at) / 2);
      expect(await packetPx(page, 'request')).toBeGreaterThanOrEqual(classroom ? 26 : 16);
      await select(page, r.id);
      // The DNS query sets out beside the client's box, not over its address.
      await seek(page, r.dns!.at + 0.05);
      const square = await rectOf(page, `.packets path.packet-dns[data-id="${r.id}"]`);
      const client = page.getByRole('img', { name: lang === 'en' ? `Client ${r.client}` : `클라이언트 ${r.client}` });
      const title = await client.locator('text').first().boundingBox();
      expect(square && title).toBeTruthy();
      expect(apart(square!, { x: title!.x, y: title!.y, w: title!.width, h: title!.height })).toBe(true);
      // A request being served waits beside its server's box.
      const server = r.hops.find((h) => h.dir === 'request' && h.in && !h.out && !isBalancer(h.node))!;
      await seek(page, server.at + 1);
      const held = await rectOf(page, `.packets path[data-id="${r.id}"]`);
      const box = await page.locator(`[data-node="${server.node}"] > rect`).first().boundingBox();
      expect(held && box).toBeTruthy();
      expect(apart(held!, { x: box!.x, y: box!.y, w: box!.width, h: box!.height })).toBe(true);
    });
  }
}

/** Issue 18: each server's queue is a row of dots, a long job looks long. */
test('a swamped server shows a longer queue of dots than an idle one, with a big count and a ring that fills over the stay', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/?lang=en');
  // Smooth weighted round robin sends 39 of 40 requests to s1; each takes 3 s.
  await load(page, {
    seed: 2,
    algorithm: 'weighted-round-robin',
    servers: [
      { name: 's1', weight: 39, concurrency: 100 },
      { name: 's2', weight: 1, concurrency: 100 },
    ],
    requests: Array.from({ length: 40 }, (_, i) => ({ at: i * 5, client: '203.0.113.10', path: '/', serviceMs: 3000 })),
  });
  const recs = await wholeTrace(page);
  const first = recs.find((r) => r.hops.some((h) => h.node === 's1'))!;
  const arrived = first.hops.find((h) => h.node === 's1')!.at;
  await seek(page, arrived + 1500);
  const queue = (node: string) => page.locator(`.packets .packet-queue[data-queue="${node}"]`);
  const dots = (node: string) => queue(node).locator('path:visible').count();
  await expect(queue('s1')).toHaveAttribute('data-count', '39');
  await expect(queue('s2')).toHaveAttribute('data-count', '1');
  expect(await dots('s1')).toBeGreaterThan(await dots('s2'));
  expect(await dots('s1')).toBeGreaterThanOrEqual(4);
  expect(await dots('s2')).toBe(1);
  // Those not drawn are counted, in type as large as the pills'.
  const drawn = Number(await queue('s1').getAttribute('data-dots'));
  await expect(queue('s1').locator('.packet-more')).toHaveText(`+${39 - drawn}`);
  expect(await screenFontPx(page, '.packet-queue[data-queue="s1"] .packet-more')).toBeGreaterThanOrEqual(14);
  // The dots keep off the server's box.
  const box = await page.locator('[data-node="s1"] > rect').first().boundingBox();
  for (const d of await queue('s1').locator('path:visible').all()) {
    const b = (await d.boundingBox())!;
    expect(apart({ x: b.x, y: b.y, w: b.width, h: b.height }, { x: box!.x, y: box!.y, w: box!.width, h: box!.height })).toBe(true);
  }
  // Halfway through a 3 s job its ring is about half drawn; a moment after it came, barely started.
  const ringOf = () =>
    queue('s1')
      .locator('circle.packet-progress:visible')
      .first()
      .evaluate((c) => parseFloat(c.getAttribute('stroke-dasharray') ?? '0'));
  expect(await ringOf()).toBeGreaterThan(40);
  expect(await ringOf()).toBeLessThan(60);
  await seek(page, arrived + 200);
  expect(await ringOf()).toBeLessThan(10);
});
