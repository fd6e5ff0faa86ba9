import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI_BUDGET, overrunMessage } from '../src/sim/budget.ts';
import { checkDepth, decodeScenarioText, MAX_FILE_BYTES, Refused, safeLine } from './scenarioFile.ts';

/** No child outlives its test, even when a regression makes it hang. */
const KILL_AFTER = { timeout: 50_000, killSignal: 'SIGKILL' } as const;

function simulate(file: string) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/simulate.ts', file], {
    encoding: 'utf8',
    ...KILL_AFTER,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Milliseconds from the start to the exit. */
  ms: number;
}

/** The command line as a child process, without blocking the test (so runs can overlap). */
function simulateAsync(file: string, opts: { env?: Record<string, string>; nodeArgs?: string[]; args?: string[] } = {}): Promise<Run> {
  const start = Date.now();
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), '--import', 'tsx', 'scripts/simulate.ts', file, ...(opts.args ?? [])], {
    env: { ...process.env, ...opts.env },
    ...KILL_AFTER,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => {
    stdout += c;
  });
  child.stderr.setEncoding('utf8').on('data', (c: string) => {
    stderr += c;
  });
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr, ms: Date.now() - start })));
}

const dir = mkdtempSync(join(tmpdir(), 'lblab-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
function withFile(content: string | Uint8Array): string {
  const file = join(dir, `scenario-${++files}.json`);
  writeFileSync(file, content);
  return file;
}

/** One line on stderr, exit 1, nothing on stdout, no stack trace. */
function expectOneLine(r: Run | ReturnType<typeof simulate>, text?: string | RegExp): void {
  expect(r.code).toBe(1);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(/^simulate: [^\n]+\n$/);
  expect(r.stderr).not.toMatch(/\bat .+:\d+:\d+/);
  if (typeof text === 'string') expect(r.stderr).toContain(text);
  else if (text) expect(r.stderr).toMatch(text);
}

/** A scenario of about `n` generated requests (the load makes them, the file stays small). */
function bigLoad(n: number): string {
  return withFile(
    JSON.stringify({
      seed: 1,
      servers: [1, 2, 3, 4].map((i) => ({ name: `s${i}`, concurrency: 1000 })),
      load: { clients: 200, ratePerSec: 100_000, durationMs: n / 100, serviceMs: 5 },
    }),
  );
}

/** Linux's view of a process: CPU time used (clock ticks) and resident memory now and at its peak (KiB). */
function procStats(pid: number): { ticks: number; rssKiB: number; peakKiB: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return {
      ticks: Number(fields[11]) + Number(fields[12]), // utime + stime
      rssKiB: Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]),
      peakKiB: Number(/VmHWM:\s+(\d+)/.exec(status)?.[1]),
    };
  } catch {
    return null;
  }
}
const hasProc = existsSync('/proc/self/stat');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const WRR = readFileSync('src/scenarios/weighted-round-robin.json', 'utf8');

describe('command line: npm run --silent simulate -- FILE.json', () => {
  it('prints one JSON object per request, in request order, with the contract fields', () => {
    const r = simulate('src/scenarios/weighted-round-robin.json');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    // L4 is IPVS: wrr's order for 5,1,1 (ip_vs_wrr.c), not nginx's smooth one.
    expect(lines.map((l) => l.server).join(' ')).toBe('s1 s1 s1 s1 s1 s2 s3');
    expect(lines[0].ipvs).toMatchObject({ scheduler: 'wrr', chosen: 's1' });
    for (const l of lines) {
      expect(l).toMatchObject({ client: expect.any(String), outcome: 'ok', status: 200 });
      expect(l.hops[0]).toMatchObject({ node: 'client', dir: 'request', in: null });
      expect(l.hops.at(-1)).toMatchObject({ node: 'client', dir: 'response', out: null });
    }
  });

  it('answers a bad file with one clear line on stderr, exit 1 and nothing on stdout', () => {
    const r = simulate(withFile('{"servers":[{"name":"s1","weight":0}],"requests":[{"at":0,"client":"1.2.3.4"}]}'));
    expectOneLine(r, '"servers[0].weight" must be at least 1 (got 0)');
  });

  it('answers broken JSON, a missing file and a directory the same way', async () => {
    const runs = await Promise.all([withFile('{"servers": ['), '/nonexistent/scenario.json', dir].map((f) => simulateAsync(f)));
    for (const r of runs) expectOneLine(r);
    expect(runs[1]!.stderr).toBe('simulate: cannot read /nonexistent/scenario.json: ENOENT\n');
    expect(runs[2]!.stderr).toBe(`simulate: cannot read ${dir}: EISDIR\n`);
  });
});

