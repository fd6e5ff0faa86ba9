import { expect, keepForReview, seek, settled, settledText, test, time, trace } from './fixtures.ts';

test.describe('playback', () => {
  test('plays, pauses, steps forward and back, and resets — by button and by key', async ({ page }) => {
    await page.goto('/?lang=en');
    const bar = page.getByRole('group', { name: 'Playback' });
    await bar.getByRole('button', { name: 'Play' }).click();
    await expect(bar.getByRole('button', { name: 'Pause' })).toBeVisible();
    await page.waitForTimeout(400);
    await bar.getByRole('button', { name: 'Pause' }).click();
    const paused = await time(page);
    expect(paused).toBeGreaterThan(0);
    await page.waitForTimeout(200);
    expect(await time(page)).toBe(paused);

    await bar.getByRole('button', { name: 'Reset' }).click();
    expect(await time(page)).toBe(0);
    await bar.getByRole('button', { name: 'Step forward' }).click();
    const first = await time(page);
    await bar.getByRole('button', { name: 'Step forward' }).click();
    const second = await time(page);
    expect(second).toBeGreaterThan(first);
    await bar.getByRole('button', { name: 'Step back' }).click();
    expect(await time(page)).toBe(first);

    await page.locator('body').press('ArrowRight');
    expect(await time(page)).toBe(second);
    await page.locator('body').press('ArrowLeft');
    expect(await time(page)).toBe(first);
    await page.locator('body').press('Space');
    await expect(bar.getByRole('button', { name: 'Pause' })).toBeVisible();
    await page.locator('body').press('Space');
    await expect(bar.getByRole('button', { name: 'Play' })).toBeVisible();
    await page.locator('body').press('r');
    expect(await time(page)).toBe(0);

    // After a click on a control, the keys it does not use itself still drive the playback.
    const handshakes = page.getByRole('checkbox', { name: 'TCP handshakes' });
    await handshakes.click();
    await handshakes.click();
    await settled(page);
    await handshakes.press('ArrowRight');
    expect(await time(page)).toBeGreaterThan(0);
    await handshakes.press('r');
    expect(await time(page)).toBe(0);
    await page.getByRole('group', { name: 'Server s1' }).getByRole('button', { name: 'Fail s1', exact: true }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await time(page)).toBeGreaterThan(0);
  });

  test('speed changes by the control and by + and -', async ({ page }) => {
    await page.goto('/?lang=en');
    const speed = page.getByRole('combobox', { name: 'Speed' });
    await expect(speed).toHaveValue('0.05');
    await page.locator('body').press('+');
    await expect(speed).toHaveValue('0.1');
    await page.locator('body').press('-');
    await page.locator('body').press('-');
    await expect(speed).toHaveValue('0.02');
    await speed.selectOption('1');
    await expect(speed).toHaveValue('1');
  });

  test('the timeline scrubs to any moment', async ({ page }) => {
    await page.goto('/?lang=en');
    const timeline = page.getByRole('slider', { name: 'Timeline' });
    await timeline.fill('4000');
    expect(await time(page)).toBeCloseTo(4000, 0);
  });

  test('stepping back restores the previous state exactly, deep into a run', async ({ page }) => {
    await page.goto('/?lang=en');
    await seek(page, 40_000);
    const step = page.getByRole('button', { name: 'Step forward' });
    const back = page.getByRole('button', { name: 'Step back' });
    await step.click();
    const shown = await settledText(page.locator('main'));
    const t0 = await time(page);
    for (let i = 0; i < 3; i++) await step.click();
    expect(await page.locator('main').innerText()).not.toBe(shown);
    for (let i = 0; i < 3; i++) await back.click();
    expect(await time(page)).toBe(t0);
    expect(await settledText(page.locator('main'))).toBe(shown);
  });
});

test.describe('settings become events in the history', () => {
  test('switching the algorithm mid-run changes only what comes after', async ({ page }) => {
    await page.goto('/?lang=en');
    await seek(page, 5000);
    const before = await trace(page);
    await page.getByRole('combobox', { name: 'Algorithm' }).selectOption('ip-hash');
    await seek(page, 20_000);
    const after = await trace(page);
    const early = after.filter((r) => r.hops[1] && r.hops[1].at <= 5000);
    expect(early).toEqual(before.filter((r) => r.hops[1] && r.hops[1].at <= 5000));
    const late = after.filter((r) => r.hops[1] && r.hops[1].at > 5000);
    expect(late.length).toBeGreaterThan(10);
    // L4: IPVS's sh decides from then on.
    expect(late.every((r) => r.ipvs?.scheduler === 'sh')).toBe(true);
    // ip_hash: one client, one server.
    for (const c of new Set(late.map((r) => r.client))) {
      expect(new Set(late.filter((r) => r.client === c).map((r) => r.server)).size).toBe(1);
    }
  });

  test('weights, adding and removing servers', async ({ page }) => {
    await page.goto('/?lang=en');
    const s1 = page.getByRole('group', { name: 'Server s1' });
    const weight = s1.getByRole('spinbutton', { name: 'Weight of s1' });
    await weight.fill('0');
    await weight.press('Enter');
    await expect(page.getByText('A weight must be a whole number from 1 to 100 (got “0”)')).toBeVisible();
    await weight.fill('4');
    await weight.press('Enter');
    await expect(weight).toHaveValue('4');
    await expect(page.getByRole('combobox', { name: 'Algorithm' })).toBeVisible();
    await page.getByRole('button', { name: 'Add a server' }).click();
    await expect(page.getByRole('group', { name: 'Server s4' })).toBeVisible();
    await expect(page.getByRole('img', { name: /^s4 10\.0\.0\.14:8080/ })).toBeVisible();
    await page.getByRole('group', { name: 'Server s2' }).getByRole('button', { name: 'Remove s2' }).click();
    await expect(page.getByRole('img', { name: /^s2 10\.0\.0\.12:8080: removed/ })).toBeVisible();
    await seek(page, 30_000);
    const recs = await trace(page);
    expect(recs.some((r) => r.server === 's2')).toBe(false);
    expect(recs.some((r) => r.server === 's4')).toBe(true);
  });

  test('sends one request from a chosen client', async ({ page }) => {
    await page.goto('/?lang=en');
    await seek(page, 1234);
    await page.getByRole('combobox', { name: 'Client for one request' }).selectOption('100.64.3.9');
    await page.getByRole('textbox', { name: 'Path' }).fill('/map');
    await page.getByRole('button', { name: 'Send one request' }).click();
    await seek(page, 2000);
    const recs = await trace(page);
    expect(recs.some((r) => r.at === 1234 && r.client === '100.64.3.9' && r.path === '/map')).toBe(true);
  });
});

test('the controls speak Korean with ?lang=ko', async ({ page }) => {
  await page.goto('/?lang=ko');
  await expect(page.getByRole('button', { name: '재생' })).toBeVisible();
  await expect(page.getByRole('button', { name: '한 단계 앞으로' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: '알고리즘' })).toBeVisible();
  await expect(page.getByRole('group', { name: '서버 s1' })).toBeVisible();
  await keepForReview(page, 'controls-ko');
});
