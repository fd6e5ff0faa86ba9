import type { Locator, Page } from '@playwright/test';
import { expect, seek, test, wholeTrace, type RequestRecord } from './fixtures.ts';

/**
 * Overload (issue 19): the gallery's "Overload" opens; at a SYN dropped by s1's full accept
 * queue the stage outlines the queue and says "queue full 8/8", marks the drop at the server
 * and the narration tells it; the SYN sent again has a pill that says so. In both languages,
 * with sizes read in screen pixels.
 */

const WORDS = {
  en: {
    gallery: 'Scenario gallery',
    open: 'Open "Overload: a full queue drops SYNs"',
    speed: 'Speed',
    classroom: 'Classroom mode',
    full: 's1: accept queue full, 8 of 8 waiting; new SYNs are dropped',
    tag: 'queue full 8/8',
    drop: '✗ queue full: SYN dropped',
    narration: "s1's accept queue is full (its listen backlog)",
    retry: (id: number) => `#${id} SYN retry 1 (+1 s)`,
    legend: ['accept queue full (listen backlog): the server drops new SYNs', 'SYN sent again after a drop (1, 3, 7 s after the first)'],
  },
  ko: {
    gallery: '시나리오 모음',
    open: '"과부하: 꽉 찬 대기열이 SYN을 버립니다" 열기',
    speed: '속도',
    classroom: '발표 모드',
    full: 's1 서버: 수락 대기열이 가득 찼습니다(8개 중 8개 대기). 새 SYN은 버려집니다',
    tag: '대기열 가득 8/8',
    drop: '✗ 대기열 가득: SYN 버림',
    narration: 's1 서버의 수락 대기열(listen 백로그)이 가득 찼습니다',
    retry: (id: number) => `#${id} SYN 재전송 1번째 (+1초)`,
    legend: ['수락 대기열 가득(listen 백로그): 서버가 새 SYN을 버립니다', '버려진 뒤 다시 보낸 SYN(처음 보낸 뒤 1, 3, 7초)'],
  },
} as const;

/** A text's type size on screen: its font size times the drawing's scale. */
function screenPx(text: Locator): Promise<number> {
  return text.evaluate((t) => {
    const m = (t as SVGTextElement).getScreenCTM()!;
    return parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
  });
}

/** Whether a mark's words lie inside its box, on screen. */
function inside(mark: Locator): Promise<boolean> {
  return mark.evaluate((g) => {
    const box = g.querySelector('rect')!.getBoundingClientRect();
    const words = g.querySelector('text')!.getBoundingClientRect();
    return words.width > 0 && words.left >= box.left - 0.5 && words.right <= box.right + 0.5 && words.top >= box.top - 0.5;
  });
}

async function openOverload(page: Page, lang: 'en' | 'ko'): Promise<RequestRecord[]> {
  const w = WORDS[lang];
  await page.goto(`/?lang=${lang}`);
  await page.getByRole('button', { name: w.gallery }).click();
  await page.getByRole('button', { name: w.open }).click();
  await expect(page.getByRole('dialog', { name: w.gallery })).toBeHidden();
  await expect(page.getByRole('combobox', { name: w.speed })).toHaveValue('0.25');
  return wholeTrace(page);
}

const firstDrop = (records: RequestRecord[]) =>
  records
    .flatMap((r) => r.hops.filter((h) => h.drop === 'overflow').map((h) => ({ r, at: h.at, node: h.node })))
    .sort((a, b) => a.at - b.at)[0]!;

for (const lang of ['en', 'ko'] as const) {
  const w = WORDS[lang];

  test(`at a SYN dropped by a full queue the stage and the narration say so, and the retry's pill says it is one (${lang})`, async ({
    page,
  }) => {
    const records = await openOverload(page, lang);
    const drop = firstDrop(records);
    expect(drop.node).toBe('s1');
    await seek(page, drop.at);

    // The queue: outlined, tagged in words, and an image with a name.
    const full = page.getByRole('img', { name: w.full });
    await expect(full).toBeVisible();
    await expect(full.locator('text')).toHaveText(w.tag);
    expect(await screenPx(full.locator('text'))).toBeGreaterThanOrEqual(12);
    await expect(full.locator('.queue-full-frame')).toBeVisible();
    // The outline is round s1's dots.
    const dots = await page.locator('.packet-queue[data-queue="s1"]').boundingBox();
    const frame = await full.locator('.queue-full-frame').boundingBox();
    expect(frame!.x).toBeLessThanOrEqual(dots!.x + 1);
    expect(frame!.x + frame!.width).toBeGreaterThanOrEqual(dots!.x + dots!.width - 1);

    // The drop beside s1, its words inside its box and large enough; no full mark at s2.
    const mark = page.locator('.signals .drop-overflow').first();
    await expect(mark).toBeVisible();
    await expect(mark).toContainText(w.drop);
    expect(await inside(mark)).toBe(true);
    expect(await screenPx(mark.locator('text'))).toBeGreaterThanOrEqual(12);
    await expect(page.locator('[data-queue-full="s2"]')).toBeHidden();

    // The narration tells the drop.
    await expect(page.getByRole('region', { name: lang === 'en' ? 'Narration' : '해설' })).toContainText(w.narration);
    await expect(page.getByRole('region', { name: lang === 'en' ? 'Narration' : '해설' })).toContainText(`#${drop.r.id}`);

    // The legend names both from now on.
    const legend = page.getByRole('list', { name: lang === 'en' ? 'Legend' : '범례' });
    await expect(legend.locator('[data-item="queueFull"]')).toContainText(w.legend[0]);

    // One second after the first SYN, the client sends it again: its pill says so.
    const again = drop.r.hops.find((h) => h.retransmit === 1)!;
    await seek(page, again.at + 2);
    const pill = page.locator('.packet-pill-retry', { hasText: w.retry(drop.r.id) });
    await expect(pill).toBeVisible();
    expect(await screenPx(pill.locator('text'))).toBeGreaterThanOrEqual(12);
    await expect(legend.locator('[data-item="retry"]')).toContainText(w.legend[1]);
  });
}

test('in classroom mode at 1920×1080 the full queue and the drop read from the back row (18 px or more)', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  const records = await openOverload(page, 'en');
  await page.getByRole('button', { name: 'Classroom mode' }).click();
  const drop = firstDrop(records);
  await seek(page, drop.at);
  const full = page.getByRole('img', { name: WORDS.en.full });
  await expect(full).toBeVisible();
  expect(await screenPx(full.locator('text'))).toBeGreaterThanOrEqual(18);
  const mark = page.locator('.signals .drop-overflow').first();
  expect(await screenPx(mark.locator('text'))).toBeGreaterThanOrEqual(18);
  expect(await inside(mark)).toBe(true);
});

test('before the queue is full there is no full mark, and the legend names none', async ({ page }) => {
  const records = await openOverload(page, 'en');
  await seek(page, records[0]!.hops[0]!.at);
  await expect(page.locator('[data-queue-full]')).toHaveCount(0);
  await expect(page.locator('.legend [data-item="queueFull"]')).toHaveCount(0);
  await expect(page.locator('.legend [data-item="retry"]')).toHaveCount(0);
});