describe('command line: streaming into a pipe', () => {
  it('waits for a reader that stops: no CPU, no memory growth, then every request in order once it reads (small heap)', async () => {
    const N = 10_000;
    const child = spawn(process.execPath, ['--max-old-space-size=64', '--import', 'tsx', 'scripts/simulate.ts', bigLoad(N)], KILL_AFTER);
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (c: string) => {
      stderr += c;
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    // The test reads nothing yet: the pipe and the stream's own buffer fill, then the child must wait.
    await new Promise((resolve) => child.stdout.once('readable', resolve));
    await sleep(1000);
    const before = hasProc ? procStats(child.pid!) : null;
    await sleep(1000);
    const after = hasProc ? procStats(child.pid!) : null;
    if (before && after) {
      // A child that ran on regardless would burn about 100 ticks (1 s) here and keep growing.
      expect(after.ticks - before.ticks).toBeLessThan(25);
      expect(after.rssKiB - before.rssKiB).toBeLessThan(8 * 1024);
    }
    expect(child.exitCode).toBeNull(); // still there, waiting

    // Now read at full speed: every request, in order, ids 1, 2, 3…
    let pending = '';
    let expected = 1;
    let outOfOrder = 0;
    let peakKiB = 0;
    // A process just exiting can leave its status without a peak: NaN must not poison the max.
    const sampler = setInterval(() => {
      peakKiB = Math.max(peakKiB, procStats(child.pid!)?.peakKiB || 0);
    }, 100);
    child.stdout.setEncoding('utf8').on('data', (c: string) => {
      const lines = (pending + c).split('\n');
      pending = lines.pop()!;
      for (const l of lines) if (JSON.parse(l).id !== expected++) outOfOrder++;
    });
    child.stdout.resume();
    const code = await exited;
    clearInterval(sampler);
    expect({ code, stderr, pending, outOfOrder }).toEqual({ code: 0, stderr: '', pending: '', outOfOrder: 0 });
    expect(expected - 1).toBeGreaterThanOrEqual(N);
    if (hasProc) expect(peakKiB).toBeLessThan(250 * 1024); // node + tsx alone take about 80 MB
  });

  it('ends at once, quietly and with exit 0, when the reader goes away (| head -1)', async () => {
    const start = Date.now();
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/simulate.ts', bigLoad(1_000_000)], KILL_AFTER);
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (c: string) => {
      stderr += c;
    });
    let closedAt = 0;
    let first = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => {
      if (closedAt) return;
      first += c;
      if (first.includes('\n')) {
        closedAt = Date.now();
        child.stdout.destroy(); // closes the read side of the pipe, as head does after its line
      }
    });
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
      child.on('close', (c, s) => resolve([c, s])),
    );
    expect(JSON.parse(first.slice(0, first.indexOf('\n'))).id).toBe(1);
    expect({ code, signal, stderr }).toEqual({ code: 0, signal: null, stderr: '' });
    expect(Date.now() - closedAt).toBeLessThan(3000); // the whole run would take minutes
    expect(Date.now() - start).toBeLessThan(15_000);
  });
});

