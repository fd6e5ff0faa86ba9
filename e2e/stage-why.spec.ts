import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, keepForReview, load, nowTab, seek, select, settled, test, time, trace, wholeTrace } from './fixtures.ts';

/**
 * The why on the stage (issue 11, point 3): weight bars, the hash tag, open-connection dots,
 * the standby's countdown ring and the crossed link, each for the pick "Why this server" tells,
 * in both languages; and, at every screen size, never over a node's text. L7's marks are
 * nginx's; L4's are IPVS's (issue 20): wrr's weights against its one cw, lc's overheads, sh's bucket.
 */

const scenario = (name: string) => JSON.parse(readFileSync(new URL(`../src/scenarios/${name}.json`, import.meta.url), 'utf8')) as unknown;

const T = {
  en: {
    algorithm: 'Algorithm',
    after: 'After the pick',
    why: 'Why this server',
    chosen: /Chosen server: (s\d+)/,
    failover: 'Failover',
    failLb: 'Fail primary balancer',
    seconds: /^\d+\.\d s$/,
    down: /^lb1 has marked s2 down/,
    classroom: 'Classroom mode',
    layer: 'Layer',
    cwRow: /Weight ≥ cw (\d+)\?/,
    bucket: /Bucket (\d+) holds (s\d+)/,
    shTag: /^hash\((\d+\.\d+\.\d+\.\d+)\) → bucket (\d+) → (s\d+)$/,
  },
  ko: {
    algorithm: '알고리즘',
    after: '선택 후 현재 가중치',
    why: '왜 이 서버인가',
    chosen: /선택된 서버: (s\d+)/,
    failover: '장애 조치(페일오버)',
    failLb: '메인 로드밸런서 장애 발생',
    seconds: /^\d+\.\d초$/,
    down: /^lb1[이가] s2[을를] /,
    classroom: '발표 모드',
    layer: '계층',
    cwRow: /가중치 ≥ cw (\d+)\?/,
    bucket: /버킷 (\d+)에는 (s\d+)/,
    shTag: /^hash\((\d+\.\d+\.\d+\.\d+)\) → 버킷 (\d+) → (s\d+)$/,
  },
} as const;

/** The server "Why this server" names for the pick it tells. */
async function whyChosen(page: Page, lang: 'en' | 'ko'): Promise<string> {
  const text = await page.getByRole('region', { name: T[lang].why }).innerText();
  return text.match(T[lang].chosen)?.[1] ?? '';
}

test.describe.configure({ timeout: 120_000 });

