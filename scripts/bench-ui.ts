/**
 * `npm run bench:ui`: how smoothly the page plays in headless Chromium here. Prints frame-time
 * percentiles with 50, 200 and 1000 packets in flight, long tasks over 50 ms, and the initial
 * JavaScript size (gzip). A script that prints figures, not a test.
 */
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { percentile } from '../src/trace/sorted.ts';

const PORT = 4175;
const SECONDS = Number(process.env.BENCH_UI_SECONDS ?? 4);

function initialJsGzip(): { files: string[]; bytes: number } {
  const html = readFileSync('dist/index.html', 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  const bytes = files.reduce((n, f) => n + gzipSync(readFileSync(`dist/${f}`)).length, 0);
  return { files, bytes };
}

/** A scenario that keeps about `n` packets in flight: arrivals × time in flight. */
function crowd(n: number) {
  const serviceMs = 2000;
  return {
    seed: 1,
    algorithm: 'least-connections',
    servers: [1, 2, 3, 4, 5, 6].map((i) => ({ name: `s${i}`, concurrency: 1000 })),
    load: { clients: 6, ratePerSec: n / ((serviceMs + 60) / 1000), durationMs: 9000, serviceMs },
  };
}

interface Measured {
  frames: number[];
  inFlight: number[];
  longTasks: number[];
}

// Runs in the page. Kept as text: the TypeScript loader's helpers do not exist there.
const MEASURE = `async (seconds) => {
  const longTasks = [];
  const obs = new PerformanceObserver((l) => { for (const e of l.getEntries()) longTasks.push(e.duration); });
  obs.observe({ type: 'longtask', buffered: false });
  const frames = [];
  const inFlight = [];
  await new Promise((done) => {
    let last = performance.now();
    const start = last;
    function tick(ts) {
      frames.push(ts - last);
      last = ts;
      inFlight.push(document.querySelectorAll('.packets path:not([style*="none"])').length);
      if (ts - start < seconds * 1000) requestAnimationFrame(tick); else done();
    }
    requestAnimationFrame(tick);
  });
  obs.disconnect();
  return { frames: frames.slice(1), inFlight, longTasks };
}`;

const pct = (xs: number[], p: number) => percentile(xs, p) ?? NaN;

async function main() {
  if (!readdirSync('.').includes('dist')) throw new Error('run `npm run build` first');
  const server = spawn('npx', ['vite', 'preview', '--port', String(PORT), '--strictPort'], { stdio: 'ignore' });
  try {
    // A busy machine can take a while to start the preview server: wait until it answers.
    for (
      let i = 0;
      i < 100 &&
      !(await fetch(`http://127.0.0.1:${PORT}`).then(
        () => true,
        () => false,
      ));
      i++
    ) {
      await new Promise((r) => setTimeout(r, 200));
    }
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`http://127.0.0.1:${PORT}/?lang=en`);
    const js = initialJsGzip();
    console.log(`Load Balancer Lab UI benchmark — headless Chromium ${browser.version()}, 1920×1080, ${SECONDS} s per run`);
    console.log(`initial JS: ${(js.bytes / 1024).toFixed(1)} KB gzip (${js.files.join(', ')})`);
    console.log('packets  in flight(avg)  frames  p50 ms  p95 ms  p99 ms  long tasks >50ms');
    for (const n of [50, 200, 1000]) {
      const problem = await page.evaluate((s) => window.lbLab.load(s), crowd(n));
      if (problem) throw new Error(problem);
      await page.evaluate(() => {
        window.lbLab.seek(3000);
        window.lbLab.play(0.25);
      });
      const r = (await page.evaluate(`(${MEASURE})(${SECONDS})`)) as Measured;
      await page.evaluate(() => window.lbLab.pause());
      const f = [...r.frames].sort((a, b) => a - b);
      const avg = r.inFlight.reduce((a, b) => a + b, 0) / r.inFlight.length;
      console.log(
        `${String(n).padStart(7)}  ${avg.toFixed(0).padStart(15)}  ${String(f.length).padStart(6)}  ${pct(f, 0.5).toFixed(1).padStart(6)}  ${pct(f, 0.95).toFixed(1).padStart(6)}  ${pct(f, 0.99).toFixed(1).padStart(6)}  ${String(r.longTasks.length).padStart(16)}`,
      );
    }
    await browser.close();
  } finally {
    server.kill();
  }
}

main().catch((e) => {
  console.error(`bench:ui: ${(e as Error).message}`);
  process.exit(1);
});