describe('command line: the budget', () => {
  const servers = Array.from({ length: 30 }, (_, i) => ({ name: `s${i + 1}` }));
  const at = (ms: number) => ({ at: ms, client: '203.0.113.10' });

  it('stops a run past its budget: the requests printed stay printed, then one line on stderr, exit 1', async () => {
    // Probes every 100 ms to 30 servers for a day; request 6 takes an hour and holds back request 7.
    const probes = withFile(
      JSON.stringify({
        servers,
        healthCheck: { intervalMs: 100 },
        timeouts: { clientMs: 3_600_000 },
        requests: [at(0), at(100), at(200), at(300), at(400), { ...at(1000), serviceMs: 3_600_000 }, at(86_400_000)],
      }),
    );
    // A thousand requests a second for a minute.
    const flood = withFile(JSON.stringify({ servers, load: { clients: 50, ratePerSec: 1000, durationMs: 60_000 } }));
    const budget = { maxSystemRecords: 5000, maxRequests: 2000 };
    const [r, f] = await Promise.all(
      [probes, flood].map((file) => simulateAsync(file, { env: { SIMULATE_TEST_BUDGET: JSON.stringify(budget) } })),
    );

    expect(r!.code).toBe(1);
    expect(
      r!.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).id),
    ).toEqual([1, 2, 3, 4, 5]);
    expect(r!.stderr).toBe(`simulate: ${probes}: ${overrunMessage('systemRecords', { ...CLI_BUDGET, ...budget }).en}\n`);

    // A load that would make more requests than the budget is refused before running.
    expectOneLine(f!, 'this would make about 60,000 requests; the command line runs at most 2,000: send fewer');
  });

  it("ends the issue's 190-byte scenario (20,000 requests a second for 11 days) at once, naming the request budget", async () => {
    const issue = withFile(
      '{"servers":[{"name":"s1"}], "load":{"clients":1, "ratePerSec":20000, "durationMs":1000}, "events":[{"at":0, "action":"set-load", "durationMs":1000000000}]}',
    );
    const r = await simulateAsync(issue);
    expectOneLine(
      r,
      `this would make about 20,000,000,000 requests; the command line runs at most ${CLI_BUDGET.maxRequests.toLocaleString('en-US')}`,
    );
  });

  it('stops a run that computes past its time budget (--max-seconds): what was printed stays, one line names the budget, exit 1', async () => {
    // 1.8 million requests into one small server: far more than a fraction of a second's work.
    const long = withFile(
      JSON.stringify({
        servers: [{ name: 's1', concurrency: 4, backlog: 64 }],
        load: { clients: 6, ratePerSec: 2000, durationMs: 900_000 },
      }),
    );
    const r = await simulateAsync(long, { args: ['--max-seconds', '0.5'] });
    expect(r.code).toBe(1);
    const ids = r.stdout
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { id: number }).id);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids).toEqual(ids.map((_, i) => i + 1));
    expect(r.stderr).toBe(
      `simulate: ${long}: the run stopped after 0.5 s of computing, the command line's time budget (${ids.length.toLocaleString('en-US')} requests printed): send fewer requests or make the run shorter, or give --max-seconds 0 for no limit\n`,
    );
    // A bad value is refused like a bad file.
    expectOneLine(await simulateAsync(long, { args: ['--max-seconds', 'soon'] }), '--max-seconds needs a number of seconds');
  });

  it('runs its 1-second version: a swamped server drops SYNs, the client runs out of ports, every request ends', async () => {
    const short = withFile(
      '{"servers":[{"name":"s1"}], "load":{"clients":1, "ratePerSec":20000, "durationMs":1000}, "events":[{"at":0, "action":"set-load", "durationMs":1000}]}',
    );
    const r = await simulateAsync(short);
    expect([r.code, r.stderr]).toEqual([0, '']);
    const outcomes = new Map<string, number>();
    let dropped = 0;
    for (const line of r.stdout.trim().split('\n')) {
      const rec = JSON.parse(line) as { outcome: string; hops: { drop?: string }[] };
      outcomes.set(rec.outcome, (outcomes.get(rec.outcome) ?? 0) + 1);
      if (rec.hops.some((h) => h.drop === 'overflow')) dropped++;
    }
    expect([...outcomes.keys()].sort()).toEqual(['no-port', 'ok', 'timeout']);
    expect(dropped).toBeGreaterThan(1000);
  });

  it('the test-only budget variable is checked like a file', async () => {
    const bad = await Promise.all(
      ['{"maxEvents": -1}', '{"maxEvent": 5}', '[1]'].map((b) =>
        simulateAsync('src/scenarios/weighted-round-robin.json', { env: { SIMULATE_TEST_BUDGET: b } }),
      ),
    );
    for (const r of bad) expectOneLine(r, 'SIMULATE_TEST_BUDGET');
  });
});

