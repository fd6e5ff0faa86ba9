import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configFor } from '../../src/export/configs.ts';
import { ALGORITHMS } from '../../src/sim/algorithms/pick.ts';
import { FORWARDINGS } from '../../src/sim/forwarding.ts';
import { parseScenario, parseScenarioText, type Scenario } from '../../src/sim/scenario.ts';
import { natRules } from '../reallab/l4Network.ts';
import { expectPasses, KILL_AFTER, nftCheck, nftCheckText, nginxCheck, root, toolCheck } from './toolChecks.ts';

/** What the real tools say of every exported config: nginx -t, haproxy -c, keepalived -t, nft -c. */

const SCENARIOS = 'src/scenarios';

function scenarioFile(file: string): Scenario {
  const parsed = parseScenarioText(readFileSync(join(SCENARIOS, file), 'utf8'));
  if (!parsed.ok) throw new Error(`${file}: ${parsed.error}`);
  return parsed.scenario;
}

/** The lines of a config, without indentation or comments. */
const directives = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));

const files = readdirSync(SCENARIOS).filter((f) => f.endsWith('.json'));

describe('every example scenario passes the real tools', () => {
  it('finds the example scenarios', () => expect(files.length).toBeGreaterThan(10));
  for (const f of files) {
    it(`${f}: nginx -t, haproxy -c, keepalived -t (lb1 and lb2), nft -c (L4 full NAT)`, () => {
      const s = scenarioFile(f);
      expectPasses(nginxCheck(s, f));
      expectPasses(toolCheck(s, f, 'haproxy'));
      expectPasses(toolCheck(s, f, 'keepalived', 'lb1'));
      expectPasses(toolCheck(s, f, 'keepalived', 'lb2'));
      if (s.mode === 'L4' && s.forwarding === 'full-nat') expectPasses(nftCheck(s, f));
    });
  }
});

function l4Scenario(input: object): Scenario {
  const r = parseScenario({ requests: [{ at: 0, client: '203.0.113.10' }], ...input });
  if (!r.ok) throw new Error(r.error);
  return r.scenario;
}

