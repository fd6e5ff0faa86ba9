/**
 * `npm run pictures`: retakes the README's pictures from the built page (dist/), so they show
 * the stage as it is: the default scenario with a request just past lb1 (its header tag
 * rewritten), in English at 1280×720, in Korean in classroom mode at 1920×1080, on a phone,
 * and a lesson step.
 */
import { chromium, type Page } from '@playwright/test';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

const PORT = 4176;
const URL_ = `http://127.0.0.1:${PORT}`;

/** Plays to a moment when request #id has just left lb1 for its server, and selects it. */
async function justPastLb1(page: Page, id: number): Promise<void> {
  const at = await page.evaluate(async (wanted) => {
    window.lbLab.seek(1e9);
    const records = await window.lbLab.trace();
    const r = records.find((x) => x.id === wanted)!;
    const i = r.hops.findIndex((h) => h.node === 'lb1' && h.dir === 'request');
    const [a, b] = [r.hops[i]!, r.hops[i + 1]!];
    return a.at + (b.at - a.at) * 0.45;
  }, id);
  await page.evaluate(async (t) => {
    window.lbLab.seek(t);
    await window.lbLab.settled();
  }, at);
  await page.evaluate((wanted) => window.lbLab.select(wanted), id);
  await page.waitForTimeout(600);
}

async function open(page: Page, lang: 'en' | 'ko'): Promise<void> {
  await page.goto(`${URL_}/?lang=${lang}`);
  await page.waitForFunction(() => window.lbLab !== undefined);
  await page.evaluate(() => window.lbLab.settled());
}

async function main() {
  if (!existsSync('dist/index.html')) throw new Error('run `npm run build` first');
  const server = spawn('npx', ['vite', 'preview', '--port', String(PORT), '--strictPort'], { stdio: 'ignore' });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
  try {
    for (let i = 0; i < 50; i++) {
      if (
        await fetch(URL_).then(
          () => true,
          () => false,
        )
      )
        break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const shot = async (name: string, lang: 'en' | 'ko', width: number, height: number, then: (p: Page) => Promise<void>) => {
      const ctx = await browser.newContext({
        viewport: { width, height },
        isMobile: width < 500,
        hasTouch: width < 500,
      });
      const page = await ctx.newPage();
      await open(page, lang);
      await then(page);
      await page.screenshot({ path: `docs/${name}.png` });
      await ctx.close();
      console.log(`docs/${name}.png  ${width}×${height} ${lang}`);
    };
    await shot('screenshot-en', 'en', 1280, 720, (p) => justPastLb1(p, 5));
    await shot('screenshot-ko', 'ko', 1920, 1080, async (p) => {
      await p.getByRole('button', { name: '발표 모드' }).click();
      await justPastLb1(p, 5);
    });
    await shot('phone-ko', 'ko', 390, 844, (p) => justPastLb1(p, 5));
    await shot('lesson-en', 'en', 1280, 720, async (p) => {
      await p.getByRole('button', { name: 'Lessons', exact: true }).click();
      await p.getByRole('button', { name: 'NAT on the request and on the response' }).click();
      await p.getByRole('button', { name: 'Next', exact: true }).click();
      await p.waitForTimeout(800);
    });
  } finally {
    await browser.close();
    server.kill();
  }
}

await main();