describe('command line: input files', () => {
  const utf16le = (s: string) => Buffer.from(s, 'utf16le');
  const utf16be = (s: string) => Buffer.from(s, 'utf16le').swap16();

  it('reads UTF-8 with a byte-order mark, and UTF-16 in either byte order, as the same scenario', async () => {
    const inputs = [
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(WRR)]),
      Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le(WRR)]),
      Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(WRR)]),
      utf16le(WRR), // no byte-order mark: told by its zero bytes (RFC 4627 §3)
    ];
    const [plain, ...runs] = await Promise.all([withFile(WRR), ...inputs.map((b) => withFile(b))].map((f) => simulateAsync(f)));
    expect(plain!.stdout.split('\n')).toHaveLength(8);
    for (const r of runs) expect(r).toMatchObject({ code: 0, stderr: '', stdout: plain!.stdout });
  });

  it('refuses other encodings with one line naming the problem', async () => {
    const utf32 = Buffer.alloc(WRR.length * 4);
    for (let i = 0; i < WRR.length; i++) utf32.writeUInt32LE(WRR.charCodeAt(i), i * 4);
    const latin1 = Buffer.from(
      '{"servers": [{"name": "s1"}],\n "requests": [{"at": 0, "client": "1.2.3.4", "path": "/caf\xe9"}]}',
      'latin1',
    );
    const [u32, l1, odd] = await Promise.all(
      [
        Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), utf32]),
        latin1,
        Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le(WRR), Buffer.from([0x20])]),
      ].map((b) => simulateAsync(withFile(b))),
    );
    expectOneLine(u32!, 'the file is UTF-32 text: save it as UTF-8');
    expectOneLine(l1!, 'the file is not UTF-8 text (byte 0xe9 at line 2, column 59): save it as UTF-8');
    expectOneLine(odd!, 'UTF-16LE');
  });

  it('refuses a file over 64 MiB quickly, reading no further than the limit: /dev/zero, /dev/urandom, a large file', async () => {
    const large = withFile('');
    truncateSync(large, MAX_FILE_BYTES + 1); // sparse: refused from its size, unread
    const runs = await Promise.all(['/dev/zero', '/dev/urandom', large].filter((f) => existsSync(f)).map((f) => simulateAsync(f)));
    for (const r of runs) {
      expectOneLine(r, 'the file is larger than 64 MiB, the most a scenario file may be');
      expect(r.ms).toBeLessThan(15_000);
    }
  });

  it('refuses JSON nested deeper than 64 levels before parsing it, with one line; brackets inside strings do not count', async () => {
    const deep = `{"servers":[{"name":"s1"}],"requests":[{"at":0,"client":"1.2.3.4"}],"events":[{"at":0,"action":${'['.repeat(5000)}${']'.repeat(5000)}}]}`;
    const deepObject = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
    const inString = JSON.stringify({
      servers: [{ name: 's1' }],
      requests: [{ at: 0, client: '1.2.3.4', headers: { 'X-Brackets': '['.repeat(150) + '{'.repeat(40) + '\\"[' } }],
    });
    const [d, o, s] = await Promise.all([deep, deepObject, inString].map((t) => simulateAsync(withFile(t))));
    expectOneLine(d!, 'the scenario nests objects and lists deeper than 64 levels (line 1, column');
    expectOneLine(o!, 'deeper than 64 levels');
    expect(s).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(s!.stdout).headers['X-Brackets']).toContain('[[[');
  });

  it('ends an unexpected error with one line and exit 1, never a stack trace', async () => {
    // A preloaded module breaks JSON.stringify for records only, so the failure comes mid-run.
    const preload = join(dir, 'break.mjs');
    writeFileSync(
      preload,
      'const s = JSON.stringify; JSON.stringify = (x, ...a) => { if (x && x.hops) throw new TypeError("boom"); return s(x, ...a); };\n',
    );
    const r = await simulateAsync('src/scenarios/weighted-round-robin.json', { nodeArgs: ['--import', preload] });
    expectOneLine(r, 'simulate: src/scenarios/weighted-round-robin.json: internal error: TypeError: boom');
  });
});

