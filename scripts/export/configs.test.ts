import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { configFor, type ConfigFormat } from '../../src/export/configs.ts';
import { parseScenario, parseScenarioText, type Scenario } from '../../src/sim/scenario.ts';

/** What the real tools say of every exported config: nginx -t, haproxy -c, keepalived -t. */

const KILL_AFTER = { timeout: 30_000, killSignal: 'SIGKILL' } as const;
const SCENARIOS = 'src/scenarios';
const root = mkdtempSync(join(tmpdir(), 'lblab-configs-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface Check {
  code: number | null;
  output: string;
}

function scenarioFile(file: string): Scenario {
  const parsed = parseScenarioText(readFileSync(join(SCENARIOS, file), 'utf8'));
  if (!parsed.ok) throw new Error(`${file}: ${parsed.error}`);
  return parsed.scenario;
}

/**
 * nginx -t opens the listening sockets, and the VIP is not on this machine: it runs in a
 * network namespace of its own with net.ipv4.ip_nonlocal_bind=1, as the config's comment tells
 * a backup balancer to set. Everything it writes stays in a temporary prefix; Debian's module
 * files name modules/… under the prefix, so that points at the installed modules.
 */
function nginxCheck(s: Scenario, name: string): { conf: string } & Check {
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

function toolCheck(s: Scenario, name: string, format: Exclude<ConfigFormat, 'nginx'>, balancer: 'lb1' | 'lb2' = 'lb1') {
  const dir = mkdtempSync(join(root, `${format}-`));
  const conf = configFor(s, format, { name, balancer });
  const file = join(dir, format === 'haproxy' ? 'haproxy.cfg' : 'keepalived.conf');
  writeFileSync(file, conf);
  const r =
    format === 'haproxy'
      ? spawnSync('haproxy', ['-c', '-f', file], { encoding: 'utf8', ...KILL_AFTER })
      : spawnSync('keepalived', ['-t', '-f', file], { encoding: 'utf8', ...KILL_AFTER });
  return { conf, code: r.status, output: `${r.stdout}${r.stderr}` };
}

function expectPasses(c: Check): void {
  expect(c.output).not.toMatch(/\[(WARNING|ALERT)\]|\[(warn|emerg|alert|crit)\]|WARNING|unknown keyword/);
  expect(c, c.output).toMatchObject({ code: 0 });
}

const files = readdirSync(SCENARIOS).filter((f) => f.endsWith('.json'));

describe('every example scenario passes the real tools', () => {
  it('finds the example scenarios', () => expect(files.length).toBeGreaterThan(10));
  for (const f of files) {
    it(`${f}: nginx -t, haproxy -c, keepalived -t (lb1 and lb2)`, () => {
      const s = scenarioFile(f);
      expectPasses(nginxCheck(s, f));
      expectPasses(toolCheck(s, f, 'haproxy'));
      expectPasses(toolCheck(s, f, 'keepalived', 'lb1'));
      expectPasses(toolCheck(s, f, 'keepalived', 'lb2'));
    });
  }
});

describe('the configs say what the scenario says', () => {
  it('weighted-round-robin.json: the weights on the server lines', () => {
    const s = scenarioFile('weighted-round-robin.json');
    const nginx = nginxCheck(s, 'weighted-round-robin.json').conf;
    expect(nginx).toMatch(/^\s+server 10\.0\.0\.11:8080 weight=5 max_fails=1 fail_timeout=10s;$/m);
    expect(nginx).toMatch(/^\s+server 10\.0\.0\.12:8080 max_fails=1 fail_timeout=10s;$/m);
    expect(nginx).toContain('# s1 gets 5 of every 7 requests (weight 5)');
    expect(nginx).toMatch(/^stream \{$/m);
    expect(toolCheck(s, 'w', 'haproxy').conf).toMatch(/^\s+server s1 10\.0\.0\.11:8080 weight 5$/m);
  });

  it('ip-hash.json (L4): hash $remote_addr in nginx stream, balance source in HAProxy, each saying how it differs', () => {
    const s = scenarioFile('ip-hash.json');
    const nginx = nginxCheck(s, 'ip-hash.json').conf;
    expect(nginx).toMatch(/^\s+hash \$remote_addr;$/m);
    expect(nginx).toContain('has no ip_hash');
    const haproxy = toolCheck(s, 'ip-hash.json', 'haproxy').conf;
    expect(haproxy).toMatch(/^\s+balance source$/m);
    expect(haproxy).toContain("not nginx's ip_hash");
  });

  it('ip-hash in L7: ip_hash in the http upstream', () => {
    const s = parseScenario({
      mode: 'L7',
      algorithm: 'ip-hash',
      servers: [{ name: 'a' }, { name: 'b' }],
      requests: [{ at: 0, client: '203.0.113.10' }],
    });
    if (!s.ok) throw new Error(s.error);
    const c = nginxCheck(s.scenario, 'l7 ip-hash');
    expectPasses(c);
    expect(c.conf).toMatch(/^\s+ip_hash;$/m);
  });

  it('l7-routing.json: a location per path rule, a map for the header rule, the block, the limit and the cache', () => {
    const s = scenarioFile('l7-routing.json');
    const nginx = nginxCheck(s, 'l7-routing.json').conf;
    expect(nginx).toMatch(/location \^~ \/search \{\n\s+proxy_pass http:\/\/lab_rule1;/);
    expect(nginx).toMatch(/location \^~ \/map \{\n\s+proxy_pass http:\/\/lab_rule2;/);
    expect(nginx).toMatch(/location \^~ \/admin \{\n\s+deny all;/);
    expect(nginx).toMatch(/map \$http_x_beta \$lab_other_0 \{\n\s+~\^1\$ lab_rule3;\n\s+default lab_servers;/);
    expect(nginx).toContain('limit_req_zone $binary_remote_addr zone=lab_per_client:10m rate=20r/s;');
    expect(nginx).toContain('limit_req_status 503;');
    expect(nginx).toContain('proxy_cache_valid 200 60s;');
    expect(nginx).toContain('proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;');
    expect(nginx).toContain('proxy_next_upstream error timeout;');
    const haproxy = toolCheck(s, 'l7-routing.json', 'haproxy').conf;
    expect(haproxy).toContain('acl rule3 req.hdr(X-Beta) -m str 1');
    expect(haproxy).toMatch(/use_backend lab_rule1 if rule1\n\s+use_backend lab_rule2 if rule2\n\s+use_backend lab_rule3 if rule3/);
    expect(haproxy).toContain('http-request deny deny_status 403 if { path_beg /admin }');
  });

  it("failover.json: keepalived's priorities, MASTER on lb1 and BACKUP on lb2", () => {
    const s = scenarioFile('failover.json');
    const lb1 = toolCheck(s, 'failover.json', 'keepalived', 'lb1').conf;
    const lb2 = toolCheck(s, 'failover.json', 'keepalived', 'lb2').conf;
    expect(lb1).toMatch(/^\s+state MASTER\n(.*\n)*\s+priority 150$/m);
    expect(lb2).toMatch(/^\s+state BACKUP\n(.*\n)*\s+priority 100$/m);
    for (const c of [lb1, lb2]) {
      expect(c).toMatch(/^\s+advert_int 1$/m);
      expect(c).toMatch(/virtual_ipaddress \{\n\s+198\.51\.100\.1\/32\n/);
      expect(c).not.toContain('nopreempt');
    }
  });

  it('server-failure.json: HAProxy checks every 2000 ms, fall 3, rise 2', () => {
    const haproxy = toolCheck(scenarioFile('server-failure.json'), 'server-failure.json', 'haproxy').conf;
    expect(haproxy).toMatch(/^\s+server s2 10\.0\.0\.12:8080 check inter 2000ms fall 3 rise 2 /m);
  });
});

describe('awkward values still make configs the tools accept', () => {
  const odd = parseScenario({
    mode: 'L7',
    algorithm: 'least-connections',
    servers: [
      { name: 's1', weight: 3, maxConns: 10 },
      { name: 's2', down: true },
      { name: 's3', ip: '192.0.2.50', port: 9000 },
    ],
    rules: [
      { match: { cookie: 'beta-user', equals: 'yes; "quoted" $x' } },
      { match: { pathPrefix: '/a' } },
      { match: { pathPrefix: '/a/b' } },
      { match: { header: 'X-Odd', equals: "it's {odd} ~\\\n\tnext # not a comment" } },
      { match: { pathPrefix: '/we"ird;{}$' } },
      { match: { pathPrefix: '/admin/x' } },
      { match: { cookie: 'plain', equals: 'default' } },
    ].map((r, i) => ({ ...r, servers: [`s${(i % 3) + 1}`] })),
    cache: { pathPrefixes: ['/static', '/img.v2+'], ttlMs: 1500 },
    block: { pathPrefixes: ['/admin'], perClient: { requests: 7, perMs: 3000, burst: 4, status: 429 } },
    sticky: { cookie: 'srv' },
    passive: { maxFails: 3, failTimeoutMs: 2500 },
    healthCheck: { intervalMs: 1500, fall: 2, rise: 4, timeoutMs: 700 },
    timeouts: { connectMs: 1500, readMs: 30_000, clientMs: 45_000 },
    balancers: { priorities: [90, 200], preempt: false, version: 3, advertIntervalMs: 500, sync: true },
    requests: [{ at: 0, client: '203.0.113.10' }],
  });
  if (!odd.ok) throw new Error(odd.error);
  const s = odd.scenario;

  it('nginx -t', () => {
    const c = nginxCheck(s, 'odd "name"\nsecond line');
    expectPasses(c);
    // /a/b is covered by the earlier /a, and /admin/x by the blocked /admin: never reached, left out.
    expect(c.conf).not.toContain('location ^~ /a/b');
    expect(c.conf).not.toContain('location ^~ /admin/x');
    expect(c.conf).toContain('limit_req zone=lab_per_client burst=4 nodelay;');
    expect(c.conf).toContain('fail_timeout=2s');
  });
  it('haproxy -c', () => {
    const c = toolCheck(s, 'odd', 'haproxy');
    expectPasses(c);
    expect(c.conf).toContain('cookie srv insert indirect nocache');
    expect(c.conf).toMatch(/^\s+server s2 10\.0\.0\.12:8080 check .* disabled$/m);
  });
  it('keepalived -t: nopreempt with state BACKUP on both, VRRPv3 with half-second adverts', () => {
    for (const b of ['lb1', 'lb2'] as const) {
      const c = toolCheck(s, 'odd', 'keepalived', b);
      expectPasses(c);
      expect(c.conf).toMatch(/^\s+state BACKUP$/m);
      expect(c.conf).toMatch(/^\s+nopreempt$/m);
      expect(c.conf).toMatch(/^\s+advert_int 0\.5$/m);
      expect(c.conf).toMatch(/^\s+vrrp_version 3$/m);
      expect(c.conf).toMatch(new RegExp(`^\\s+priority ${b === 'lb1' ? 90 : 200}$`, 'm'));
    }
  });
});
