import type { Page } from '@playwright/test';
import { isBalancer } from '../src/sim/nodes.ts';
import { expect, keepForReview, seek, select, settled, test, time, trace, type RequestRecord } from './fixtures.ts';

const T = 2500;
/** The moment the balancer placed a request (its arrival at lb1/lb2), or null. */
const pickAt = (r: RequestRecord) => r.hops.find((h) => h.dir === 'request' && isBalancer(h.node))?.at ?? null;
const minus = (n: number) => (n < 0 ? `−${-n}` : String(n));

async function seekAndRead(page: Page, t: number): Promise<RequestRecord[]> {
  await seek(page, t);
  return trace(page);
}

test('explains the pick, counts per server and narrates the log (English)', async ({ page }) => {
  await page.goto('/?lang=en');
  // Before anything happens, every panel says so instead of showing an empty box.
  await expect(page.getByRole('region', { name: 'Why this server' })).toContainText('No request has reached the balancer yet.');
  await expect(page.getByRole('region', { name: 'Statistics' })).toContainText('No request has been placed yet.');
  await expect(page.getByRole('log')).toContainText('Nothing has happened yet');
  const recs = await seekAndRead(page, T);
  const placed = recs.filter((r) => {
    const at = pickAt(r);
    return at !== null && at <= T;
  });
  expect(placed.length).toBeGreaterThan(4);

  // Why this server, for a selected request: in L4 IPVS (the kernel) picks, with rr's walk from the last pick
  // (net/netfilter/ipvs/ip_vs_rr.c, ip_vs_rr_schedule).
  const rec = placed[4]!;
  await select(page, rec.id);
  const why = page.getByRole('region', { name: 'Why this server' });
  await expect(why.getByRole('heading', { name: 'Why this server' })).toBeVisible();
  await expect(why).toContainText(`Request #${rec.id} from ${rec.client}`);
  await expect(why).toContainText(`Chosen server: ${rec.server}`);
  await expect(why).toContainText('IPVS (the Linux kernel) picks with rr (round robin)');
  await expect(why).not.toContainText('nginx');
  const rr = rec.ipvs!;
  expect(rr.scheduler).toBe('rr');
  if (rr.scheduler === 'rr') {
    const walk = [rr.after ?? 'head', ...rr.skipped.map((x) => `${x.id} ✕`), `${rr.chosen} ✓`].join(' → ');
    await expect(why).toContainText(`The walk: ${walk}`);
    await expect(why).toContainText(
      `The last pick was ${rr.after}: the walk goes on from it, and ${rec.server} is the next that can take it.`,
    );
  }

  // Statistics: per-server counts equal the trace's placements so far.
  const stats = page.getByRole('region', { name: 'Statistics' });
  for (const name of ['s1', 's2', 's3']) {
    const n = placed.filter((r) => r.server === name).length;
    const row = stats.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
    await expect(row.getByRole('cell').first()).toContainText(new RegExp(`^${n} \\(\\d+%\\)`));
  }
  await expect(stats).toContainText('Latency, p95');

  // The log: lines up to now; clicking one selects its request and jumps there.
  const log = page.getByRole('region', { name: 'Event log' }).getByRole('log');
  await expect(log).toHaveAttribute('aria-live', 'off');
  const lines = log.getByRole('button');
  expect(await lines.count()).toBeGreaterThan(10);
  await expect(log.locator('[aria-current]').last()).toBeVisible();
  await keepForReview(page, 'explain-en-1280', { fullPage: true });
  await keepForReview(why, 'explain-why-en-1280');
  await keepForReview(stats, 'explain-stats-en-1280');

  const target = lines.filter({ hasText: /lb1 receives #\d+/ }).first();
  const text = (await target.textContent())!;
  const id = Number(/#(\d+)/.exec(text)![1]);
  const at = pickAt(recs.find((r) => r.id === id)!)!;
  await target.click();
  await expect.poll(() => time(page)).toBe(at);
  await expect(why).toContainText(`Request #${id} from`);
  await expect(why).toContainText('selected');
  await expect(log.locator('button[aria-current]').last()).toContainText(`lb1 receives #${id}`);
});

test('speaks Korean in all three panels', async ({ page }) => {
  await page.goto('/?lang=ko');
  await seekAndRead(page, T);
  const why = page.getByRole('region', { name: '왜 이 서버인가' });
  await expect(why).toContainText('선택된 서버:');
  await expect(why).toContainText('가장 최근 결정');
  await expect(why).toContainText('IPVS(리눅스 커널)의 rr 스케줄러(라운드로빈)가 고릅니다');
  await expect(why).toContainText('도는 순서:');
  const stats = page.getByRole('region', { name: '통계' });
  await expect(stats).toContainText('서버별 요청 수');
  await expect(stats).toContainText('평균 응답 시간');
  const log = page.getByRole('region', { name: '이벤트 기록' });
  await expect(log.getByRole('button').filter({ hasText: '로드밸런서가' }).first()).toBeVisible();
  await keepForReview(page, 'explain-ko-1280', { fullPage: true });
  await keepForReview(why, 'explain-why-ko-1280');
  await keepForReview(log, 'explain-log-ko-1280');
});

test("L4: IPVS picks, and the Why retells sh's hash and bucket and lc's overheads", async ({ page }) => {
  await page.goto('/?lang=en');
  await page.getByRole('combobox', { name: 'Algorithm' }).selectOption({ label: 'IP hash' });
  const recs = await seekAndRead(page, T);
  const rec = recs
    .filter((r) => {
      const at = pickAt(r);
      return at !== null && at <= T;
    })
    .at(-1)!;
  const sh = rec.ipvs!;
  expect(sh.scheduler).toBe('sh');
  // ip_vs_sh.c hashes the whole source address: hash_32(key, 8) = the top 8 bits of key × 0x61C88647 in u32
  // (include/linux/hash.h), worked out here apart from the engine.
  const key = rec.client.split('.').reduce((v, o) => v * 256 + Number(o), 0);
  const product = (BigInt(key) * 0x61c88647n) & 0xffffffffn;
  const bucket = Number(product >> 24n);
  const why = page.getByRole('region', { name: 'Why this server' });
  await expect(why).toContainText(`Request #${rec.id} from ${rec.client}`);
  await expect(why).toContainText('IPVS (the Linux kernel) picks with sh (IP hash)');
  await expect(why).toContainText(`sh hashes the whole address ${rec.client} = ${key}`);
  await expect(why).toContainText(`${key} × 0x61C88647 = 0x${product.toString(16).toUpperCase().padStart(8, '0')} (mod 2³²)`);
  await expect(why).toContainText(`= ${bucket}`);
  if (sh.scheduler === 'sh') expect(sh.bucket).toBe(bucket);
  await expect(why).toContainText(`Bucket ${bucket} holds ${rec.server}.`);
  await keepForReview(why, 'explain-why-sh-en-1280');

  await seek(page, 0);
  await page.getByRole('combobox', { name: 'Algorithm' }).selectOption({ label: 'least connections' });
  const later = (await seekAndRead(page, T)).filter((r) => {
    const at = pickAt(r);
    return at !== null && at <= T;
  });
  const lc = later.at(-1)!;
  await select(page, lc.id);
  await expect(why).toContainText('IPVS (the Linux kernel) picks with lc (least connections)');
  // ip_vs_dest_conn_overhead (include/net/ip_vs.h): active × 256 + inactive, per server in the list.
  const d = lc.ipvs!;
  expect(d.scheduler).toBe('lc');
  if (d.scheduler === 'lc') {
    const row = why.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Overhead', exact: true }) });
    await expect(row.getByRole('cell')).toHaveText(d.rows.map((r) => (r.overhead === null ? '—' : String(r.active * 256 + r.inactive))));
  }
  await keepForReview(why, 'explain-why-lc-en-1280');
  await seek(page, 1);
  await expect(page.getByRole('log').getByRole('button', { name: /Algorithm changed to least connections/ })).toBeVisible();
});

test("L7: nginx picks, and the Why retells smooth WRR's current weights, ip_hash's arithmetic and least_conn's ratios", async ({
  page,
}) => {
  await page.goto('/?lang=en');
  await page.getByRole('combobox', { name: 'Layer' }).selectOption('L7');
  await settled(page);
  // Smooth weighted round robin (ngx_http_upstream_round_robin.c): every weight 1, the current weights before the pick.
  const first = (await seekAndRead(page, T)).filter((r) => {
    const at = pickAt(r);
    return at !== null && at <= T && r.decision;
  });
  const one = first.at(-1)!;
  await select(page, one.id);
  const why = page.getByRole('region', { name: 'Why this server' });
  await expect(why).toContainText('nginx picks with round robin');
  await expect(why).toContainText('every weight counted as 1');
  const table = why.getByRole('table');
  await expect(table.getByRole('columnheader', { name: `${one.server} (wins)` })).toBeVisible();
  const before = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Current weight before' }) });
  await expect(before.getByRole('cell')).toHaveText(one.decision!.before.map((p) => minus(p.currentWeight)));
  await expect(why).toContainText(/total = Σ effective = 1 \+ 1 \+ 1 = 3/);
  await select(page, null);
  await seek(page, 0);

  // Switching the algorithm at 0 ms makes it an event of the run: the log tells it.
  await page.getByRole('combobox', { name: 'Algorithm' }).selectOption({ label: 'IP hash' });
  const recs = await seekAndRead(page, T);
  const rec = recs
    .filter((r) => {
      const at = pickAt(r);
      return at !== null && at <= T;
    })
    .at(-1)!;
  const [a, b, c] = rec.client.split('.').map(Number) as [number, number, number];
  const h1 = (89 * 113 + a) % 6271;
  await expect(why).toContainText(`Request #${rec.id} from ${rec.client}`);
  await expect(why).toContainText('hash starts at 89');
  await expect(why).toContainText(`(89 × 113 + ${a}) mod 6271 = ${h1}`);
  await expect(why).toContainText(`(${h1} × 113 + ${b}) mod 6271 = ${(h1 * 113 + b) % 6271}`);
  await expect(why).toContainText(`${a}.${b}.${c}.0/24`);
  await expect(why).toContainText(`Chosen server: ${rec.server}`);
  await keepForReview(why, 'explain-why-iphash-en-1280');

  await seek(page, 0);
  await page.getByRole('combobox', { name: 'Algorithm' }).selectOption({ label: 'least connections' });
  await seekAndRead(page, T);
  await expect(why).toContainText('least_conn picks the lowest open connections ÷ weight.');
  await expect(why.getByRole('rowheader', { name: 'Conns ÷ weight' })).toBeVisible();
  await keepForReview(why, 'explain-why-leastconn-en-1280');
  await seek(page, 1);
  await expect(page.getByRole('log').getByRole('button', { name: /Algorithm changed to least connections/ })).toBeVisible();
});

for (const lang of ['en', 'ko'] as const) {
  test(`looks right at 1920×1080 (${lang})`, async ({ page }) => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(`/?lang=${lang}`);
    await seekAndRead(page, T);
    await expect(page.getByRole('log')).toBeVisible();
    await keepForReview(page, `explain-${lang}-1920`, { fullPage: true });
  });
}
