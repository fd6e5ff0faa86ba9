import { expect, test } from './fixtures.ts';

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
  await page.screenshot({ path: 'test-results/screens/topology-en.png' });
});

test('speaks Korean with ?lang=ko and exposes the trace', async ({ page }) => {
  await page.goto('/?lang=ko');
  await expect(page.getByRole('heading', { name: '로드밸런서 랩' })).toBeVisible();
  await expect(page.getByRole('img', { name: '메인 로드밸런서 lb1' })).toBeVisible();
  await page.evaluate(() => window.lbLab.seek(5000));
  const trace = await page.evaluate(
    async () => (await window.lbLab.trace()) as unknown as { id: number; server: string; hops: unknown[] }[],
  );
  expect(trace.length).toBeGreaterThan(10);
  expect(trace[0]!.id).toBe(1);
  expect(trace[0]!.hops).toHaveLength(6);
  await page.screenshot({ path: 'test-results/screens/topology-ko.png' });
});