for (const lang of ['en', 'ko'] as const) {
  const t = T[lang];
  test.describe(`the why on the stage (${lang})`, () => {
    test("L7: nginx's round robin draws the current weights; ip_hash its key; least_conn its open connections", async ({ page }) => {
      await page.goto(`/?lang=${lang}`);
      await page.getByRole('combobox', { name: t.layer }).selectOption('L7');
      await settled(page);
      await seek(page, 3000);
      const bars = page.locator('.cw-bars .cw-bar');
      await expect(bars).toHaveCount(3);
      const chosen = page.locator('.cw-bar[data-chosen]');
      await expect(chosen).toHaveCount(1);
      await expect(chosen).toContainText('★');
      const server = (await chosen.getAttribute('data-server'))!;
      expect(server).toBe(await whyChosen(page, lang));
      // Its number is the WrrTable's "after the pick" in the winner's column.
      const table = page.getByRole('region', { name: t.why }).locator('table').first();
      const heads = await table.locator('thead th').allInnerTexts();
      const col = heads.findIndex((h) => h.replace('★', '').trim().startsWith(server));
      const row = table.locator('tr', { has: page.getByRole('rowheader', { name: t.after }) });
      const after = (await row.locator('th, td').nth(col).innerText()).trim();
      expect(await chosen.getAttribute('data-value')).toBe(after);
      await expect(chosen.locator('.cw-value')).toHaveText(`★ ${after}`);

      // ip_hash: once a request is hashed, a tag by the balancer names the Why panel's server.
      await page.getByRole('combobox', { name: t.algorithm }).selectOption('ip-hash');
      await settled(page);
      await expect(page.locator('.cw-bars')).toHaveCount(0);
      await seek(page, 4500);
      const tag = page.locator('.cw-hash');
      await expect(tag).toHaveCount(1);
      await expect(tag).toHaveText(/^hash\(\d+\.\d+\.\d+\) → s\d+$/);
      expect(await tag.getAttribute('data-server')).toBe(await whyChosen(page, lang));

      // least_conn: dots on each server; a moment when a request is held shows at least one.
      await page.getByRole('combobox', { name: t.algorithm }).selectOption('least-connections');
      await expect(page.locator('.cw-hash')).toHaveCount(0);
      await expect(page.locator('.cw-dots')).toHaveCount(3);
      await settled(page);
      const now = await time(page);
      await seek(page, now + 4000);
      const served = (await trace(page))
        .flatMap((r) => r.hops)
        .filter((h) => /^s\d+$/.test(h.node) && h.at > now + 200 && h.at < now + 4000)
        .sort((a, b) => a.at - b.at)[0]!;
      await seek(page, served.at + 0.5);
      await expect(page.locator('.cw-dots .cw-dot').first()).toBeVisible();
      await expect(page.locator('.cw-dots[data-chosen]')).toHaveCount(1);
    });

    test("L4: IPVS's wrr draws each weight against its one cw; lc its overheads; sh its bucket", async ({ page }) => {
      await page.goto(`/?lang=${lang}`);
      const why = page.getByRole('region', { name: t.why });
      // wrr 5,1,1 (ip_vs_wrr.c): the fourth pick, s1 at cw 2.
      await load(page, scenario('weighted-round-robin'));
      await seek(page, 320);
      const bars = page.locator('.cw-bars .cw-bar');
      await expect(bars).toHaveCount(3);
      expect(await bars.evaluateAll((b) => b.map((x) => `${x.getAttribute('data-server')} ${x.getAttribute('data-weight')}`))).toEqual([
        's1 5',
        's2 1',
        's3 1',
      ]);
      const chosen = page.locator('.cw-bar[data-chosen]');
      await expect(chosen).toHaveCount(1);
      expect(await chosen.getAttribute('data-server')).toBe(await whyChosen(page, lang));
      // Each bar tests its weight against the cw the Why's table tests them against (the kernel's `weight >= cw`).
      // The Why's IPVS view loads on first use: read it once it is there.
      await expect(why.getByRole('rowheader', { name: t.cwRow })).toBeVisible();
      const cw = Number(t.cwRow.exec(await why.innerText())![1]);
      expect(await bars.evaluateAll((b) => b.map((x) => x.getAttribute('data-cw')))).toEqual([String(cw), String(cw), String(cw)]);
      await expect(chosen.locator('.cw-value')).toHaveText(`★ 5≥${cw}`);
      await expect(page.locator('.cw-hash')).toHaveCount(0);

      // lc (ip_vs_lc.c): each server's dots, and the chosen one's number is the Why table's overhead.
      await load(page, scenario('least-connections'));
      await seek(page, 1500);
      await expect(page.locator('.cw-dots')).toHaveCount(3);
      const star = page.locator('.cw-dots[data-chosen]');
      await expect(star).toHaveCount(1);
      const server = (await star.getAttribute('data-server'))!;
      expect(server).toBe(await whyChosen(page, lang));
      const table = why.locator('table').first();
      await expect(table.getByRole('rowheader', { name: 'Overhead', exact: true })).toBeVisible();
      const heads = await table.locator('thead th').allInnerTexts();
      const col = heads.findIndex((h) => h.replace('★', '').trim() === server);
      const overhead = table.locator('tr', { has: page.getByRole('rowheader', { name: 'Overhead', exact: true }) });
      expect(await star.getAttribute('data-value')).toBe((await overhead.locator('th, td').nth(col).innerText()).trim());

      // sh (ip_vs_sh.c): the whole address, its bucket and its server, as the Why tells them.
      await load(page, scenario('ip-hash'));
      await seek(page, 290);
      const tag = page.locator('.cw-hash');
      await expect(tag).toHaveCount(1);
      const [, , bucket, held] = t.shTag.exec((await tag.textContent())!)!;
      await expect(why).toContainText(t.bucket);
      const told = t.bucket.exec(await why.innerText())!;
      expect([bucket, held]).toEqual([told[1], told[2]]);
      expect(await tag.getAttribute('data-server')).toBe(await whyChosen(page, lang));
      await keepForReview(page.locator('.drawing'), `stage-why-ipvs-sh-1280-${lang}`);
    });

    test('failing lb1 starts the ring on lb2, the seconds written in it', async ({ page }) => {
      await page.goto(`/?lang=${lang}`);
      await seek(page, 3000);
      await expect(page.locator('.cw-ring')).toHaveCount(0);
      await nowTab(page, 'failover');
      await page.getByRole('region', { name: t.failover, exact: true }).getByRole('button', { name: t.failLb, exact: true }).click();
      await settled(page);
      await seek(page, 4500);
      const ring = page.locator('.cw-ring[data-balancer="lb2"]');
      await expect(ring).toBeVisible();
      await expect(ring.locator('.cw-ring-text')).toHaveText(t.seconds);
      const left = parseFloat(((await ring.locator('.cw-ring-text').textContent()) ?? '').replace(/[^\d.]/g, ''));
      expect(left).toBeGreaterThan(0);
      expect(left).toBeLessThan(3.7);
      // Past the takeover, lb2 is master and the ring is gone.
      await seek(page, 9000);
      await expect(page.locator('.cw-ring')).toHaveCount(0);
    });

    test('a server marked down gets a crossed link with its name; failed but unnoticed, a normal one', async ({ page }) => {
      await page.goto(`/?lang=${lang}`);
      await load(page, scenario('server-failure'));
      // s2 fails at 5 s; nothing has failed against it yet.
      await seek(page, 5050);
      await expect(page.locator('.link-down')).toHaveCount(0);
      await seek(page, 11_000);
      const link = page.getByRole('img', { name: t.down });
      await expect(link.first()).toBeVisible();
      await expect(page.locator('.link-down[data-balancer="lb1"][data-server="s2"] .link-cross')).toBeVisible();
      // The other links stay out of the accessibility tree.
      await expect(page.locator('.links [role="img"]')).toHaveCount(await page.locator('.link-down').count());
    });
  });
}

