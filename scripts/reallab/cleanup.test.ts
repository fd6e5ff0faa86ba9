import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { sweepDeadRuns } from './reaper.ts';

/**
 * Nothing of a run is left behind, whatever stops it: its namespaces (`lbl<pid>-…`), the
 * programs in them or naming its folders, its temp folders (`/tmp/lbl<pid>-…`).
 */
const namespaces = () =>
  execFileSync('ip', ['netns', 'list'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
    .split('\n')
    .map((l) => l.split(' ')[0]!);

function leftOf(pid: number): string[] {
  const mine = new RegExp(`^lbl${pid}[a-z]*-`);
  const named = new RegExp(`/lbl${pid}[a-z]*-`);
  const programs = readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        return named.test(readFileSync(`/proc/${d}/cmdline`, 'latin1'));
      } catch {
        return false;
      }
    });
  return [
    ...namespaces().filter((n) => mine.test(n)),
    ...programs.map((p) => `process ${p}`),
    ...readdirSync(tmpdir()).filter((f) => mine.test(f)),
  ];
}

/** Waits until `test` holds, at most `ms`. */
async function until(test: () => boolean, ms: number): Promise<boolean> {
  for (let waited = 0; waited < ms; waited += 50) {
    if (test()) return true;
    await sleep(50);
  }
  return test();
}

/** A real-lab run of its own, in its own process group (as a terminal's foreground job). */
function startRun(): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'scripts/reallab.ts', 'src/scenarios/round-robin-turns.json'], {
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

describe('the real lab leaves nothing behind', () => {
  for (const [how, signal, toGroup] of [
    ['Ctrl-C (SIGINT to the whole process group)', 'SIGINT', true],
    ['SIGTERM', 'SIGTERM', false],
    ['SIGKILL', 'SIGKILL', false],
  ] as const) {
    it(`${how} while its servers run: the namespaces, programs and temp folders go`, async () => {
      const run = startRun();
      const pid = run.pid!;
      let said = '';
      run.stderr!.on('data', (d: Buffer) => (said += d.toString()));
      const exited = once(run, 'exit');
      // The servers are up once the client's namespace has a program in it besides tcpdump: wait
      // for the lb1 namespace and a little more, into the run.
      expect(await until(() => namespaces().includes(`lbl${pid}-lb1`), 30_000)).toBe(true);
      await sleep(700);
      process.kill(toGroup ? -pid : pid, signal);
      const [code, by] = (await exited) as [number | null, string | null];
      if (signal === 'SIGKILL') {
        expect(by).toBe('SIGKILL');
      } else {
        // One line: the stop, and that the run's things are removed; no failure of a step it was in.
        expect(code).toBe(signal === 'SIGINT' ? 130 : 143);
        expect(said.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`^real lab stopped by ${signal}: `))]);
      }
      // After SIGKILL the reaper notices the run is gone (a quarter of a second) and removes it.
      await until(() => leftOf(pid).length === 0, 10_000);
      expect(leftOf(pid)).toEqual([]);
    });
  }

  it("each run first sweeps what dead runs left: their namespaces, the programs in them, their folders; a live run's stay", async () => {
    // A pid that is gone: a program that has ended.
    const dead = spawnSync('true').pid!;
    const leftover = `lbl${dead}-c`;
    const live = `lbl${process.pid}z-keep`;
    execFileSync('ip', ['netns', 'add', leftover]);
    execFileSync('ip', ['netns', 'add', live]);
    const sleeper = spawn('ip', ['netns', 'exec', leftover, 'sleep', '600'], { detached: true, stdio: 'ignore' });
    sleeper.unref();
    mkdirSync(join(tmpdir(), `lbl${dead}-nginx-x`), { recursive: true });
    try {
      await until(() => execFileSync('ip', ['netns', 'pids', leftover], { encoding: 'utf8' }).trim() !== '', 5000);
      sweepDeadRuns();
      expect(leftOf(dead)).toEqual([]);
      expect(sleeper.exitCode !== null || sleeper.signalCode !== null || (await until(() => sleeper.signalCode !== null, 2000))).toBe(true);
      expect(namespaces()).toContain(live);
    } finally {
      spawnSync('ip', ['netns', 'del', live]);
      spawnSync('ip', ['netns', 'del', leftover]);
    }
    expect(existsSync(join(tmpdir(), `lbl${dead}-nginx-x`))).toBe(false);
  });
});
