import AxeBuilder from '@axe-core/playwright';
import { expect, load, test } from './fixtures.ts';

const WORDS = {
  en: { button: 'Export', title: 'This scenario on real machines', text: 'for this scenario', copied: 'Copied.', close: 'Close' },
  ko: { button: '내보내기', title: '이 시나리오를 실제 서버에서', text: '이 시나리오의', copied: '복사했습니다.', close: '닫기' },
} as const;

/** The config shown, by its file name (the text's accessible name). */
const configText = (lang: keyof typeof WORDS, file: string) => (lang === 'en' ? `${file} ${WORDS.en.text}` : `${WORDS.ko.text} ${file}`);

for (const lang of ['en', 'ko'] as const) {
  const n = WORDS[lang];

  test(`the Export dialog shows the scenario as nginx, HAProxy and keepalived configs, and copies them (${lang})`, async ({
    page,
    context,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto(`/?lang=${lang}`);
    const button = page.getByRole('button', { name: n.button, exact: true });
    await button.click();
    const dialog = page.getByRole('dialog', { name: n.title });
    await expect(dialog).toBeVisible();

    // The default scenario (classroom.json, L4): nginx's stream proxy with its three servers.
    const nginx = dialog.getByLabel(configText(lang, 'nginx.conf'));
    await expect(nginx).toContainText('upstream lab_servers {');
    for (const ip of ['10.0.0.11', '10.0.0.12', '10.0.0.13']) await expect(nginx).toContainText(`server ${ip}:8080`);
    await expect(nginx).toContainText('listen 198.51.100.1:80;');
    const axe = await new AxeBuilder({ page }).include('dialog[open]').withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((x) => x.target).join(' ')}`)).toEqual([]);

    await dialog.getByRole('radio', { name: 'HAProxy' }).check();
    const haproxy = dialog.getByLabel(configText(lang, 'haproxy.cfg'));
    await expect(haproxy).toContainText('backend lab_servers');
    await expect(haproxy).toContainText('server s1 10.0.0.11:8080');
    await expect(dialog.getByLabel(configText(lang, 'nginx.conf'))).toHaveCount(0);

    await dialog.getByRole('radio', { name: 'keepalived (lb1)' }).check();
    const lb1 = dialog.getByLabel(configText(lang, 'keepalived.conf (lb1)'));
    await expect(lb1).toContainText('priority 150');
    await expect(lb1).toContainText('state MASTER');
    await dialog.getByRole('radio', { name: 'keepalived (lb2)' }).check();
    const lb2 = dialog.getByLabel(configText(lang, 'keepalived.conf (lb2)'));
    await expect(lb2).toContainText('priority 100');
    await expect(lb2).toContainText('state BACKUP');

    // Copy: the clipboard holds exactly the text shown, and the dialog says so.
    await dialog.getByRole('button', { name: lang === 'en' ? 'Copy' : '복사', exact: true }).click();
    await expect(dialog.getByRole('status').filter({ hasText: n.copied })).toHaveText(n.copied);
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(await lb2.textContent());
    expect(copied).toMatch(/^# keepalived\.conf for lb2/);

    // Escape closes it and the focus goes back to the button.
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(button).toBeFocused();
  });

  test(`the configs follow the scenario in force (${lang})`, async ({ page }) => {
    await page.goto(`/?lang=${lang}`);
    await load(page, {
      mode: 'L7',
      algorithm: 'least-connections',
      servers: [{ name: 's1', weight: 3 }, { name: 's2' }],
      rules: [{ match: { pathPrefix: '/search' }, servers: ['s1'] }],
      requests: [{ at: 0, client: '203.0.113.10', path: '/search' }],
    });
    await page.getByRole('button', { name: n.button, exact: true }).click();
    const dialog = page.getByRole('dialog', { name: n.title });
    const nginx = dialog.getByLabel(configText(lang, 'nginx.conf'));
    await expect(nginx).toContainText('least_conn;');
    await expect(nginx).toContainText('server 10.0.0.11:8080 weight=3');
    await expect(nginx).toContainText('location ^~ /search {');
    await dialog.getByRole('button', { name: n.close }).click();
    await expect(dialog).toBeHidden();
  });
}

for (const [width, height] of [
  [390, 844],
  [820, 1180],
  [1280, 720],
  [1920, 1080],
] as const) {
  test(`the Export dialog fits a ${width}×${height} screen; long lines scroll inside the text`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await page.goto('/?lang=ko');
    await page.getByRole('button', { name: WORDS.ko.button, exact: true }).click();
    const dialog = page.getByRole('dialog', { name: WORDS.ko.title });
    const text = dialog.getByLabel(configText('ko', 'nginx.conf'));
    await expect(text).toContainText('upstream');
    const box = (await dialog.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(width);
    expect(box.y + box.height).toBeLessThanOrEqual(height);
    // The dialog itself never scrolls sideways: the config's long lines scroll in their own box.
    expect(await dialog.evaluate((d) => d.scrollWidth - d.clientWidth)).toBeLessThanOrEqual(1);
    expect(await text.evaluate((t) => t.scrollWidth > t.clientWidth)).toBe(true);
    await expect(dialog.getByRole('button', { name: '복사', exact: true })).toBeInViewport();
  });
}
