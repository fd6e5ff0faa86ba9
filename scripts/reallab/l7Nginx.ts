import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configFor } from '../../src/export/configs.ts';
import type { Scenario } from '../../src/sim/scenario.ts';
import type { Namespaces } from './netns.ts';

const MODULES = '/usr/lib/nginx/modules';

/**
 * L7 for real: nginx 1.22 on lb1 with the configuration the lab exports for the scenario
 * (`npm run export -- FILE --format nginx`), listening on the VIP. Its files live in a folder
 * named with the run's prefix, so cleanup finds and removes it. A master and its worker, as
 * nginx runs anywhere, so a scenario's reconfiguration is a real reload (`reload`); `stop` ends
 * them, master first (it takes its worker along), and the lab's cleanup kills whatever is left
 * in the namespace. Only the logging differs from the export: the access log holds each
 * request's id and the servers nginx tried.
 */
export async function startNginx(ns: Namespaces, lb: string, s: Scenario): Promise<Nginx> {
  const dir = mkdtempSync(join(tmpdir(), `${ns.prefix}-nginx-`));
  ns.removeAtCleanup(dir);
  // Debian's module lines (modules-enabled) name modules relative to nginx's prefix.
  if (existsSync(MODULES)) symlinkSync(MODULES, join(dir, 'modules'));
  // The access log says which servers nginx tried for each request ($upstream_addr lists every
  // try, "10.0.0.12:8080, 10.0.0.13:8080": a refused connect and the one that answered).
  const access = join(dir, 'access.log');
  const write = (now: Scenario) =>
    writeFileSync(
      join(dir, 'nginx.conf'),
      configFor(now, 'nginx', { name: 'reallab', cacheDir: join(dir, 'cache') }).replace(
        /^http \{$/m,
        `http {\n    log_format lab '$http_x_lab_id $upstream_addr';\n    access_log ${access} lab;`,
      ),
    );
  write(s);
  const nginx = ns.start(lb, 'nginx', [
    '-p',
    `${dir}/`,
    '-c',
    join(dir, 'nginx.conf'),
    '-e',
    join(dir, 'error.log'),
    '-g',
    // Notices too: a reload's "start worker process" says when nginx has taken a new
    // configuration. The worker stays root (a master started as root hands its workers to
    // `nobody`, who cannot write the cache in this run's 0700 folder: every cached path got 500).
    `pid ${join(dir, 'nginx.pid')}; daemon off; master_process on; user root; error_log ${join(dir, 'error.log')} notice;`,
  ]);
  const listening = `${s.network.vip}:${s.network.vipPort}`;
  for (let waited = 0; !ns.exec(lb, 'ss', ['-ltnH']).includes(listening); waited += 20) {
    // nginx says why in its error log (its stderr before it opened the log): read now, the
    // run's cleanup removes the folder.
    if (nginx.exitCode !== null || nginx.signalCode !== null || waited > 5000)
      throw new Error(`nginx did not start listening on ${listening}: ${whyNginxFailed(join(dir, 'error.log'), ns.lastWords(nginx))}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  const log = join(dir, 'error.log');
  return {
    async reload(now: Scenario) {
      // `nginx -s reload`: SIGHUP to the master, which reads the new configuration and starts a
      // new worker on the same listening socket (so no connection is refused meanwhile); the
      // old worker finishes the requests under way and exits (ngx_master_process_cycle,
      // ngx_reconfigure). The new upstreams start afresh: round robin's turn, the passive
      // failure counts. (A lone process, master_process off, answers HTTP/0.9 after a SIGHUP.)
      write(now);
      const before = existsSync(log) ? readFileSync(log, 'utf8').length : 0;
      nginx.kill('SIGHUP');
      for (let waited = 0; ; waited += 5) {
        const text = existsSync(log) ? readFileSync(log, 'utf8').slice(before) : '';
        if (/start worker process \d+/.test(text)) break;
        if (/\[emerg\]/.test(text)) throw new Error(`nginx refused its new configuration: ${/\[emerg\][^\n]*/.exec(text)![0]}`);
        if (waited > 3000) throw new Error('nginx did not take its new configuration within 3 s');
        await new Promise((r) => setTimeout(r, 5));
      }
    },
    tries() {
      const out = new Map<number, string[]>();
      const text = existsSync(access) ? readFileSync(access, 'utf8') : '';
      for (const line of text.split('\n')) {
        const m = /^(\d+) (.+)$/.exec(line.trim());
        if (m) out.set(Number(m[1]), m[2] === '-' ? [] : m[2]!.split(', '));
      }
      return out;
    },
    async stop() {
      if (nginx.exitCode !== null || nginx.signalCode !== null) return;
      nginx.kill('SIGTERM');
      await Promise.race([once(nginx, 'exit'), new Promise((r) => setTimeout(r, 2000))]);
    },
  };
}

/** nginx as the lab runs it: `reload` writes the configuration for `now` and has nginx take it. */
export interface Nginx {
  reload(now: Scenario): Promise<void>;
  /** Per request id, the addresses (ip:port) nginx tried, in order, the last the one that answered. */
  tries(): Map<number, string[]>;
  /** Ends master and worker (SIGTERM to the master: fast shutdown). */
  stop(): Promise<void>;
}

/** nginx's own complaint: the last [emerg] or [alert] line of its error log, or what it last wrote to stderr. */
function whyNginxFailed(log: string, stderr: string): string {
  const text = existsSync(log) ? readFileSync(log, 'utf8') : '';
  const complaints = text.split('\n').filter((l) => /\[(emerg|alert|crit)\]/.test(l));
  const said = complaints.at(-1) ?? stderr;
  // "2026/12/07 02:31:00 [emerg] 123#123: unknown directive …": the date and pid say nothing here.
  return said.replace(/^\S+ \S+ \[(\w+)\] \d+#\d+: /, '[$1] ') || 'it said nothing within 5 s';
}
