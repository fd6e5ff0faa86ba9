import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect } from 'vitest';
import { configFor, type ConfigFormat } from '../../src/export/configs.ts';
import type { Scenario } from '../../src/sim/scenario.ts';

/** Running the real tools on exported configs: nginx -t, haproxy -c, keepalived -t, nft -c. Each file in a folder of its own, removed at exit. */

export const KILL_AFTER = { timeout: 30_000, killSignal: 'SIGKILL' } as const;
export const root = mkdtempSync(join(tmpdir(), 'lblab-configs-'));
// Removed after each test file: a test worker ends without node's 'exit' event (17 folders were left).
afterAll(() => rmSync(root, { recursive: true, force: true }));

export interface Check {
  code: number | null;
  output: string;
}

/**
 * nginx -t opens the listening sockets, and the VIP is not on this machine: it runs in a
 * network namespace of its own with net.ipv4.ip_nonlocal_bind=1, as the config's comment tells
 * a backup balancer to set. Everything it writes stays in a temporary prefix; Debian's module
 * files name modules/… under the prefix, so that points at the installed modules.
 */
export function nginxCheck(s: Scenario, name: string): { conf: string } & Check {
  const dir = mkdtempSync(join(root, 'nginx-'));
  const modules = '/usr/lib/nginx/modules';
  if (existsSync(modules)) symlinkSync(modules, join(dir, 'modules'));
  const conf = configFor(s, 'nginx', { name, cacheDir: join(dir, 'cache') });
  const file = join(dir, 'nginx.conf');
  writeFileSync(file, conf);
  const userns = process.getuid?.() === 0 ? ['-n'] : ['-rn'];
  const r = spawnSync(
    'unshare',
    [
      ...userns,
      'sh',
      '-c',
      'sysctl -qw net.ipv4.ip_nonlocal_bind=1 && exec nginx "$@"',
      'sh',
      '-t',
      '-c',
      file,
      '-p',
      `${dir}/`,
      '-e',
      join(dir, 'error.log'),
      '-g',
      `pid ${join(dir, 'nginx.pid')};`,
    ],
    { encoding: 'utf8', ...KILL_AFTER },
  );
  return { conf, code: r.status, output: `${r.stdout}${r.stderr}` };
}

/** nft -c needs netlink: in a network namespace of its own, so nothing on this machine is touched. */
export function nftCheckText(text: string): Check {
  const file = join(mkdtempSync(join(root, 'nft-')), 'lab.nft');
  writeFileSync(file, text);
  const userns = process.getuid?.() === 0 ? ['-n'] : ['-rn'];
  const r = spawnSync('unshare', [...userns, 'nft', '-c', '-f', file], { encoding: 'utf8', ...KILL_AFTER });
  return { code: r.status, output: `${r.stdout}${r.stderr}` };
}

export function nftCheck(s: Scenario, name: string): { conf: string } & Check {
  const conf = configFor(s, 'nftables', { name });
  return { conf, ...nftCheckText(conf) };
}

export function toolCheck(s: Scenario, name: string, format: Exclude<ConfigFormat, 'nginx' | 'nftables'>, balancer: 'lb1' | 'lb2' = 'lb1') {
  const dir = mkdtempSync(join(root, `${format}-`));
  const conf = configFor(s, format, { name, balancer });
  const file = join(dir, format === 'haproxy' ? 'haproxy.cfg' : 'keepalived.conf');
  writeFileSync(file, conf);
  const r =
    format === 'haproxy'
      ? spawnSync('haproxy', ['-c', '-f', file], { encoding: 'utf8', ...KILL_AFTER })
      : spawnSync('unshare', [...userns(), 'sh', '-c', WITH_INTERFACES, 'sh', 'keepalived', '-t', '-f', file], {
          encoding: 'utf8',
          ...KILL_AFTER,
        });
  return { conf, code: r.status, output: `${r.stdout}${r.stderr}` };
}

const userns = () => (process.getuid?.() === 0 ? ['-n'] : ['-rn']);

/**
 * keepalived -t looks up the interfaces a config names (eth0, eth1: the config's guesses): it
 * runs in a network namespace of its own that has them (a veth pair: this kernel has no dummy links), whatever this machine's are.
 */
const WITH_INTERFACES = 'ip link add eth0 type veth peer name eth1 && ip link set eth0 up && ip link set eth1 up || exit 9; exec "$@"';

export function expectPasses(c: Check): void {
  expect(c.output).not.toMatch(/\[(WARNING|ALERT)\]|\[(warn|emerg|alert|crit)\]|WARNING|unknown keyword/);
  expect(c, c.output).toMatchObject({ code: 0 });
}
