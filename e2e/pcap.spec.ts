import { readFileSync } from 'node:fs';
import { expect, seek, settled, test } from './fixtures.ts';

const WORDS = {
  en: {
    open: 'Export',
    title: 'This scenario on real machines',
    button: 'Download pcap',
    whole: 'The whole run',
    now: /^Up to now/,
    working: 'Writing the capture',
    saved: /^Saved load-balancer-lab-l4-round-robin(-to-\d+ms)?\.pcap \(\d[\d,]* packets\)\.$/,
  },
  ko: {
    open: '내보내기',
    title: '이 시나리오를 실제 서버에서',
    button: 'pcap 내려받기',
    whole: '실행 전체',
    now: /^지금까지/,
    working: '캡처 파일을 만드는 중',
    saved: /^저장했습니다: load-balancer-lab-l4-round-robin(-to-\d+ms)?\.pcap \(패킷 \d[\d,]*개\)$/,
  },
} as const;

/** A pcap file's frames' times (simulated ms from its first), read the way tshark does: libpcap records, nanoseconds. */
function frameTimes(file: Buffer): number[] {
  expect(file.readUInt32LE(0)).toBe(0xa1b23c4d);
  const times: number[] = [];
  for (let o = 24; o < file.length;) {
    times.push(file.readUInt32LE(o) * 1000 + file.readUInt32LE(o + 4) / 1e6);
    o += 16 + file.readUInt32LE(o + 8);
  }
  return times;
}

/** A scenario heavy enough for the page (15,000 requests) that writing its capture takes a while. */
const HEAVY = {
  mode: 'L4',
  algorithm: 'round-robin',
  servers: [{ name: 's1' }, { name: 's2' }, { name: 's3' }],
  load: { clients: 40, ratePerSec: 500, durationMs: 30_000, serviceMs: 40 },
};

for (const lang of ['en', 'ko'] as const) {
  const n = WORDS[lang];

  test(`Download pcap writes the whole run or the run up to now in the worker, with progress (${lang})`, async ({ page }) => {
    test.setTimeout(90_000);
    await page.goto(`/?lang=${lang}`);
    expect(await page.evaluate((s) => window.lbLab.load(s), HEAVY)).toBeNull();
    await settled(page);
    await seek(page, 9_000);

    await page.getByRole('button', { name: n.open, exact: true }).click();
    const dialog = page.getByRole('dialog', { name: n.title });
    await expect(dialog).toBeVisible();
    const whole = dialog.getByRole('radio', { name: n.whole });
    const now = dialog.getByRole('radio', { name: n.now });
    await expect(whole).toBeChecked();
    await expect(now).toHaveAccessibleName(lang === 'en' ? 'Up to now (9000.0 ms)' : '지금까지(9000.0 ms)');
    const button = dialog.getByRole('button', { name: n.button });
    // The pcap part's own status line (the config part above has one too).
    const status = dialog.locator('.pcap-export').getByRole('status');

    // The page's main thread stays free while the worker writes: it paints the progress as it
    // goes (a thread busy writing the file would show the bar at its end only). Counted, not timed.
    await page.evaluate(() => {
      const w = window as unknown as { progress: Set<string> };
      w.progress = new Set();
      const seen = (el: Element) => el instanceof HTMLProgressElement && w.progress.add(String(el.value));
      new MutationObserver((changes) => {
        for (const c of changes) {
          seen(c.target as Element);
          c.addedNodes.forEach((n) => n instanceof Element && n.querySelectorAll('progress').forEach(seen));
        }
      }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['value'] });
    });

    const download = async () => {
      const started = page.waitForEvent('download');
      await button.click();
      // Progress shows while it writes: a progress bar with its name, and the status in words.
      await expect(dialog.getByRole('progressbar', { name: n.working })).toBeVisible();
      await expect(status).toContainText(n.working);
      const d = await started;
      await expect(status).toHaveText(n.saved);
      await expect(dialog.getByRole('progressbar')).toHaveCount(0);
      return { name: d.suggestedFilename(), times: frameTimes(readFileSync((await d.path())!)) };
    };

    const all = await download();
    expect(all.name).toBe('load-balancer-lab-l4-round-robin.pcap');

    // Keyboard only: the arrow keys choose "up to now", Tab and Enter download it.
    await whole.focus();
    await page.keyboard.press('ArrowDown');
    await expect(now).toBeChecked();
    await button.focus();
    const upToNowStarted = page.waitForEvent('download');
    await page.keyboard.press('Enter');
    const d = await upToNowStarted;
    await expect(status).toHaveText(n.saved);
    const part = { name: d.suggestedFilename(), times: frameTimes(readFileSync((await d.path())!)) };
    expect(part.name).toBe('load-balancer-lab-l4-round-robin-to-9000ms.pcap');

    // Up to now: fewer packets, the whole run's first ones, and none after 9 s.
    expect(part.times.length).toBeGreaterThan(1000);
    expect(part.times.length).toBeLessThan(all.times.length / 2);
    expect(part.times).toEqual(all.times.slice(0, part.times.length));
    const start = all.times[0]! - (all.times[0]! % 1000);
    expect(part.times.at(-1)! - start).toBeLessThanOrEqual(9_000);
    expect(all.times.at(-1)! - start).toBeGreaterThan(29_000);

    const painted = await page.evaluate(() => [...(window as unknown as { progress: Set<string> }).progress]);
    expect(
      painted.filter((v) => Number(v) > 0 && Number(v) < 100).length,
      `progress painted: ${painted.join(', ')}`,
    ).toBeGreaterThanOrEqual(2);
  });
}
