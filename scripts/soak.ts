/**
 * `npm run soak`: plays the default scenario at 5× for 10 minutes in headless Chromium and
 * prints the JavaScript heap, the number of DOM nodes and the long tasks every 30 s, looping
 * the run when it ends. Then loads the heaviest scenario the page accepts and prints the
 * longest main-thread task while it loads and while it plays. A script that prints figures,
 * not a test. SOAK_MINUTES shortens it.
 */
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

const PORT = 4176;
const MINUTES = Number(process.env.SOAK_MINUTES ?? 10);
const EVERY_S = 30;

/** The heaviest scenario the page accepts: 20,000 requests, 30 servers, L7, handshakes, 200 rules. */
export function heaviest() {
  const servers = Array.from({ length: 30 }, (_, i) => ({ name: `s${i + 1}` }));
  return {
    mode: 'L7',
    network: { handshakes: true },
    servers,
    rules: Array.from({ length: 200 }, (_, i) => ({ match: { pathPrefix: `/p${i}` }, servers: [`s${(i % 30) + 1}`] })),
    load: {
      clients: 200,
      ratePerSec: 19_000 / 600,
      durationMs: 600_000,
      serviceMs: 40,
      paths: ['/', '/p1', '/p50', '/p199', '/search'],
    },
  };
}

// Runs in the page (kept as text: the TypeScript loader's helpers do not exist there).
const WATCH = `() => {
  window.__long = [];
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push(e.duration); }).observe({ type: 'longtask' });
}`;

async function main() {
  if (!existsSync('dist/index.html')) throw new Error('run `npm run build` first');
  const server = spawn('npx', ['vite', 'preview', '--port', String(PORT), '--strictPort'], { stdio: 'ignore' });
  try {
    await new Promise((r) => setTimeout(r, 1500));
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--enable-precise-memory-info'],
    });
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(`http://127.0.0.1:${PORT}/?lang=en`);
    await page.evaluate(`(${WATCH})()`);
    const cdp = await page.context().newCDPSession(page);
    const sample = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      const heap = await page.evaluate(() => (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize);
      const nodes = await page.evaluate(() => document.getElementsByTagName('*').length);
      const long = await page.evaluate(() => {
        const w = window as unknown as { __long: number[] };
        const l = w.__long;
        w.__long = [];
        return l;
      });
      return { heap, nodes, long };
    };
    console.log(`soak — headless Chromium ${browser.version()}, 1280×720, default scenario at 5×, ${MINUTES} min`);
    console.log('  time   heap MB   DOM nodes   long tasks >50 ms (longest)   simulated ms');
    await page.evaluate(() => window.lbLab.play(5));
    const end = Date.now() + MINUTES * 60_000;
    for (let k = 0; Date.now() < end; k++) {
      const next = Math.min(Date.now() + EVERY_S * 1000, end);
      let t = 0;
      while (Date.now() < next) {
        await page.waitForTimeout(Math.min(1000, next - Date.now()));
        // When the run ends, start it again: the soak is about playing, not a still page.
        t = await page.evaluate(() => {
          const now = window.lbLab.time();
          if (now > 55_000) window.lbLab.seek(0);
          window.lbLab.play(5);
          return now;
        });
      }
      const s = await sample();
      const longest = s.long.length ? s.long.reduce((a, b) => Math.max(a, b)).toFixed(0) : '—';
      console.log(
        `${String(((k + 1) * EVERY_S) / 60).padStart(5)}m  ${(s.heap / 2 ** 20).toFixed(1).padStart(8)}  ${String(s.nodes).padStart(10)}  ${String(s.long.length).padStart(17)} (${longest})  ${t.toFixed(0).padStart(14)}`,
      );
    }
    await page.evaluate(() => window.lbLab.pause());

    await sample();
    const started = Date.now();
    const problem = await page.evaluate((s) => window.lbLab.load(s), heaviest());
    const loadMs = Date.now() - started;
    const during = await sample();
    await page.evaluate(() => window.lbLab.play(1));
    await page.waitForTimeout(10_000);
    const playing = await sample();
    await page.evaluate(() => window.lbLab.pause());
    const worst = (xs: number[]) => (xs.length ? `${xs.reduce((a, b) => Math.max(a, b)).toFixed(0)} ms` : 'none');
    console.log(`heaviest scenario (20,000 requests, 30 servers, L7, handshakes, 200 rules): ${problem ?? 'loaded'} in ${loadMs} ms`);
    console.log(
      `  while loading: ${during.long.length} long tasks, longest ${worst(during.long)}; DOM ${during.nodes} nodes, heap ${(during.heap / 2 ** 20).toFixed(1)} MB`,
    );
    console.log(
      `  10 s playing at 1×: ${playing.long.length} long tasks, longest ${worst(playing.long)}; DOM ${playing.nodes} nodes, heap ${(playing.heap / 2 ** 20).toFixed(1)} MB`,
    );
    await browser.close();
  } finally {
    server.kill();
  }
}

main().catch((e) => {
  console.error(`soak: ${(e as Error).message}`);
  process.exit(1);
});
