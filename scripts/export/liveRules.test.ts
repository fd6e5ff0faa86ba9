import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configFor } from '../../src/export/configs.ts';
import { simulate } from '../../src/sim/engine.ts';
import { parseScenario, type Scenario } from '../../src/sim/scenario.ts';
import { KILL_AFTER, root } from './toolChecks.ts';

/**
 * The exported rules, run: HAProxy and nginx with the exported configs, in a network namespace
 * of their own (unshare -n: the VIP and the servers' addresses on its loopback, nothing on this
 * machine touched), answer requests carrying the values a flag parser or a comma split would
 * misread, and send each where the engine sent it. Each server answers its own name.
 */

interface Probe {
  path: string;
  headers?: Record<string, string>;
  cookies?: Record<string, string>;
}

const PROBES: Probe[] = [
  { path: '/', headers: { 'X-Flag': '-i' } },
  { path: '/', headers: { 'x-flag': '-f' } },
  { path: '/p/1', headers: { 'X-Flag': '-x' } },
  { path: '/', cookies: { c: '--' } },
  { path: '/', headers: { 'X-List': 'a,b' } },
  { path: '/', headers: { 'X-List': 'a' } },
  { path: '/p', headers: { 'X-List': 'b' } },
  // What a NUL in a path prefix used to become (\x00): now only as those four characters.
  { path: '/\\x00x/a' },
  { path: '/index.html' },
];

const s: Scenario = (() => {
  const r = parseScenario({
    mode: 'L7',
    servers: [{ name: 's1' }, { name: 's2' }, { name: 's3' }],
    rules: [
      { match: { header: 'X-Flag', equals: '-i' }, servers: ['s1'] },
      { match: { header: 'X-Flag', equals: '-f' }, servers: ['s1'] },
      { match: { cookie: 'c', equals: '--' }, servers: ['s2'] },
      { match: { header: 'X-List', equals: 'a,b' }, servers: ['s2'] },
      { match: { pathPrefix: '/p' }, servers: ['s3'] },
      { match: { pathPrefix: '/' }, servers: ['s3'] },
    ],
    block: { pathPrefixes: ['/\\x00x'] },
    network: { clientLatencyMs: 0, serverLatencyMs: 0, balancerMs: 0, proxyMs: 0 },
    requests: PROBES.map((p, i) => ({ at: i * 100, client: `203.0.113.${10 + i}`, serviceMs: 1, ...p })),
  });
  if (!r.ok) throw new Error(r.error);
  return r.scenario;
})();

/** What the engine answered each probe: the server's name, or the status the balancer gave itself. */
function engineAnswers(): string[] {
  return simulate(s).map((r) => r.server ?? String(r.status));
}

/** curl's arguments for a probe (--path-as-is: the path goes out as written). */
function curlArgs(s: Scenario, p: Probe): string[] {
  const headers = Object.entries(p.headers ?? {}).flatMap(([k, v]) => ['-H', `${k}: ${v}`]);
  const cookie = p.cookies
    ? [
        '-b',
        Object.entries(p.cookies)
          .map(([k, v]) => `${k}=${v}`)
          .join('; '),
      ]
    : [];
  return [
    '-s',
    '-m',
    '5',
    '--path-as-is',
    '-o',
    'body',
    '-w',
    '%{http_code}',
    ...headers,
    ...cookie,
    `http://${s.network.vip}:${s.network.vipPort}${p.path}`,
  ];
}

