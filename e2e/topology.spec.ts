import { expect, keepForReview, seek, test, trace } from './fixtures.ts';

test('draws the default topology with its addresses, in English', async ({ page }) => {
  await page.goto('/?lang=en');
  await expect(page.getByRole('heading', { name: 'Load Balancer Lab' })).toBeVisible();
  const net = page.getByRole('group', { name: /Network: clients, DNS/ });
  await expect(net).toBeVisible();
  await expect(net.getByText('VIP 198.51.100.1:80')).toBeVisible();
  for (const [name, ip] of [
    ['s1', '10.0.0.11:8080'],
    ['s2', '10.0.0.12:8080'],
    ['s3', '10.0.0.13:8080'],
  ]) {
    await expect(net.getByRole('img', { name: new RegExp(`^${name} ${ip!.replace(/\./g, '\\.')}`) })).toBeVisible();
  }
  await expect(net.getByRole('img', { name: 'Primary balancer lb1' })).toBeVisible();
  await expect(net.getByRole('img', { name: 'Standby balancer lb2' })).toBeVisible();
  await keepForReview(page, 'topology-en');
});

test('a node shows a few big words (name, address, weight); the rest is in its name, which hovering shows', async ({ page }) => {
  await page.goto('/?lang=en');
  const net = page.getByRole('group', { name: /Network: clients, DNS/ });
  const s1 = net.getByRole('img', { name: /^s1 10\.0\.0\.11:8080: weight 1 · 0 open/ });
  await expect(s1).toBeVisible();
  // Drawn: the name, the address and the weight; the open connections only in its name (and its tooltip).
  expect(await s1.locator('text').allTextContents()).toEqual(['s1', '10.0.0.11:8080', 'weight 1']);
  await expect(s1.locator('title')).toHaveText(/0 open/);
  const dns = net.getByRole('img', { name: 'DNS: www.example.com → 198.51.100.1:80' });
  expect(await dns.locator('text').allTextContents()).toEqual(['DNS', 'www.example.com']);
});

test('speaks Korean with ?lang=ko and exposes the trace', async ({ page }) => {
  await page.goto('/?lang=ko');
  await expect(page.getByRole('heading', { name: '로드밸런서 랩' })).toBeVisible();
  await expect(page.getByRole('img', { name: '메인 로드밸런서 lb1' })).toBeVisible();
  await seek(page, 5000);
  const records = await trace(page);
  expect(records.length).toBeGreaterThan(10);
  expect(records[0]!.id).toBe(1);
  expect(records[0]!.hops).toHaveLength(6);
  await keepForReview(page, 'topology-ko');
});
