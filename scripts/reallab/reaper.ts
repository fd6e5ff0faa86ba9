import { spawn, spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';

/**
 * What removes a real-lab run's namespaces, programs and folders: a small Node program of its
 * own, so that nothing the run's own process suffers (Ctrl-C, SIGTERM from npm's relay, SIGKILL,
 * a synchronous call cut by a second signal) can leave the removal halfway.
 *
 * A run is named by its tag, `lbl<pid>` or `lbl<pid>f` (failover.ts): its namespaces are
 * `<tag>-…`, its temp folders `<tmp>/<tag>-…`, and every program it starts either lives in one of
 * its namespaces (`ip netns pids` finds it, whatever its command line) or has `/<tag>-` on its
 * command line (its files live in such a folder). Programs are killed before their namespace's
 * name goes: a namespace whose name is deleted lives on, nameless, as long as a program is in it.
 *
 * argv: tmpdir dead            removes what runs whose process is gone left behind
 *       tmpdir tag TAG         removes run TAG's leftovers now
 *       tmpdir watch PID       waits until process PID is gone (its end of our stdin closes, or
 *                              it no longer exists), then removes what PID's runs left; "clean"
 *                              on stdin removes them at once and answers "done"
 */
export const REAPER_JS = `
const { spawnSync } = require('child_process');
const fs = require('fs');
const [tmp, mode, arg] = process.argv.slice(1);
const alive = (pid) => { try { process.kill(pid, 0); return true; } catch (e) { return e.code === 'EPERM'; } };
const out = (cmd, args) => spawnSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10000 }).stdout || '';
const TAG = /^(lbl([0-9]+)[a-z]*)-/;
const pidOf = (tag) => Number(/[0-9]+/.exec(tag)[0]);
function sweep(wanted) {
  const spaces = out('ip', ['netns', 'list']).split('\\n').map((l) => l.split(' ')[0]).filter((n) => { const m = TAG.exec(n); return m && wanted(m[1]); });
  const pids = new Set();
  for (const n of spaces) for (const p of out('ip', ['netns', 'pids', n]).split(/\\s+/)) if (p) pids.add(Number(p));
  for (const d of fs.readdirSync('/proc')) {
    if (!/^[0-9]+$/.test(d)) continue;
    let cmd = '';
    try { cmd = fs.readFileSync('/proc/' + d + '/cmdline', 'latin1'); } catch { continue; }
    const m = /[/](lbl[0-9]+[a-z]*)-/.exec(cmd);
    if (m && wanted(m[1])) pids.add(Number(d));
  }
  pids.delete(process.pid);
  for (const p of pids) try { process.kill(p, 'SIGKILL'); } catch {}
  for (const n of spaces) out('ip', ['netns', 'del', n]);
  let names = [];
  try { names = fs.readdirSync(tmp); } catch {}
  for (const f of names) { const m = TAG.exec(f); if (m && wanted(m[1])) try { fs.rmSync(tmp + '/' + f, { recursive: true, force: true }); } catch {} }
}
for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGPIPE']) process.on(s, () => {});
if (mode === 'dead') sweep((tag) => !alive(pidOf(tag)));
else if (mode === 'tag') sweep((tag) => tag === arg);
else if (mode === 'watch') {
  const pid = Number(arg);
  const mine = (tag) => pidOf(tag) === pid;
  let over = false;
  const end = () => { if (over) return; over = true; sweep(mine); process.exit(0); };
  process.stdout.on('error', () => {});
  process.stdin.on('data', (d) => { if (String(d).includes('clean')) { sweep(mine); process.stdout.write('done\\n'); } });
  process.stdin.on('end', end);
  process.stdin.on('error', end);
  setInterval(() => { if (!alive(pid)) end(); }, 250);
}
`;

const TMP = tmpdir();

/** Removes what runs whose process is gone left behind (each run does so before it starts). */
export function sweepDeadRuns(): void {
  spawnSync(process.execPath, ['-e', REAPER_JS, TMP, 'dead'], { stdio: 'ignore', timeout: 30_000 });
}

/** Removes run `tag`'s namespaces, programs and folders now. */
export function sweepRun(tag: string): void {
  spawnSync(process.execPath, ['-e', REAPER_JS, TMP, 'tag', tag], { stdio: 'ignore', timeout: 30_000 });
}

/** The watcher of this process, started once: it outlives this process, whatever ends it. */
export interface Reaper {
  /** Removes this process's runs at once (asked on a signal); resolves when done or after 10 s. */
  cleanNow(): Promise<void>;
}

let reaper: Reaper | null = null;

export function startReaper(): Reaper {
  if (reaper) return reaper;
  // Its own session (detached): a Ctrl-C at the terminal, sent to the foreground process group,
  // does not reach it, and npm does not know it is there to relay anything to it.
  const child = spawn(process.execPath, ['-e', REAPER_JS, TMP, 'watch', String(process.pid)], {
    detached: true,
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  child.unref();
  // Neither pipe keeps this process alive; they close when it ends, which the watcher hears.
  const unref = (s: unknown) => (s as { unref?: () => void } | null)?.unref?.();
  unref(child.stdin);
  unref(child.stdout);
  child.stdin!.on('error', () => {});
  let answered = '';
  child.stdout!.on('data', (d: Buffer) => (answered += d.toString()));
  reaper = {
    cleanNow: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        const timer = setTimeout(done, 10_000);
        child.stdout!.on('data', () => {
          if (answered.includes('done')) {
            clearTimeout(timer);
            done();
          }
        });
        child.once('exit', () => {
          clearTimeout(timer);
          done();
        });
        child.stdin!.write('clean\n');
      }),
  };
  return reaper;
}
