import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { constants } from 'node:os';
import { rmSync } from 'node:fs';
import { startReaper, sweepDeadRuns, sweepRun } from './reaper.ts';

let stopping: NodeJS.Signals | null = null;

/**
 * The signal this process is stopping on, or null. A run cut short fails in whatever step it was
 * in (a program it waited for was killed): that failure is the stop, not something to report.
 */
export const stoppedBy = (): NodeJS.Signals | null => stopping;

let watched = false;

/**
 * Once per process, before its first namespace: sweeps what earlier runs left (their process is
 * gone), starts the reaper that removes this process's runs when it ends however it ends
 * (reaper.ts), and on SIGINT, SIGTERM or SIGHUP has the reaper remove them before exiting. npm
 * relays a terminal's Ctrl-C on top of the terminal's own SIGINT: the first signal counts, the
 * others are ignored, so a second signal cannot cut the removal short (nor could SIGKILL: the
 * reaper is a process of its own, in its own session).
 */
function watchThisProcess(): void {
  if (watched) return;
  watched = true;
  sweepDeadRuns();
  const reaper = startReaper();
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = signal;
      void reaper.cleanNow().then(() => {
        process.stderr.write(`real lab stopped by ${signal}: its namespaces, programs and temp folders are removed\n`);
        process.exit(128 + constants.signals[signal]);
      });
    });
  }
}

/**
 * The real lab's machines: Linux network namespaces made for one run and removed after it,
 * whatever happens (normal end, an error, Ctrl-C, SIGTERM, SIGKILL). Every name carries the
 * run's own prefix, `lbl<pid>` (with a suffix of a letter for a second kind of run in the same
 * process), so two runs never meet and nothing outside the namespaces is touched.
 */
export class Namespaces {
  private readonly children: ChildProcess[] = [];
  private readonly folders: string[] = [];
  private cleaned = false;

  constructor(readonly prefix: string) {
    watchThisProcess();
  }

  /** A new namespace with its loopback up; returns its full name. */
  add(name: string): string {
    const full = `${this.prefix}-${name}`;
    run('ip', ['netns', 'add', full]);
    this.exec(full, 'ip', ['link', 'set', 'lo', 'up']);
    // The lab's network is IPv4: no IPv6 chatter (router solicitations, MLD) in the captures.
    this.exec(full, 'sysctl', ['-qw', 'net.ipv6.conf.all.disable_ipv6=1', 'net.ipv6.conf.default.disable_ipv6=1']);
    return full;
  }

  /**
   * A server's namespace, `srv-<name>`: a server may be named like one of the lab's own
   * machines (`c`, `lb1`, `sw`, `gw`), never with this prefix on both.
   */
  server(name: string): string {
    return this.add(`srv-${name}`);
  }

  /** Runs a command inside a namespace and returns what it printed. */
  exec(ns: string, cmd: string, args: readonly string[], input?: string): string {
    return run('ip', ['netns', 'exec', ns, cmd, ...args], input);
  }

  /**
   * Starts a long-running program inside a namespace; it is killed at cleanup. `input` is
   * written to its standard input, which then closes (a plan too large for a command line:
   * Linux refuses an argument over 128 KiB with E2BIG).
   */
  start(ns: string, cmd: string, args: readonly string[], input?: string): ChildProcess {
    notStopping();
    const child = spawn('ip', ['netns', 'exec', ns, cmd, ...args], { stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    if (input !== undefined) {
      child.stdin!.on('error', () => {});
      child.stdin!.end(input);
    }
    // Unread output would fill its pipe and stall the program: the last of it is kept for a
    // message when the program fails.
    let said = '';
    child.stderr!.on('data', (d: Buffer) => (said = (said + d.toString()).slice(-4000)));
    this.said.set(child, () => said);
    this.children.push(child);
    return child;
  }

  private readonly said = new Map<ChildProcess, () => string>();

  /** The last line a program started here wrote to its standard error, or ''. */
  lastWords(child: ChildProcess): string {
    const lines = (this.said.get(child)?.() ?? '')
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    return lines.at(-1) ?? '';
  }

  /** A folder of this run's files, removed at cleanup. */
  removeAtCleanup(folder: string): void {
    this.folders.push(folder);
  }

  /**
   * Runs `ip` commands one after another in one process (`ip -batch`), in a namespace or, with
   * null, where this program runs: a busy machine takes tens of milliseconds a process.
   */
  ip(ns: string | null, commands: readonly (readonly string[])[]): void {
    if (commands.length) run('ip', [...(ns ? ['-n', ns] : []), '-batch', '-'], commands.map((c) => c.join(' ')).join('\n') + '\n');
  }

  /** A veth pair with one end in each namespace. */
  veth(a: string, aName: string, b: string, bName: string): void {
    run('ip', ['link', 'add', aName, 'netns', a, 'type', 'veth', 'peer', 'name', bName, 'netns', b]);
  }

  /**
   * Removes this run's programs (every one in its namespaces, and any with its prefix on the
   * command line: keepalived's VRRP child), then its namespaces and folders. The reaper's own
   * program does it (reaper.ts): a signal to this process cannot cut it halfway.
   */
  cleanup(): void {
    if (this.cleaned) return;
    this.cleaned = true;
    for (const c of this.children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    sweepRun(this.prefix);
    for (const f of this.folders) rmSync(f, { recursive: true, force: true });
  }
}
/**
 * Once a signal has come, nothing new is made or started: the reaper lists the run's programs
 * and then removes their namespaces, so a program started in between would outlive both.
 */
function notStopping(): void {
  if (stopping) throw new Error(`stopped by ${stopping}`);
}

function run(cmd: string, args: readonly string[], input?: string): string {
  notStopping();
  try {
    return execFileSync(cmd, args, { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
  } catch (e) {
    // The first line says why (nft goes on with the rule and a row of carets under it).
    const err = e as { stderr?: string; message: string };
    const why = (err.stderr || err.message).split('\n').find((l) => l.trim()) ?? 'failed';
    const what = `${cmd} ${args.join(' ')}`;
    throw new Error(`${what.length > 160 ? `${what.slice(0, 160)}…` : what}: ${why.trim()}`);
  }
}

/**
 * What the real lab needs and is missing, with the command that installs it; null when ready.
 * `more`: what this run needs besides (forwardings.ts, needsOf), as [command, Debian package].
 */
export function missingForLab(more: readonly (readonly [command: string, pkg: string])[] = []): string | null {
  if (process.getuid?.() !== 0) return 'the real lab makes network namespaces: run it as root (sudo npm run --silent reallab -- FILE.json)';
  const lacking: string[] = [];
  for (const [cmd, pkg] of [
    ['ip', 'iproute2'],
    ['nft', 'nftables'],
    ['keepalived', 'keepalived'],
    ['tcpdump', 'tcpdump'],
    ...more,
  ] as const) {
    try {
      execFileSync('sh', ['-c', `command -v ${cmd} || test -x /usr/sbin/${cmd}`], { stdio: 'ignore' });
    } catch {
      lacking.push(pkg);
    }
  }
  const unique = [...new Set(lacking)];
  return unique.length ? `missing: ${unique.join(', ')}. Install with: apt-get install -y ${unique.join(' ')}` : null;
}
