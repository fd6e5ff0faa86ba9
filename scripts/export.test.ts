import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const KILL_AFTER = { timeout: 50_000, killSignal: 'SIGKILL' } as const;

function exportCli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/export.ts', ...args], { ...KILL_AFTER });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.toString('utf8') };
}

const dir = mkdtempSync(join(tmpdir(), 'lblab-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** One line on stderr, exit 1, nothing on stdout, no stack trace. */
function expectOneLine(r: ReturnType<typeof exportCli>, text: string): void {
  expect(r.code).toBe(1);
  expect(r.stdout.length).toBe(0);
  expect(r.stderr).toMatch(/^export: [^\n]+\n$/);
  expect(r.stderr).not.toMatch(/\bat .+:\d+:\d+/);
  expect(r.stderr).toContain(text);
}

describe('npm run export', () => {
  it('writes each config for a scenario file, named in its first line', () => {
    for (const format of ['nginx', 'haproxy', 'keepalived', 'nftables']) {
      const r = exportCli('src/scenarios/weighted-round-robin.json', '--format', format);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout.toString('utf8')).toMatch(/^# \S+ for .*the scenario "weighted-round-robin\.json"/);
    }
  });
  it('takes --balancer for keepalived and --cache-dir for nginx', () => {
    const lb2 = exportCli('src/scenarios/failover.json', '--format', 'keepalived', '--balancer', 'lb2').stdout.toString('utf8');
    expect(lb2).toMatch(/^\s+priority 100$/m);
    const nginx = exportCli('src/scenarios/l7-routing.json', '--cache-dir', '/srv/cache', '--format', 'nginx').stdout.toString('utf8');
    expect(nginx).toContain('proxy_cache_path /srv/cache ');
  });
  it('writes a pcap file to a pipe', () => {
    const r = exportCli('src/scenarios/round-robin-turns.json', '--format', 'pcap');
    expect(r.code).toBe(0);
    // The libpcap magic number, either byte order.
    expect(r.stdout.subarray(0, 4).toString('hex')).toMatch(/^(d4c3b2a1|a1b2c3d4|4d3cb2a1|a1b23c4d)$/);
  });
  it('refuses bad arguments and bad files in one line', () => {
    expectOneLine(exportCli('src/scenarios/failover.json'), '--format is required');
    expectOneLine(
      exportCli('src/scenarios/failover.json', '--format', 'apache'),
      '--format must be nginx, haproxy, keepalived, nftables or pcap',
    );
    expectOneLine(exportCli('src/scenarios/failover.json', '--format', 'keepalived', '--balancer', 'lb3'), '--balancer must be lb1 or lb2');
    expectOneLine(
      exportCli('src/scenarios/failover.json', '--format', 'nginx', '--balancer', 'lb2'),
      '--balancer is for --format keepalived',
    );
    expectOneLine(exportCli('--format', 'nginx'), 'give a scenario file');
    expectOneLine(exportCli('a.json', 'b.json', '--format', 'nginx'), 'give one scenario file');
    expectOneLine(exportCli(join(dir, 'missing.json'), '--format', 'nginx'), 'ENOENT');
    expectOneLine(exportCli('src/scenarios/l7-routing.json', '--format', 'nftables'), 'this scenario is L7');
    const dr = join(dir, 'dr.json');
    writeFileSync(dr, '{"forwarding": "dr", "servers": [{"name": "s1"}], "requests": [{"at": 0, "client": "203.0.113.1"}]}');
    expectOneLine(
      exportCli(dr, '--format', 'nftables'),
      'this scenario forwards by "dr" (--format keepalived writes its IPVS virtual_server)',
    );
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"servers": [{"name": "s1", "weight": 0}]}');
    expectOneLine(exportCli(bad, '--format', 'haproxy'), 'servers[0].weight');
  });
});