describe('command line: messages that echo hostile input', () => {
  // oxlint-disable-next-line no-control-regex -- the characters a terminal must never receive raw
  const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
  const traffic = '"servers":[{"name":"s1"}],"requests":[{"at":0,"client":"1.2.3.4"}]';

  it('never prints control characters or bidirectional overrides from the file or its name', async () => {
    const hostileName = join(dir, 'x\u202egnp.json');
    writeFileSync(hostileName, `{"\u202eevil":1,${traffic}}`);
    const inputs = [
      withFile(`{"\u202eevil":1,${traffic}}`), // an unknown key, with a right-to-left override
      withFile(`{"\\u202eevil\\u2066":1,${traffic}}`), // the same, written as JSON escapes
      withFile(`{"\u001b[2J\u001b]0;pwned\u0007":1,${traffic}}`), // terminal escape sequences
      withFile(`{"servers":[{"name":"s1"}],"requests":[{"at":0,"client":"1.2.3.4\u202e"}]}`), // in a value
      withFile(`{"servers": \u001b[31m\u202e}`), // in broken JSON, which V8 quotes in its message
      withFile(`{"line\\nbreak\\r\\u0085":1,${traffic}}`),
      hostileName,
    ];
    const runs = await Promise.all(inputs.map((f) => simulateAsync(f)));
    for (const r of runs) {
      expectOneLine(r);
      expect(r.stderr.slice(0, -1)).not.toMatch(UNSAFE);
    }
    // The schema's message about the unknown key, the override escaped (or removed by the schema).
    expect(runs[0]!.stderr).toMatch(/"(\\u202e)?evil"/);
    expect(runs[6]!.stderr).toContain('x\\u202egnp.json');
  });
});

describe('scenarioFile helpers', () => {
  it('decodes UTF-8 with or without a byte-order mark and UTF-16 both ways; names what it refuses', () => {
    const text = '{"a": "한글 ☃ 😀"}';
    expect(decodeScenarioText(Buffer.from(`\ufeff${text}`))).toBe(text);
    expect(decodeScenarioText(Buffer.from(text))).toBe(text);
    expect(decodeScenarioText(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]))).toBe(text);
    expect(decodeScenarioText(Buffer.from(text, 'utf16le').swap16())).toBe(text);
    expect(() => decodeScenarioText(Buffer.from([0x7b, 0xed, 0xa0, 0x80, 0x7d]))).toThrow('not UTF-8 text (byte 0xed at line 1, column 2)');
    expect(() => decodeScenarioText(Buffer.from([0xff, 0xfe, 0x00, 0xd8, 0x7b, 0x00]))).toThrow(Refused);
    expect(decodeScenarioText(Buffer.from(''))).toBe('');
  });

  it('counts nesting outside strings only', () => {
    expect(() => checkDepth('['.repeat(64) + ']'.repeat(64))).not.toThrow();
    expect(() => checkDepth('['.repeat(65))).toThrow('deeper than 64 levels (line 1, column 65)');
    expect(() => checkDepth(`["${'['.repeat(100)}\\"${'{'.repeat(100)}"]`)).not.toThrow();
    expect(() => checkDepth(`{\n  "a": ${'['.repeat(70)}`)).toThrow('(line 2, column 71)');
  });

  it('makes a line safe for a terminal', () => {
    expect(safeLine('a\u202eb\u001b[0m\nc\u0085\u2066')).toBe('a\\u202eb\\u001b[0m\\u000ac\\u0085\\u2066');
    expect(safeLine('한글 é 😀')).toBe('한글 é 😀');
    expect(safeLine('x'.repeat(5000))).toHaveLength(2001);
    expect(safeLine(`${'x'.repeat(1999)}😀`)).toBe(`${'x'.repeat(1999)}…`);
  });
});