/** Every tag's box against every node's box, in screen pixels. */
async function coveredNodes(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const boxes = (sel: string) => [...document.querySelectorAll(sel)].map((e) => ({ e, r: e.getBoundingClientRect() }));
    const nodes = boxes('.topology g[data-node]');
    const bad: string[] = [];
    for (const tag of boxes('.canvas-why .cw-bar, .canvas-why .cw-dots, .canvas-why .cw-hash, .canvas-why .cw-ring')) {
      for (const n of nodes) {
        const a = tag.r,
          b = n.r;
        if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) {
          bad.push(`${tag.e.getAttribute('class')} ${tag.e.getAttribute('data-server') ?? ''} over ${n.e.getAttribute('data-node')}`);
        }
      }
    }
    return bad;
  });
}

const SIZES = [
  { name: '1280', width: 1280, height: 720, classroom: false },
  { name: '1920-classroom', width: 1920, height: 1080, classroom: true },
  { name: '390', width: 390, height: 844, classroom: false },
] as const;

for (const lang of ['en', 'ko'] as const) {
  for (const size of SIZES) {
    test(`nothing covers a node's text at ${size.name} (${lang})`, async ({ page }) => {
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.goto(`/?lang=${lang}`);
      if (size.classroom) await page.getByRole('button', { name: T[lang].classroom }).click();
      for (const [name, at] of [
        ['weighted-round-robin', 320],
        ['server-failure', 11_000],
        ['least-connections', 1500],
        ['ip-hash', 290],
      ] as const) {
        await load(page, scenario(name));
        await seek(page, at);
        await expect(page.locator('.canvas-why > *').first()).toBeVisible();
        expect(await coveredNodes(page), name).toEqual([]);
        await keepForReview(page.locator('.drawing'), `stage-why-${name}-${size.name}-${lang}`);
      }
      await load(page, scenario('failover'));
      await seek(page, 9500);
      await expect(page.locator('.cw-ring')).toBeVisible();
      expect(await coveredNodes(page), 'failover').toEqual([]);
      await keepForReview(page.locator('.drawing'), `stage-why-failover-${size.name}-${lang}`);
    });
  }
}

/** The selected packet's header tag against the why marks, in screen pixels: what it covers. */
async function tagOverMarks(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const tag = document.querySelector('.topology .packet-tag');
    if (!tag || (tag as SVGElement).style.display === 'none') return [];
    const a = tag.getBoundingClientRect();
    const bad: string[] = [];
    for (const m of document.querySelectorAll('.canvas-why .cw-bar, .canvas-why .cw-dots, .canvas-why .cw-hash, .canvas-why .cw-ring')) {
      const b = m.getBoundingClientRect();
      if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) {
        bad.push(`${m.getAttribute('class')} ${m.getAttribute('data-server') ?? ''}`);
      }
    }
    return bad;
  });
}