describe("keepalived's IPVS virtual_server passes keepalived -t in every forwarding mode, with every scheduler", () => {
  // dr and tun: keepalived -t warns and exits non-zero for a real_server on another port than
  // the virtual server's (check_data.c, validate_check_config: "ports don't match"); the
  // scenario gives them the VIP's port, and expectPasses fails on any WARNING.
  for (const forwarding of FORWARDINGS) {
    it(`${forwarding}: rr, wrr, lc, wlc and sh with checks, persistence, sync, a down server and a connection limit`, () => {
      for (const algorithm of ALGORITHMS) {
        const s = l4Scenario({
          forwarding,
          algorithm,
          servers: [{ name: 's1', weight: 3, maxConns: 50 }, { name: 's2', down: true }, { name: 's3' }],
          network: { vipPort: 443 },
          healthCheck: { intervalMs: 1500, timeoutMs: 700.25, retries: 2, retryDelayMs: 250 },
          persistenceTimeoutMs: 300_000,
          balancers: { sync: true },
        });
        for (const b of ['lb1', 'lb2'] as const) {
          const c = toolCheck(s, `${forwarding} ${algorithm}`, 'keepalived', b);
          expectPasses(c);
          expect(c.conf).toMatch(/^virtual_server 198\.51\.100\.1 443 \{$/m);
          for (const port of c.conf.match(/^\s+real_server \S+ (\d+) \{$/gm) ?? []) {
            expect(port.trim().split(' ')[2]).toBe(forwarding === 'full-nat' || forwarding === 'nat' ? '8080' : '443');
          }
        }
      }
    });
  }

  it('keepalived -t does refuse a dr real_server on another port: the check above means something', () => {
    const s = l4Scenario({ forwarding: 'dr', servers: [{ name: 's1' }] });
    const dir = mkdtempSync(join(root, 'keepalived-'));
    const file = join(dir, 'keepalived.conf');
    writeFileSync(file, configFor(s, 'keepalived').replace('real_server 10.0.0.11 80 {', 'real_server 10.0.0.11 8080 {'));
    const r = spawnSync('keepalived', ['-t', '-f', file], { encoding: 'utf8', ...KILL_AFTER });
    expect(`${r.stdout}${r.stderr}`).toContain("ports don't match");
    expect(r.status).not.toBe(0);
  });

  it("full NAT's SNAT rule, written as a comment (keepalived makes none), is one nft accepts", () => {
    for (const natSource of ['vip', 'balancer'] as const) {
      const conf = toolCheck(l4Scenario({ servers: [{ name: 's1' }], network: { natSource } }), 'snat', 'keepalived').conf;
      const rule = /^\s*#\s+nft (add rule ip nat postrouting .+)$/m.exec(conf)![1]!;
      const table = 'table ip nat {\n  chain postrouting {\n    type nat hook postrouting priority srcnat; policy accept;\n  }\n}\n';
      expectPasses(nftCheckText(`${table}${rule}\n`));
    }
  });
});

describe('--format nftables is the ruleset the real lab loads for full NAT (scripts/reallab/l4Network.ts, natRules)', () => {
  const cases = [
    ...ALGORITHMS.map((algorithm) => ({
      algorithm,
      servers: [{ name: 's1', weight: 5 }, { name: 's2' }, { name: 's3', down: true }, { name: 's4', weight: 2 }],
    })),
    {
      algorithm: 'round-robin',
      servers: [{ name: 'a', ip: '192.0.2.50', port: 9000 }],
      network: { natSource: 'balancer', vip: '203.0.113.80', vipPort: 8080 },
    },
    ...files.map((f) => scenarioFile(f)).filter((s) => s.mode === 'L4' && s.forwarding === 'full-nat'),
  ];
  it(`the same rules, line by line, and nft -c accepts them (${cases.length} scenarios)`, () => {
    for (const c of cases) {
      const s = 'mode' in c ? c : l4Scenario(c);
      const ours = nftCheck(s, 'lab');
      expectPasses(ours);
      expect(directives(ours.conf)).toEqual(directives(natRules(s, s.servers)));
    }
  });
});

describe('the configs say what the scenario says', () => {
  it('weighted-round-robin.json: the weights on the server lines', () => {
    const s = scenarioFile('weighted-round-robin.json');
    const nginx = nginxCheck(s, 'weighted-round-robin.json').conf;
    // L4: the lab's kernel balancer marks no failure itself, so the stream proxy's passive check is off.
    expect(nginx).toMatch(/^\s+server 10\.0\.0\.11:8080 weight=5 max_fails=0;$/m);
    expect(nginx).toMatch(/^\s+server 10\.0\.0\.12:8080 max_fails=0;$/m);
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
    expect(haproxy).toContain('acl rule3 req.fhdr(X-Beta,1) -m str -- 1');
    expect(haproxy).toMatch(/use_backend lab_rule1 if rule1\n\s+use_backend lab_rule2 if rule2\n\s+use_backend lab_rule3 if rule3/);
    expect(haproxy).toContain('http-request deny deny_status 403 if { path_beg -- /admin }');
  });

  it("failover.json: keepalived's priorities, MASTER on lb1 and BACKUP on lb2", () => {
    const s = scenarioFile('failover.json');
    const lb1 = toolCheck(s, 'failover.json', 'keepalived', 'lb1').conf;
    const lb2 = toolCheck(s, 'failover.json', 'keepalived', 'lb2').conf;
    expect(lb1).toMatch(/^\s+state MASTER\n(.*\n)*\s+priority 150$/m);
    expect(lb2).toMatch(/^\s+state BACKUP\n(.*\n)*\s+priority 100$/m);
    for (const c of [lb1, lb2]) {
      expect(c).toMatch(/^\s+advert_int 1$/m);
      // The VIP outside, the servers' gateway inside: one instance, so they move together.
      expect(c).toMatch(/virtual_ipaddress \{\n\s+198\.51\.100\.1\/32 dev eth0\n(\s+#.*\n)*\s+10\.0\.0\.1\/24 dev eth1\n\s+\}/);
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
      { match: { header: 'X-Odd', equals: "it's {odd} ~\\ next # not a comment" } },
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
