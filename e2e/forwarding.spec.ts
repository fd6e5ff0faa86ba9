import type { Page } from '@playwright/test';
import { macOf } from '../src/sim/forwarding.ts';
import { expect, keepForReview, load, seek, select, settled, test, wholeTrace, type RequestRecord } from './fixtures.ts';

/**
 * Issue 20, deliverable 4's stage half: the "Forwarding" combobox in L4, and what each mode
 * does on the stage. Direct routing flips the header tag's dst MAC (the balancer's → the
 * server's) while src and dst stay client → VIP; the tunnel wraps the packet in an outer header
 * that comes off at the server; in both the answer takes the drawn route from the server straight
 * to the client, never through the balancer. LVS-NAT: the server sees the client's address, and
 * answers through the balancer.
 */

/** Three requests far enough apart that one packet is under way at a time. */
const RUN = {
  seed: 5,
  mode: 'L4',
  algorithm: 'round-robin',
  servers: [{ name: 's1' }, { name: 's2' }, { name: 's3' }],
  requests: [
    { at: 0, client: '203.0.113.10' },
    { at: 400, client: '192.0.2.77' },
    { at: 800, client: '100.64.3.9' },
  ],
};

const SIZES = [
  [1280, 720],
  [390, 844],
] as const;

/** A point of the picture (SVG units). */
interface Point {
  x: number;
  y: number;
}

/** Where a request's packet is drawn now (SVG units), or null when it is not on the stage. */
const packetAt = (page: Page, id: number) =>
  page.evaluate((i) => {
    const el = document.querySelector(`.packets .packet-shapes path[data-id="${i}"]`) as SVGPathElement | null;
    if (!el || el.style.display === 'none') return null;
    const m = /translate\(([-\d.]+),([-\d.]+)\)/.exec(el.getAttribute('transform') ?? '');
    return m ? { x: Number(m[1]), y: Number(m[2]) } : null;
  }, id);

/** A node's box as drawn (SVG units). */
const boxOf = (page: Page, node: string) =>
  page.evaluate((n) => {
    const g = [...document.querySelectorAll<SVGGElement>('svg.topology g[data-node]')].find((x) => x.dataset.node === n)!;
    const r = g.querySelector(':scope > rect')!;
    const v = (a: string) => Number(r.getAttribute(a));
    return { x: v('x'), y: v('y'), w: v('width'), h: v('height') };
  }, node);

/** How far a point is from the drawn legs of the direct route (SVG units): the server's and the client's. */
const offRoute = (page: Page, p: Point, server: string, client: string) =>
  page.evaluate(
    ([pt, s, c]) => {
      const legs = [...document.querySelectorAll<SVGPathElement>('.direct-answers path')].filter(
        (el) => el.dataset.directServer === s || el.dataset.directClient === c,
      );
      let best = Infinity;
      for (const leg of legs) {
        const n = leg.getTotalLength();
        for (let d = 0; d <= n; d += 2) {
          const q = leg.getPointAtLength(d);
          best = Math.min(best, Math.hypot(q.x - pt.x, q.y - pt.y));
        }
      }
      return best;
    },
    [p, server, client] as const,
  );

const inside = (p: Point, b: { x: number; y: number; w: number; h: number }) =>
  p.x >= b.x && p.x <= b.x + b.w && p.y >= b.y && p.y <= b.y + b.h;

/** The time a share `f` of the way from hop i to hop i + 1. */
const between = (r: RequestRecord, i: number, f = 0.5) => r.hops[i]!.at + (r.hops[i + 1]!.at - r.hops[i]!.at) * f;

async function chooseMode(page: Page, mode: string) {
  const box = page.getByRole('combobox', { name: 'Forwarding' });
  await expect(box).toBeEnabled();
  await box.selectOption(mode);
  await settled(page);
  await expect(box).toHaveValue(mode);
}

