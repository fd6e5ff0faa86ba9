/**
 * `npm run bench:ui`: how smoothly the page plays in headless Chromium here, at 1920×1080, with
 * scenarios aimed at 50, 200, 420 and 1000 packets (in flight, counted from the trace at each
 * frame: about 40, 165, 350 and 830): frames per second, frame-time p50 and p95, the share of
 * frames over 25 ms, long tasks over 50 ms, and the initial JavaScript (gzip).
 *
 * `--baseline <commit>` (repeatable) builds that commit in a git worktree and measures it in the
 * same run, next to this build, alternating build by build (A, B, A, B…) so the machine's noise
 * falls on both alike; each figure is the median of `--runs` runs (3 unless told). The last
 * column, the page's main-thread CPU time per frame (thread time, from a trace), is the one a
 * machine busy with other work moves least: frames per second fall with the machine's load. Options:
 * `--dist <dir>` (this build; `dist` unless told), `--counts 200,420`, `--seconds 4`.
 * Example: `npx tsx scripts/bench-ui.ts --dist /tmp/dist-me --baseline aabba63 --counts 200,420 --runs 5`.
 * A script that prints figures, not a test.
 */
import { chromium, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { percentile } from '../src/trace/sorted.ts';

interface Options {
  dist: string;
  baselines: string[];
  counts: number[];
  runs: number;
  seconds: number;
}

function options(argv: string[]): Options {
  const o: Options = {
    dist: 'dist',
    baselines: [],
    counts: [50, 200, 420, 1000],
    runs: 3,
    seconds: Number(process.env.BENCH_UI_SECONDS ?? 4),
  };
  for (let i = 0; i < argv.length; i++) {
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${argv[i - 1]} needs a value`);
      return v;
    };
    const a = argv[i]!;
    if (a === '--baseline') o.baselines.push(next());
    else if (a === '--dist') o.dist = next();
    else if (a === '--counts') o.counts = next().split(',').map(Number);
    else if (a === '--runs') o.runs = Number(next());
    else if (a === '--seconds') o.seconds = Number(next());
    else throw new Error(`unknown option ${a}`);
  }
  return o;
}

function initialJsGzip(dist: string): number {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  return files.reduce((n, f) => n + gzipSync(readFileSync(join(dist, f))).length, 0);
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

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.json': 'application/json',
  '.png': 'image/png',
};

/** A static server for one build on a free port (no vite process, no port to agree on). */
function serve(dist: string): Promise<{ server: Server; url: string }> {
  const root = resolve(dist);
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = join(root, path);
    if (!file.startsWith(root) || !existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html');
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  return new Promise((done) =>
    server.listen(0, '127.0.0.1', () => {
      const a = server.address();
      done({ server, url: `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}` });
    }),
  );
}

/** Builds `commit` in a worktree of its own, with this checkout's node_modules; returns its dist and a clean-up. */
function buildCommit(commit: string): { dist: string; cleanUp(): void } {
  const sha = execFileSync('git', ['rev-parse', '--short', commit], { encoding: 'utf8' }).trim();
  const tree = `/tmp/bench-base-${sha}`;
  const dist = `${tree}-dist`;
  const cleanUp = () => {
    if (existsSync(tree)) execFileSync('git', ['worktree', 'remove', '--force', tree], { stdio: 'ignore' });
    rmSync(dist, { recursive: true, force: true });
  };
  cleanUp();
  execFileSync('git', ['worktree', 'add', '--detach', tree, sha], { stdio: 'ignore' });
  symlinkSync(resolve('node_modules'), join(tree, 'node_modules'));
  console.log(`building ${sha} in ${tree}…`);
  execFileSync('npx', ['vite', 'build', '--outDir', dist, '--emptyOutDir', '--logLevel', 'error'], { cwd: tree, stdio: 'inherit' });
  return { dist, cleanUp };
}

interface Measured {
  frames: number[];
  times: number[];
  longTasks: number;
}

// Runs in the page. Kept as text: the TypeScript loader's helpers do not exist there. Notes the
// playback time at each frame, so packets in flight are counted from the trace, the same way
// for every build whatever it draws them with.
const MEASURE = `async (seconds) => {
  let longTasks = 0;
  const obs = new PerformanceObserver((l) => { longTasks += l.getEntries().filter((e) => e.duration > 50).length; });
  obs.observe({ type: 'longtask', buffered: false });
  const frames = [];
  const times = [];
  await new Promise((done) => {
    let last = performance.now();
    const start = last;
    function tick(ts) {
      frames.push(ts - last);
      last = ts;
      times.push(window.lbLab.time());
      if (ts - start < seconds * 1000) requestAnimationFrame(tick); else done();
    }
    requestAnimationFrame(tick);
  });
  obs.disconnect();
  const records = await window.lbLab.trace();
  const starts = records.map((r) => (r.dns ? r.dns.at : (r.hops[0] ? r.hops[0].at : r.at)));
  const inFlight = times.map((t) => records.reduce((n, r, i) => n + (starts[i] <= t && t < r.doneAt ? 1 : 0), 0));
  return { frames: frames.slice(1), times: inFlight, longTasks };
}`;

interface Row {
  inFlight: number;
  fps: number;
  p50: number;
  p95: number;
  over25: number;
  longTasks: number;
  /** Main-thread CPU ms per frame (thread time). */
  cpuPerFrame: number;
}

async function measure(page: Page, n: number, seconds: number): Promise<Row> {
  const problem = await page.evaluate(async (s) => {
    const said = await window.lbLab.load(s);
    await window.lbLab.settled();
    return said;
  }, crowd(n));
  if (problem) throw new Error(problem);
  await page.evaluate(() => {
    window.lbLab.seek(3000);
    window.lbLab.play(0.25);
  });
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => {
    for (const ev of e.value as unknown as TraceEvent[]) events.push(ev);
  });
  await cdp.send('Tracing.start', {
    categories: 'devtools.timeline,disabled-by-default-devtools.timeline,__metadata',
    transferMode: 'ReportEvents',
  });
  const r = (await page.evaluate(`(${MEASURE})(${seconds})`)) as Measured;
  const ended = new Promise((done) => cdp.once('Tracing.tracingComplete', done));
  await cdp.send('Tracing.end');
  await ended;
  await cdp.detach();
  await page.evaluate(() => window.lbLab.pause());
  const f = [...r.frames].sort((a, b) => a - b);
  const total = f.reduce((a, b) => a + b, 0);
  return {
    inFlight: r.times.reduce((a, b) => a + b, 0) / Math.max(1, r.times.length),
    fps: (1000 * f.length) / total,
    p50: percentile(f, 0.5) ?? NaN,
    p95: percentile(f, 0.95) ?? NaN,
    over25: (100 * f.filter((x) => x > 25).length) / Math.max(1, f.length),
    longTasks: r.longTasks,
    cpuPerFrame: mainThreadCpu(events) / Math.max(1, f.length),
  };
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  tdur?: number;
  args?: { name?: string };
}

/**
 * CPU time (ms) the page's main thread spent in tasks: thread time, not wall time, so other
 * programs on a busy machine do not count. Per frame it is the figure least moved by noise.
 */
function mainThreadCpu(events: TraceEvent[]): number {
  const mains = new Set(
    events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
  );
  let us = 0;
  for (const e of events) if (e.ph === 'X' && e.name === 'RunTask' && mains.has(`${e.pid}:${e.tid}`)) us += e.tdur ?? 0;
  return mains.size ? us / 1000 : NaN;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

async function main() {
  const o = options(process.argv.slice(2));
  if (!existsSync(join(o.dist, 'index.html'))) throw new Error(`no build in ${o.dist}: run \`npx vite build --outDir ${o.dist}\` first`);
  const builds: { name: string; dist: string; cleanUp?(): void }[] = [{ name: 'this', dist: o.dist }];
  const servers: Server[] = [];
  try {
    for (const c of o.baselines) builds.push({ name: c, ...buildCommit(c) });
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    const pages: Page[] = [];
    for (const b of builds) {
      const { server, url } = await serve(b.dist);
      servers.push(server);
      const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
      await page.goto(`${url}/?lang=en`);
      await page.waitForFunction(() => window.lbLab !== undefined);
      pages.push(page);
    }
    console.log(
      `Load Balancer Lab UI benchmark — headless Chromium ${browser.version()}, 1920×1080, ${o.seconds} s per run, median of ${o.runs} runs, builds alternating`,
    );
    for (const b of builds)
      console.log(`  ${b.name.padEnd(10)} ${b.dist}  initial JS ${(initialJsGzip(b.dist) / 1024).toFixed(1)} KB gzip`);
    const rows = new Map<string, Row[]>();
    for (let run = 0; run < o.runs; run++) {
      for (const n of o.counts) {
        for (let i = 0; i < builds.length; i++) {
          await pages[i]!.bringToFront();
          const row = await measure(pages[i]!, n, o.seconds);
          const key = `${n} ${i}`;
          rows.set(key, [...(rows.get(key) ?? []), row]);
        }
      }
    }
    console.log('\ntarget  build       in flight    fps  p50 ms  p95 ms  >25 ms  long tasks  main CPU ms/frame');
    for (const n of o.counts) {
      builds.forEach((b, i) => {
        const rs = rows.get(`${n} ${i}`)!;
        const m = (f: (r: Row) => number) => median(rs.map(f));
        console.log(
          `${String(n).padStart(6)}  ${b.name.padEnd(10)}  ${m((r) => r.inFlight)
            .toFixed(0)
            .padStart(9)}  ${m((r) => r.fps)
            .toFixed(1)
            .padStart(5)}  ${m((r) => r.p50)
            .toFixed(1)
            .padStart(6)}  ${m((r) => r.p95)
            .toFixed(1)
            .padStart(6)}  ${`${m((r) => r.over25).toFixed(1)}%`.padStart(6)}  ${String(m((r) => r.longTasks)).padStart(10)}  ${m(
            (r) => r.cpuPerFrame,
          )
            .toFixed(1)
            .padStart(17)}`,
        );
      });
    }
    await browser.close();
  } finally {
    for (const s of servers) s.close();
    for (const b of builds) b.cleanUp?.();
  }
}

main().catch((e) => {
  console.error(`bench:ui: ${(e as Error).message}`);
  process.exit(1);
});
