import { expect, test } from './fixtures.ts';

test('draws the default topology with its addresses, in English', async ({ page }) => {
  await page.goto('/?lang=en');
  await expect(page.getByRole('heading', { name: 'Load Balancer Lab' })).toBeVisible();
  const net = page.getByRole('img', { name: /Network: clients, DNS/ });
  await expect(net).toBeVisible();
  await expect(net.getByText('VIP 198.51.100.1:80')).toBeVisible();
  for (const [name, ip] of [['s1', '10.0.0.11:8080'], ['s2', '10.0.0.12:8080'], ['s3', '10.0.0.13:8080'], ['s4', '10.0.0.14:8080']]) {
    await expect(page.getByRole('group', { name: `Server ${name}` }).getByText(ip!)).toBeVisible();
  }
  await expect(page.getByRole('group', { name: 'Primary balancer lb1' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Standby balancer lb2' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/topology-en.png' });
});

test('speaks Korean with ?lang=ko and exposes the trace', async ({ page }) => {
  await page.goto('/?lang=ko');
  await expect(page.getByRole('heading', { name: '로드밸런서 랩' })).toBeVisible();
  await expect(page.getByRole('group', { name: '서버 s1' })).toBeVisible();
  const trace = await page.evaluate(() => window.lbLab.trace() as { id: number; server: string; hops: unknown[] }[]);
  expect(trace.length).toBeGreaterThan(10);
  expect(trace[0]!.id).toBe(1);
  expect(trace[0]!.hops).toHaveLength(6);
  await page.screenshot({ path: 'test-results/screens/topology-ko.png' });
});