for (const [width, height] of SIZES) {
  test.describe(`${width}×${height}`, () => {
    test.beforeEach(async ({ page }) => {
      await page.setViewportSize({ width, height });
      await page.goto('/?lang=en');
      await load(page, RUN);
    });

    for (const mode of ['dr', 'tun'] as const) {
      test(`${mode}: the tag shows the ${mode === 'dr' ? 'MAC' : 'outer header'} and the answer skips the balancer on the drawn route`, async ({
        page,
      }) => {
        await chooseMode(page, mode);
        const r = (await wholeTrace(page))[0]!;
        const server = r.server!;
        const serverIp = r.nat!.server.split(':')[0]!;
        const client = `client:${r.client}`;
        await select(page, r.id);
        const tag = page.locator('svg.topology .packet-tag');
        const field = (f: string) => tag.locator(`[data-field="${f}"]`);

        // Into the balancer: client → VIP.
        await seek(page, between(r, 0));
        await expect(tag).toBeVisible();
        await expect(field('dst')).toHaveText(r.hops[0]!.out!.dst);
        // Out of the balancer: the IP header unchanged; dr's dst MAC is the server's, tun's outer header balancer → server.
        await seek(page, between(r, 1));
        await expect(field('src')).toHaveText(r.hops[0]!.out!.src);
        await expect(field('dst')).toHaveText(r.hops[0]!.out!.dst);
        await expect(field('src')).not.toHaveClass(/packet-tag-new/);
        await expect(field('dst')).not.toHaveClass(/packet-tag-new/);
        if (mode === 'dr') {
          await expect(field('mac')).toHaveText(macOf(serverIp));
          await expect(field('mac')).toHaveClass(/packet-tag-new/);
          await expect(tag).toContainText('dst MAC');
        } else {
          await expect(field('outer')).toHaveText(`${r.hops[1]!.out!.outer!.src} → ${serverIp}`);
          await expect(tag).toHaveAttribute('data-extra', 'outer');
          await expect(tag.locator('.packet-tag-outer')).toBeVisible();
        }
        // At the server: the tunnel's outer header has come off.
        const served = r.hops.findIndex((h) => h.node === server && h.dir === 'request');
        const back = r.hops.findIndex((h) => h.node === server && h.dir === 'response');
        if (mode === 'tun') {
          await seek(page, between(r, served, 0.3));
          await expect(field('outer')).toHaveText(`taken off at ${server}`);
          await expect(tag.locator('.packet-tag-outer-off')).toBeVisible();
        }
        await keepForReview(page, `forwarding-${mode}-${width}`);

        // The record: from the server the next hop is the client, no balancer on the way back.
        expect(r.hops[back + 1]!.node).toBe('client');
        // The route is drawn, named, and the answer follows it, never inside a balancer's box.
        await expect(page.getByRole('img', { name: /^Direct answers:/ })).toBeVisible();
        await expect(page.locator(`.direct-answers path[data-direct-server="${server}"]`)).toHaveCount(1);
        const lb1 = await boxOf(page, 'lb1');
        const lb2 = await boxOf(page, 'lb2');
        for (const f of [0.15, 0.35, 0.5, 0.65, 0.85]) {
          await seek(page, between(r, back, f));
          const p = await packetAt(page, r.id);
          expect(p, `the answer is drawn at ${f}`).not.toBeNull();
          expect(inside(p!, lb1) || inside(p!, lb2), `the answer at ${f} is not in a balancer`).toBe(false);
          expect(await offRoute(page, p!, server, client), `the answer at ${f} is on the drawn route`).toBeLessThan(3);
        }
        await expect(page.locator('.direct-answers path.link-direct-active')).toHaveCount(2);
        await expect(page.locator(`.direct-answers path.link-direct-active[data-direct-client="${client}"]`)).toHaveCount(1);
        // The legend names the route and the mode's mark.
        const legend = page.getByRole('list', { name: 'Legend' });
        await expect(legend.locator('[data-item="direct"]')).toContainText('direct answer');
        await expect(legend.locator(`[data-item="${mode === 'dr' ? 'mac' : 'outer'}"]`)).toBeVisible();
      });
    }

    test('nat: the server sees the client; the answer comes back through the balancer; no direct route', async ({ page }) => {
      await chooseMode(page, 'nat');
      const r = (await wholeTrace(page))[0]!;
      await select(page, r.id);
      const tag = page.locator('svg.topology .packet-tag');
      await seek(page, between(r, 1));
      await expect(tag.locator('[data-field="src"]')).toHaveText(r.hops[0]!.out!.src);
      await expect(tag.locator('[data-field="src"]')).not.toHaveClass(/packet-tag-new/);
      await expect(tag.locator('[data-field="dst"]')).toHaveText(r.nat!.server);
      await expect(tag.locator('[data-field="dst"]')).toHaveClass(/packet-tag-new/);
      await expect(tag.locator('[data-field="mac"], [data-field="outer"]')).toHaveCount(0);
      expect(r.hops.filter((h) => h.node === 'lb1').map((h) => h.dir)).toEqual(['request', 'response']);
      await expect(page.locator('.direct-answers')).toHaveCount(0);
    });
  });
}