const quote = (a: string) => `'${a.replace(/'/g, `'\\''`)}'`;

/**
 * One shell script in a new network namespace: the servers (one nginx, a server block per
 * address, answering its name), then the balancer under test, then curl for each probe; every
 * program it started is killed on the way out (the namespace goes with the last of them).
 */
function liveAnswers(
  tool: 'haproxy' | 'nginx',
  s: Scenario,
  probes: readonly Probe[],
  listening: readonly string[] = s.servers.map((x) => x.name),
): string[] {
  const dir = mkdtempSync(join(root, `live-${tool}-`));
  const modules = '/usr/lib/nginx/modules';
  if (existsSync(modules)) symlinkSync(modules, join(dir, 'modules'));
  const servers = s.servers
    .filter((x) => listening.includes(x.name))
    .map((x) => `server { listen ${x.ip}:${x.port}; location / { return 200 "${x.name}"; } }`)
    .join('\n');
  writeFileSync(join(dir, 'servers.conf'), `events {}\nhttp {\naccess_log off;\n${servers}\n}\n`);
  writeFileSync(join(dir, 'balancer.conf'), configFor(s, tool, { cacheDir: join(dir, 'cache') }));
  const nginx = (conf: string, name: string) => `nginx -c ${dir}/${conf} -p ${dir}/ -e ${dir}/${name}.err -g 'pid ${dir}/${name}.pid;'`;
  const balancer = tool === 'haproxy' ? `haproxy -D -p ${dir}/balancer.pid -f ${dir}/balancer.conf` : nginx('balancer.conf', 'balancer');
  const script = [
    `trap 'for p in ${dir}/*.pid; do [ -f "$p" ] && kill -9 $(cat "$p") 2>/dev/null; done' EXIT`,
    'ip link set lo up',
    `ip addr add ${s.network.vip}/32 dev lo`,
    ...s.servers.map((x) => `ip addr add ${x.ip}/32 dev lo`),
    `${nginx('servers.conf', 'servers')} || exit 3`,
    `${balancer} || exit 4`,
    'sleep 0.3',
    `cd ${dir}`,
    // One line a probe: the status, then (for a 200) the body: the server's name.
    // curl's exit status 52: "Empty reply from server" (accepted, then closed with no data);
    // 56: "Recv failure" (closed by a reset, the request unread).
    ...probes.map(
      (p) => `rm -f body; curl ${curlArgs(s, p).map(quote).join(' ')}; e=$?; echo " $(head -c 16 body 2>/dev/null | tr -d '\\n') $e"`,
    ),
  ].join('\n');
  writeFileSync(join(dir, 'run.sh'), script);
  const r = spawnSync('unshare', ['-n', 'sh', join(dir, 'run.sh')], { encoding: 'utf8', ...KILL_AFTER });
  expect(r.status, `${tool}: ${r.stderr}`).toBe(0);
  return r.stdout
    .trim()
    .split('\n')
    .map((line) => {
      const [code, body, exit] = line.split(' ');
      // 52: an empty reply (a FIN, no data); 56: a reset (nginx closed with the request unread).
      return code === '200' ? body! : exit === '52' || exit === '56' ? 'closed, no data' : code!;
    });
}

describe('the exported rules, run on hostile values, do what the engine did', () => {
  const expected = ['s1', 's1', 's3', 's2', 's2', 's3', 's3', '403', 's3'];
  it('the engine: header values "-i" and "-f", a cookie "--", a header "a,b", a blocked "/\\x00x"', () => {
    expect(engineAnswers()).toEqual(expected);
  });
  // HAProxy read "-i" as a flag (a rule that never matched), "-f" as a file to load (fatal), and
  // req.hdr split "a,b" at its comma (acl.c, parse_acl_expr; http_fetch.c, smp_fetch_hdr).
  it('haproxy, live', () => expect(liveAnswers('haproxy', s, PROBES)).toEqual(expected));
  it('nginx, live', () => expect(liveAnswers('nginx', s, PROBES)).toEqual(expected));
});

describe("L4's stream proxy with a server that refuses: it never sets the server aside, as the lab", () => {
  const l4 = (() => {
    const r = parseScenario({
      servers: [{ name: 's1' }, { name: 's2' }],
      events: [{ at: 0, action: 'fail', target: 's2' }],
      requests: Array.from({ length: 6 }, (_, i) => ({ at: 100 + i * 100, client: `203.0.113.${10 + i}`, serviceMs: 1 })),
    });
    if (!r.ok) throw new Error(r.error);
    return r.scenario;
  })();
  it('the engine: round robin, every request for s2 reset (the kernel passes the refusal on)', () => {
    expect(simulate(l4).map((r) => (r.outcome === 'reset' ? 'reset' : r.server))).toEqual(['s1', 'reset', 's1', 'reset', 's1', 'reset']);
  });
  // max_fails=0: ngx_stream_upstream_round_robin.c never marks the peer failed; with the old
  // max_fails=1 nginx set s2 aside after its first refusal and sent the rest to s1.
  it('nginx stream, live: the same turns; nginx closes the accepted connection instead of the reset', () => {
    const probes = Array.from({ length: 6 }, () => ({ path: '/' }));
    const closed = 'closed, no data';
    expect(liveAnswers('nginx', l4, probes, ['s1'])).toEqual(['s1', closed, 's1', closed, 's1', closed]);
  });
});
