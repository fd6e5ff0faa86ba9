/**
 * `node --import tsx scripts/bench-cli.ts`: the command line's memory and time on a large run
 * written into a pipe, read by a fast reader and by a slow one. The simulator runs as a child
 * with a 128 MB heap (`--max-old-space-size=128`); its peak resident memory is read from
 * /proc (Linux). A script that prints figures, not a test: numbers vary with the machine.
 *
 *   BENCH_REQUESTS   requests in the run (default 1,000,000)
 *   BENCH_SLOW_MBPS  the slow reader's speed in MB/s (default 8; 0 skips the slow reader)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1_000_000);
const SLOW_MBPS = Number(process.env.BENCH_SLOW_MBPS ?? 8);
const HEAP_MB = 128;

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

function peakKiB(pid: number): number {
  try {
    return Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

const dir = mkdtempSync(join(tmpdir(), 'lblab-bench-'));
const file = join(dir, 'big.json');
const rate = 100_000;
writeFileSync(
  file,
  JSON.stringify({
    seed: 1,
    servers: [1, 2, 3, 4].map((i) => ({ name: `s${i}`, concurrency: 1000 })),
    load: { clients: 200, ratePerSec: rate, durationMs: (REQUESTS / rate) * 1000, serviceMs: 5 },
  }),
);

/** One run into a pipe read at `mbps` MB/s (0: as fast as it comes). */
function run(mbps: number): Promise<{ seconds: number; bytes: number; lines: number; peak: number; code: number | null; stderr: string }> {
  const start = performance.now();
  const child = spawn(process.execPath, [
    `--max-old-space-size=${HEAP_MB}`,
    '--import',
    'tsx',
    'scripts/simulate.ts',
    file,
    '--max-seconds',
    '0',
  ]);
  let bytes = 0;
  let lines = 0;
  let peak = 0;
  let stderr = '';
  const sampler = setInterval(() => {
    peak = Math.max(peak, peakKiB(child.pid!));
  }, 50);
  child.stderr.setEncoding('utf8').on('data', (c: string) => {
    stderr += c;
  });
  child.stdout.on('data', (c: Buffer) => {
    bytes += c.length;
    for (let i = c.indexOf(10); i >= 0; i = c.indexOf(10, i + 1)) lines++;
    if (mbps > 0) {
      // Hold the pipe long enough that the reading rate stays at mbps.
      const due = start + (bytes / (mbps * 1e6)) * 1000 - performance.now();
      if (due > 1) {
        child.stdout.pause();
        setTimeout(() => child.stdout.resume(), due);
      }
    }
  });
  return new Promise((resolve) =>
    child.on('close', (code) => {
      clearInterval(sampler);
      resolve({ seconds: (performance.now() - start) / 1000, bytes, lines, peak: peak * 1024, code, stderr });
    }),
  );
}

console.log(
  `Load Balancer Lab command line into a pipe — node ${process.version}, ${fmt(REQUESTS)} requests, child heap limit ${HEAP_MB} MB`,
);
const readers = [0, ...(SLOW_MBPS > 0 ? [SLOW_MBPS] : [])];
for (const mbps of readers) {
  const r = await run(mbps);
  const reader = mbps ? `slow reader (${mbps} MB/s)` : 'fast reader';
  console.log(
    `${reader.padEnd(22)} exit ${r.code}, ${fmt(r.lines)} lines, ${mb(r.bytes)} in ${r.seconds.toFixed(1)} s ` +
      `(${fmt(r.lines / r.seconds)} requests/s), peak RSS ${r.peak ? mb(r.peak) : 'n/a (no /proc)'}${r.stderr ? `; stderr: ${r.stderr.trim()}` : ''}`,
  );
}
rmSync(dir, { recursive: true, force: true });
