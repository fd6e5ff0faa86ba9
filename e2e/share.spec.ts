import { expect, test } from './fixtures.ts';

for (const [lang, n] of [
  ['en', { share: 'Share link', field: 'Link to this moment', inspector: 'Packet inspector', algorithm: 'Algorithm', bad: 'This link could not be opened', fail: 'Fail', group: 'Server s2' }],
  ['ko', { share: '링크 공유', field: '지금 이 순간의 링크', inspector: '패킷 검사기', algorithm: '알고리즘', bad: '이 링크를 열 수 없습니다', fail: '장애 내기', group: '서버 s2' }],
] as const) {
  test(`a shared link opens the exact moment, with the user's actions (${lang})`, async ({ page, context }) => {
    await page.goto(`/?lang=${lang}`);
    await page.getByRole('combobox', { name: n.algorithm }).selectOption('least-connections');
    await page.evaluate(() => window.lbLab.seek(2500));
    await page.getByRole('group', { name: n.group }).getByRole('button', { name: n.fail, exact: true }).click();
    await page.evaluate(() => { window.lbLab.seek(3100.25); window.lbLab.select(9); });
    await page.getByRole('button', { name: n.share }).click();
    const link = await page.getByRole('textbox', { name: n.field }).inputValue();
    expect(link).toContain('#s=');
    expect(page.url()).toBe(link);
    const before = await page.evaluate(() => ({ time: window.lbLab.time(), trace: JSON.stringify(window.lbLab.trace()) }));

    const other = await context.newPage();
    const problems: string[] = [];
    other.on('pageerror', (e) => problems.push(e.message));
    other.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    await other.goto(link);
    await expect(other.getByRole('combobox', { name: n.algorithm })).toHaveValue('least-connections');
    const after = await other.evaluate(() => ({ time: window.lbLab.time(), trace: JSON.stringify(window.lbLab.trace()) }));
    expect(after).toEqual(before);
    await expect(other.getByRole('region', { name: n.inspector })).toContainText('#9');
    expect(problems).toEqual([]);
  });

  test(`a malformed link says so and opens the default (${lang})`, async ({ page }) => {
    await page.goto(`/?lang=${lang}#s=not-a-real-link`);
    await expect(page.getByText(n.bad)).toBeVisible();
    expect(await page.evaluate(() => window.lbLab.time())).toBe(0);
    await expect(page.getByRole('combobox', { name: n.algorithm })).toHaveValue('round-robin');
  });
}

test('a hostile link cannot run script: names are shown as text, and a bad scenario is refused', async ({ page }) => {
  page.on('dialog', () => { throw new Error('a dialog opened: script ran'); });
  await page.goto('/?lang=en');
  const evil = '<img/src=x/onerror=alert(1)>';
  const hostile = await page.evaluate(async (name) => {
    const url = await window.lbLab.link();
    const state = { v: 1, scenario: { servers: [{ name: 's1' }], requests: [{ at: 0, client: '192.0.2.1', path: `/${name}` }] }, events: [], time: 200, speed: 0.05, selected: 1, lang: 'en', classroom: false, hidden: [], lesson: null };
    const bytes = new TextEncoder().encode(JSON.stringify(state));
    const packed = new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate-raw'))).arrayBuffer());
    const b64 = btoa(String.fromCharCode(...packed)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    return url.split('#')[0] + '#s=' + b64;
  }, evil);
  await page.goto(hostile);
  await page.reload();
  // The path arrives as text in the inspector; no element was made from it.
  await expect(page.getByRole('region', { name: 'Packet inspector' })).toContainText(evil);
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  const bad = hostile.replace(/#s=.*/, '#s=' + 'A'.repeat(50));
  await page.goto(bad);
  await page.reload();
  await expect(page.getByText('This link could not be opened')).toBeVisible();
});
