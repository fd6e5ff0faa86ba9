import type { Page } from '@playwright/test';
import { expect, keepForReview, nowTab, seek, select, test, time, trace, type RequestRecord } from './fixtures.ts';

const VIP = '198.51.100.1:80';

/** A finished request that went through lb1 to a server, chosen from the first five seconds, with the NAT tab shown. */
async function pickRequest(page: Page): Promise<RequestRecord> {
  await seek(page, 5000);
  const recs = await trace(page);
  const r = recs.find((x) => x.id >= 3 && x.server && x.nat && x.hops.length === 6 && x.doneAt < 5000);
  expect(r, 'a finished request in the first five seconds').toBeTruthy();
  await select(page, r!.id);
  // The NAT card is the column's NAT tab.
  await nowTab(page, 'nat');
  return r!;
}

test('follows one request hop by hop: headers, NAT table and NAT card (English)', async ({ page }) => {
  await page.goto('/?lang=en');
  const r = await pickRequest(page);
  const nat = r.nat!;
  const serverAddr = nat.server;
  expect(serverAddr).toMatch(/^10\.0\.0\.\d+:8080$/);
  expect(nat.vip).toBe(VIP);

  const insp = page.getByRole('region', { name: 'Packet inspector' });
  await expect(insp.getByRole('heading', { name: `Request #${r.id}` })).toBeVisible();
  await expect(insp.getByText(/^(GET|POST) \/\S* HTTP\/1\.1$/)).toBeVisible();
  await expect(insp.getByText('www.example.com')).toBeVisible();
  await expect(insp.getByText(/L4 balancer reads only addresses and ports/)).toBeVisible();

  // What the packet carries at each hop: before lb1, after it, at the server, back, delivered.
  const expected: [string, string][] = [
    [nat.client, VIP],
    [nat.local, serverAddr],
    [nat.local, serverAddr],
    [serverAddr, nat.local],
    [VIP, nat.client],
    [VIP, nat.client],
  ];
  const table = page.getByRole('region', { name: 'NAT table' });
  const card = page.getByRole('region', { name: 'Address rewrite (NAT)' });
  const rows = insp.locator('tbody tr:not(.insp-group)');
  await expect(rows).toHaveCount(6);

  for (const [i, hop] of r.hops.entries()) {
    await seek(page, hop.at);
    await expect(insp.getByTestId('inspector-src')).toHaveText(expected[i]![0]);
    await expect(insp.getByTestId('inspector-dst')).toHaveText(expected[i]![1]);
    await expect(rows.nth(i)).toHaveAttribute('aria-current', 'step');
    // The flow is in the balancer's table from its request's rewrite until the response passes.
    const open = hop.at >= nat.openedAt && hop.at < nat.closedAt!;
    await expect(table.getByText(nat.client, { exact: true })).toHaveCount(open ? 1 : 0);

    if (hop.node === 'lb1' && hop.dir === 'request') {
      await expect(card.getByTestId('nat-caption')).toHaveText(
        `Request: destination rewritten VIP → ${r.server} (${serverAddr}); source rewritten client → VIP (${nat.local})`,
      );
      await expect(card.getByText(`selected request #${r.id}`)).toBeVisible();
      await expect(card.locator('.insp-changed')).toHaveCount(2);
      await expect(rows.nth(1).locator('.insp-changed')).toHaveCount(2);
      await keepForReview(page, 'inspector-en-lb-request');
      await keepForReview(insp, 'inspector-en-panel');
      await keepForReview(table, 'nat-table-en');
      await keepForReview(card, 'nat-card-en');
    }
    if (hop.node === 'lb1' && hop.dir === 'response') {
      await expect(card.getByTestId('nat-caption')).toHaveText(
        `Response: source rewritten ${r.server} → VIP (${VIP}); destination rewritten VIP → client (${nat.client})`,
      );
      await keepForReview(page, 'inspector-en-lb-response');
    }
  }

  // A row of the NAT table selects its request; a hop row moves playback to its time.
  await seek(page, r.hops[2]!.at);
  await table.getByRole('button', { name: `Inspect request #${r.id}` }).click();
  await rows.nth(0).click();
  expect(await time(page)).toBe(r.hops[0]!.at);
  await insp.getByRole('button', { name: new RegExp(`^Jump to ${r.hops[3]!.at.toFixed(1)} ms`) }).press('Enter');
  expect(await time(page)).toBe(r.hops[3]!.at);
  await insp.scrollIntoViewIfNeeded();
  await keepForReview(page, 'inspector-en-details', { fullPage: true });
});

test('with nothing selected, offers the latest request', async ({ page }) => {
  await page.goto('/?lang=en');
  const insp = page.getByRole('region', { name: 'Packet inspector' });
  await expect(insp.getByText(/Click a packet/)).toBeVisible();
  await seek(page, 3000);
  await insp.getByRole('button', { name: 'Inspect the latest request' }).click();
  await expect(insp.getByRole('heading', { name: /^Request #\d+$/ })).toBeVisible();
  await expect(insp.getByTestId('inspector-src')).toHaveText(/^\d+\.\d+\.\d+\.\d+:\d+$/);
  await insp.getByRole('button', { name: 'Clear selection' }).click();
  await expect(insp.getByRole('button', { name: 'Inspect the latest request' })).toBeVisible();
});

test('speaks Korean, and fits a 1920×1080 screen', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto('/?lang=ko');
  const r = await pickRequest(page);
  const lb = r.hops[1]!;
  await seek(page, lb.at);
  const insp = page.getByRole('region', { name: '패킷 검사기' });
  await expect(insp.getByText('출발지', { exact: true })).toBeVisible();
  await expect(insp.getByText('목적지', { exact: true })).toBeVisible();
  await expect(insp.getByTestId('inspector-src')).toHaveText(r.nat!.local);
  await expect(insp.getByTestId('inspector-dst')).toHaveText(r.nat!.server);
  const table = page.getByRole('region', { name: 'NAT 테이블' });
  await expect(table.getByText(r.nat!.client, { exact: true })).toBeVisible();
  const card = page.getByRole('region', { name: '주소 변환 (NAT)' });
  await expect(card.getByTestId('nat-caption')).toContainText(`요청: 목적지 변경 VIP → ${r.server}`);
  await keepForReview(page, 'inspector-ko-1920');
  await keepForReview(insp, 'inspector-ko-1920-panel');
  await keepForReview(card, 'nat-card-ko-1920');
  await insp.scrollIntoViewIfNeeded();
  await keepForReview(page, 'inspector-ko-1920-details', { fullPage: true });
});

test('Korean at 1280×720', async ({ page }) => {
  await page.goto('/?lang=ko');
  const r = await pickRequest(page);
  await seek(page, r.hops[4]!.at);
  const card = page.getByRole('region', { name: '주소 변환 (NAT)' });
  await expect(card.getByTestId('nat-caption')).toContainText(`응답: 출발지 변경 ${r.server} → VIP`);
  await keepForReview(page, 'inspector-ko-1280');
  await page.getByRole('region', { name: '패킷 검사기' }).scrollIntoViewIfNeeded();
  await keepForReview(page, 'inspector-ko-1280-details');
});

test('under reduced motion the NAT card changes without a flash', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('/?lang=en');
  const r = await pickRequest(page);
  await seek(page, r.hops[1]!.at);
  const flash = page.getByRole('region', { name: 'Address rewrite (NAT)' }).locator('.nat-flash').last();
  await expect(flash).toContainText(r.nat!.server);
  expect(await flash.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgba(240, 228, 66, 0)');
});
