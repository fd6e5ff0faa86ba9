import AxeBuilder from '@axe-core/playwright';
import { expect, seek, test, trace, wholeTrace } from './fixtures.ts';

for (const [lang, n] of [
  [
    'en',
    {
      gallery: 'Scenario gallery',
      open: 'Open "Weights 5, 1, 1"',
      algorithm: 'Algorithm',
      file: 'Open a scenario file',
      bad: 'is not a scenario this lab can run',
      why: '"servers[0].weight" must be at least 1 (got 0)',
      json: 'is not valid JSON',
      close: 'Close',
    },
  ],
  [
    'ko',
    {
      gallery: '시나리오 모음',
      open: '"가중치 5, 1, 1" 열기',
      algorithm: '알고리즘',
      file: '시나리오 파일 열기',
      bad: '실행할 수 있는 시나리오가 아닙니다',
      why: '"servers[0].weight": 1 이상이어야 합니다 (입력: 0)',
      json: '올바른 JSON이 아닙니다',
      close: '닫기',
    },
  ],
] as const) {
  test(`the gallery opens ready scenarios; a bad file is refused and nothing is lost (${lang})`, async ({ page }) => {
    await page.goto(`/?lang=${lang}`);
    await page.getByRole('button', { name: n.gallery }).click();
    const dialog = page.getByRole('dialog', { name: n.gallery });
    await expect(dialog).toBeVisible();
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((x) => x.target).join(' ')}`)).toEqual([]);
    await dialog.getByRole('button', { name: n.open }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('combobox', { name: n.algorithm })).toHaveValue('weighted-round-robin');
    const servers = (await wholeTrace(page)).map((r) => r.server);
    // L4: IPVS's wrr (ip_vs_wrr.c), five in a row for 5,1,1.
    expect(servers).toEqual(['s1', 's1', 's1', 's1', 's1', 's2', 's3']);

    // A file with an impossible weight: the message names the field; the scenario stays.
    await page.getByRole('button', { name: n.gallery }).click();
    await dialog.getByLabel(n.file).setInputFiles({
      name: 'bad.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"servers":[{"name":"s1","weight":0}]}'),
    });
    await expect(page.locator('.notice')).toContainText(n.bad);
    await expect(page.locator('.notice')).toContainText(n.why);
    await dialog
      .getByLabel(n.file)
      .setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"servers": [') });
    await expect(page.locator('.notice')).toContainText(n.json);
    await dialog.getByRole('button', { name: n.close }).click();
    await expect(page.getByRole('combobox', { name: n.algorithm })).toHaveValue('weighted-round-robin');
    expect(await trace(page)).toHaveLength(7);

    // A good file opens.
    await page.getByRole('button', { name: n.gallery }).click();
    await dialog.getByLabel(n.file).setInputFiles({
      name: 'mine.json',
      mimeType: 'application/json',
      buffer: Buffer.from(
        JSON.stringify({
          algorithm: 'ip-hash',
          servers: [{ name: 'a' }, { name: 'b' }],
          requests: [{ at: 0, client: '192.0.2.1' }],
        }),
      ),
    });
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('combobox', { name: n.algorithm })).toHaveValue('ip-hash');
  });
}

test("saving the scenario downloads it with the user's actions in it", async ({ page }) => {
  await page.goto('/?lang=en');
  await seek(page, 1500);
  await page.getByRole('combobox', { name: 'Algorithm' }).selectOption('ip-hash');
  await page.getByRole('button', { name: 'Scenario gallery' }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save this scenario' }).click()]);
  const saved = JSON.parse(await (await import('node:fs/promises')).readFile((await download.path())!, 'utf8'));
  expect(saved.events).toContainEqual({ at: 1500, action: 'set-algorithm', algorithm: 'ip-hash' });
  expect(saved.servers.map((s: { name: string }) => s.name)).toEqual(['s1', 's2', 's3']);
});

test('a gallery scenario opens at its own speed: "Balancer failover" fails lb1 within seconds of Play', async ({ page }) => {
  await page.goto('/?lang=en');
  const speed = page.getByRole('combobox', { name: 'Speed' });
  await expect(speed).toHaveValue('0.05');
  await page.getByRole('button', { name: 'Scenario gallery' }).click();
  await page.getByRole('button', { name: 'Open "Balancer failover"' }).click();
  await expect(page.getByRole('dialog', { name: 'Scenario gallery' })).toBeHidden();
  await expect(speed).toHaveValue('1');
  // An algorithm scenario keeps the slow speed that lets one follow each packet.
  await page.getByRole('button', { name: 'Scenario gallery' }).click();
  await page.getByRole('button', { name: 'Open "Weights 5, 1, 1"' }).click();
  await expect(speed).toHaveValue('0.05');
});
