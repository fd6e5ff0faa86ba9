import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';

/**
 * The real lab's machines: Linux network namespaces made for one run and removed after it,
 * whatever happens (normal end, an error, Ctrl-C). Every name carries the run's own prefix, so
 * two runs never meet and nothing outside the namespaces is touched.
 */
export class Namespaces {
  private readonly made: string[] = [];
  private readonly children: ChildProcess[] = [];
  private readonly folders: string[] = [];
  private cleaned = false;

  constructor(readonly prefix: string) {
    const clean = () => this.cleanup();
    process.once('exit', clean);
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      process.once(signal, () => {
        clean();
        process.exit(130);
      });
    }
  }

  /** A new namespace with its loopback up; returns its full name. */
  add(name: string): string {
    const full = `${this.prefix}-${name}`;
    run('ip', ['netns', 'add', full]);
    this.made.push(full);
    this.exec(full, 'ip', ['link', 'set', 'lo', 'up']);
    // The lab's network is IPv4: no IPv6 chatter (router solicitations, MLD) in the captures.
    this.exec(full, 'sysctl', ['-qw', 'net.ipv6.conf.all.disable_ipv6=1', 'net.ipv6.conf.default.disable_ipv6=1']);
    return full;
  }

  /** Runs a command inside a namespace and returns what it printed. */
  exec(ns: string, cmd: string, args: readonly string[], input?: string): string {
    return run('ip', ['netns', 'exec', ns, cmd, ...args], input);
  }

  /** Starts a long-running program inside a namespace; it is killed at cleanup. */
  start(ns: string, cmd: string, args: readonly string[]): ChildProcess {
    const child = spawn('ip', ['netns', 'exec', ns, cmd, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    // Unread output would fill its pipe and stall the program (a reader may still listen).
    child.stderr?.on('data', () => {});
    this.children.push(child);
    return child;
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

  cleanup(): void {
    if (this.cleaned) return;
    this.cleaned = true;
    for (const c of this.children) if (c.exitCode === null) c.kill('SIGKILL');
    // A daemon's own children (keepalived's VRRP process) outlive it: every program this run
    // started has the run's prefix on its command line (its files live in a folder so named).
    try {
      execFileSync('pkill', ['-9', '-f', `/${this.prefix}-`], { stdio: 'ignore' });
    } catch {
      // Nothing left to kill.
    }
    for (const f of this.folders) rmSync(f, { recursive: true, force: true });
    for (const ns of this.made.reverse()) {
      try {
        execFileSync('ip', ['netns', 'del', ns], { stdio: 'ignore' });
      } catch {
        // Already gone: nothing to remove.
      }
    }
  }
}

function run(cmd: string, args: readonly string[], input?: string): string {
  try {
    return execFileSync(cmd, args, { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new Error(`${cmd} ${args.join(' ')}: ${(err.stderr ?? err.message).trim()}`);
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