test('the NAT card says what each mode rewrites', async ({ page }) => {
  await page.goto('/?lang=en');
  await load(page, RUN);
  await page.locator('#now-tab-nat').click();
  const card = page.locator('.nat-card').first();
  for (const [mode, says] of [
    ['full-nat', /Full NAT: the balancer rewrites the destination to the server and the source to itself/],
    ['nat', /LVS-NAT: the balancer rewrites only the destination/],
    ['dr', /the balancer changes only the Ethernet destination/],
    ['tun', /wraps the packet in an outer IP header/],
  ] as const) {
    await chooseMode(page, mode);
    const r = (await wholeTrace(page))[0]!;
    await select(page, r.id);
    await seek(page, between(r, 1));
    await expect(card.locator('.nat-mode')).toHaveText(says);
    if (mode === 'dr') {
      await expect(card.locator('[data-testid="nat-caption"]')).toContainText('IP header unchanged; Ethernet destination rewritten');
      await expect(card.locator('tr[data-field="mac"]')).toContainText(macOf(r.nat!.server.split(':')[0]!));
    }
    if (mode === 'tun') await expect(card.locator('tr[data-field="outer"]')).toBeVisible();
  }
});

test('the combobox is named and keyboard usable in both languages, and disabled with a reason in L7', async ({ page }) => {
  await page.goto('/?lang=ko');
  const ko = page.getByRole('combobox', { name: '전달 방식' });
  await expect(ko.locator('option')).toHaveText(['풀 NAT', 'LVS-NAT', '직접 라우팅 — L2', 'IP 터널 — L3']);
  await page.goto('/?lang=en');
  const box = page.getByRole('combobox', { name: 'Forwarding' });
  await expect(box.locator('option')).toHaveText(['full NAT', 'LVS-NAT', 'direct routing — L2', 'IP tunnel — L3']);
  await expect(box).toHaveAccessibleDescription(/How the L4 balancer \(IPVS under keepalived\) hands a connection/);
  await box.focus();
  await page.keyboard.press('ArrowDown');
  await settled(page);
  await expect(box).toHaveValue('nat');
  expect(await page.evaluate(() => window.lbLab.link())).toContain('#s=');

  // L7 is a proxy: the box is disabled and says why; weighted least connections is not offered.
  await page.getByRole('combobox', { name: 'Algorithm' }).selectOption('weighted-least-connections');
  await settled(page);
  await page.getByRole('combobox', { name: 'Layer' }).selectOption('L7');
  await settled(page);
  await expect(box).toBeDisabled();
  await expect(box).toHaveValue('proxy');
  await expect(box).toHaveAccessibleDescription(/Forwarding modes are L4 only: an L7 balancer is a proxy/);
  const algorithm = page.getByRole('combobox', { name: 'Algorithm' });
  await expect(algorithm).toHaveValue('least-connections');
  await expect(algorithm.locator('option[value="weighted-least-connections"]')).toHaveCount(0);
  await expect(page.locator('.notice')).toContainText('L7 picks with least connections');
  await expect(page.locator('.notice')).toContainText('LVS-NAT (an L4 forwarding mode) no longer applies');
});

test('under reduced motion the answer waits midway on the drawn route, its MAC marked without a glow', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('/?lang=en');
  await load(page, { ...RUN, forwarding: 'dr' });
  // The route is worked out by a part loaded on first use: drawn a moment after the run.
  await expect(page.getByRole('img', { name: /^Direct answers:/ })).toBeVisible();
  const r = (await wholeTrace(page))[0]!;
  await select(page, r.id);
  await seek(page, between(r, 1, 0.2));
  const mark = page.locator('svg.topology .packet-tag .packet-tag-mark-on');
  await expect(mark).toHaveCount(1);
  await expect(mark).not.toHaveClass(/packet-tag-glow/);
  const back = r.hops.findIndex((h) => h.dir === 'response');
  await seek(page, between(r, back, 0.3));
  // On the route once the picture has settled (the legend growing may reflow it a frame later).
  await expect.poll(async () => offRoute(page, (await packetAt(page, r.id))!, r.server!, `client:${r.client}`)).toBeLessThan(3);
  const early = await packetAt(page, r.id);
  // Later in the same hop it has not moved (the picture itself may reflow as the legend grows: poll).
  await seek(page, between(r, back, 0.7));
  await expect.poll(() => packetAt(page, r.id)).toEqual(early);
});