// Issue 18, point 3: the header tag never covers the why marks, all along a packet's way to its server.
for (const size of SIZES) {
  test(`the header tag keeps off the why marks at ${size.name}`, async ({ page }) => {
    await page.setViewportSize({ width: size.width, height: size.height });
    await page.goto('/?lang=en');
    if (size.classroom) await page.getByRole('button', { name: T.en.classroom }).click();
    await load(page, scenario('weighted-round-robin'));
    const recs = (await trace(page)).filter((r) => r.hops[1]?.node === 'lb1' && r.hops[2]).slice(0, 6);
    expect(recs.length).toBeGreaterThan(0);
    let seen = 0;
    for (const r of recs) {
      await select(page, r.id);
      const from = r.hops[1]!.at,
        to = r.hops[2]!.at;
      for (const f of [0.3, 0.6, 0.85, 0.97]) {
        await seek(page, from + f * (to - from));
        if ((await page.locator('.cw-bar').count()) === 0) continue;
        await expect(page.locator('.topology .packet-tag')).toBeVisible();
        seen++;
        expect(await tagOverMarks(page), `#${r.id} at ${f}`).toEqual([]);
      }
    }
    expect(seen).toBeGreaterThanOrEqual(3);
  });
}

// The why marks keep off the queues: the load a queue shows and the reason a bar shows are both on screen.
test("the current-weight bars keep off the servers' queues (the Overload scenario at its first dropped SYN)", async ({ page }) => {
  await page.goto('/?lang=en');
  // L4's rr draws no bars (IPVS's rr has no numbers beside the servers): wrr's weight bars, all weights 1.
  await load(page, { ...(scenario('overload') as object), algorithm: 'weighted-round-robin' });
  const drop = (await wholeTrace(page)).flatMap((r) => r.hops.filter((h) => h.drop === 'overflow')).sort((a, b) => a.at - b.at)[0]!;
  await seek(page, drop.at + 5);
  await expect(page.locator('.packet-queue').first()).toBeVisible();
  await expect(page.locator('.cw-bar').first()).toBeVisible();
  const covered = await page.evaluate(() => {
    const bad: string[] = [];
    const bars = [...document.querySelectorAll('.canvas-why .cw-bar')].map((e) => e.getBoundingClientRect());
    for (const q of document.querySelectorAll('.packet-queue')) {
      if ((q as SVGElement).style.display === 'none') continue;
      const a = q.getBoundingClientRect();
      if (a.width === 0) continue;
      for (const b of bars)
        if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1)
          bad.push(q.getAttribute('data-node') ?? 'queue');
    }
    return bad;
  });
  expect(covered).toEqual([]);
});

/** Issue 18, point 3: in L7 the why names the rule, and tells a cache hit and a block as the balancer's own answers. */
const L7 = {
  en: {
    why: 'Why this server',
    rule: 'Rule 2 matched: path starts with /map → s2',
    cached: 'lb1 answered it from its cache (/static/app.js)',
    blocked: 'lb1 refused it with 403: the path /admin is denied',
    stepForward: 'step forward',
  },
  ko: {
    why: '왜 이 서버인가',
    rule: /규칙 2 일치: 경로가 \/map\S* 시작 → s2/,
    cached: 'lb1 로드밸런서가 캐시에서 응답했습니다(/static/app.js)',
    blocked: /lb1 로드밸런서가 403\S* 거절했습니다/,
    stepForward: '앞으로 진행하면',
  },
} as const;

for (const lang of ['en', 'ko'] as const) {
  test(`L7: the why names the rule that routed the request and tells cache hits and blocks as lb1's own answers (${lang})`, async ({
    page,
  }) => {
    const say = L7[lang];
    await page.goto(`/?lang=${lang}`);
    await load(page, scenario('l7-routing'));
    // The run's last request is sent at 1 s; all six have been decided by 1,040 ms.
    await seek(page, 1040);
    const records = await trace(page);
    const why = page.getByRole('region', { name: say.why });
    const byPath = (p: string, n = 0) => records.filter((r) => r.path === p)[n]!;
    for (const [r, text] of [
      [byPath('/map'), say.rule],
      [byPath('/static/app.js', 1), say.cached],
      [byPath('/admin'), say.blocked],
    ] as const) {
      await page.evaluate((id) => window.lbLab.select(id), r.id);
      await expect(why).toContainText(text);
      await expect(why).not.toContainText(say.stepForward);
    }
  });
}
