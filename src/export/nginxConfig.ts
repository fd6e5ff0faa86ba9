import type { RuleMatch, Scenario, ServerConfig } from '../sim/scenario.ts';
import { describeMatch, duration, preamble, roundedNote, ruleServers, type ExportOptions } from './common.ts';
import { Lines } from './lines.ts';
import { cookieTest, headerVariable, literal, nginxRate, regexKey, word } from './nginxText.ts';
import { healthNote, upstreamBlock } from './nginxUpstream.ts';

const ALL = 'lab_servers';
const backupNote = ['The backup balancer does not hold the VIP: set sysctl net.ipv4.ip_nonlocal_bind=1 so nginx can listen on it anyway.'];
const poolOf = (rule: number) => `lab_rule${rule + 1}`;

/** A complete nginx.conf for the scenario: an http{} proxy for L7, a stream{} proxy for L4. */
export function nginxConfig(s: Scenario, o: ExportOptions): string {
  const l = new Lines();
  l.note(...preamble('nginx.conf', o, 'nginx -t -c /etc/nginx/nginx.conf'));
  l.put('', 'worker_processes 1;');
  l.note('Debian and Ubuntu load modules such as stream (libnginx-mod-stream) from here; elsewhere it matches nothing.');
  l.put('include /etc/nginx/modules-enabled/*.conf;', '');
  l.open('events').put('worker_connections 1024;').close().put('');
  if (s.mode === 'L4') stream(l, s);
  else http(l, s, o);
  return l.text();
}

function stream(l: Lines, s: Scenario): void {
  const n = s.network;
  l.note(
    "L4: in the lab the balancer is the Linux kernel's IPVS, set up by keepalived: this scenario's L4 config is the",
    "keepalived export's virtual_server (npm run export -- FILE --format keepalived; for full NAT, --format nftables",
    "is the real lab's own kernel NAT). The kernel rewrites packets and never opens a connection of its own.",
    'This nginx stream config is an alternative that picks servers the same way, and it differs:',
    "- nginx accepts the client's connection itself, then opens a second one to the server (the server sees",
    "  nginx's connection, never the client's);",
    '- when the server refuses or does not answer, the client has already been accepted: nginx closes its',
    '  connection with no data, a FIN (curl: "Empty reply from server") or, when the request had come in',
    "  unread, a reset; the kernel passes the server's reset on (or the client's SYN goes unanswered);",
    ...(s.forwarding === 'full-nat'
      ? []
      : [`- the lab forwards by "${s.forwarding}", where the server answers the client with the client's address: nginx cannot;`]),
    ...(s.persistenceTimeoutMs > 0 ? ["- IPVS's persistence (a client kept on its server) has no stream equivalent;"] : []),
    "- the order of turns and the connection counts are nginx's, not IPVS's (see the upstream's notes).",
  );
  l.open('stream');
  upstreamBlock(l, s, ALL, s.servers, true);
  l.put('');
  l.open('server');
  l.note(`Clients connect to the VIP ${n.vip}:${n.vipPort}; keepalived moves the VIP to the balancer that is up.`);
  l.note(...backupNote);
  l.put(`listen ${n.vip}:${n.vipPort};`);
  l.put(`proxy_pass ${ALL};`);
  if (n.natSource === 'vip') {
    l.note(`The servers see connections from the VIP, as the lab's snat to ${n.vip} shows.`);
    l.put(`proxy_bind ${n.vip};`);
  } else {
    l.note(
      `No proxy_bind: connections leave from the balancer's own address (${n.balancerIps[0]} or ${n.balancerIps[1]}), as the lab's snat shows.`,
    );
  }
  l.note(
    `A server has ${duration(s.timeouts.connectMs)} to accept the connection.`,
    ...roundedNote('proxy_connect_timeout', s.timeouts.connectMs),
  );
  l.put(`proxy_connect_timeout ${duration(s.timeouts.connectMs)};`);
  l.note(
    `A connection with nothing sent either way for ${duration(s.timeouts.readMs)} is closed.`,
    ...roundedNote('proxy_timeout', s.timeouts.readMs),
  );
  l.put(`proxy_timeout ${duration(s.timeouts.readMs)};`);
  l.note(
    "A failed connection to the server is not tried on another server: nginx closes the client's connection (a FIN,",
    "no data). The lab's kernel tries no other server either; its client gets the server's reset instead.",
  );
  l.put('proxy_next_upstream off;');
  l.note(...healthNote(s));
  l.close();
  l.close();
}

const cacheSeconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/** A place a request can go: a pool (upstream) or, for a rule naming no starting server, none. */
type Place = { pool: string } | { none: number };

function http(l: Lines, s: Scenario, o: ExportOptions): void {
  const n = s.network;
  const rules = ruleServers(s);
  l.open('http');
  l.note('L7: nginx reads each HTTP request, applies the rules below, and proxies it to a server of an upstream.');
  upstreamBlock(l, s, ALL, s.servers, false);
  for (const r of rules) {
    if (r.servers.length === 0) continue;
    l.put('');
    l.note(`Rule ${r.index + 1}: ${describeMatch(r.match)} go to ${r.servers.map((x) => x.name).join(', ')}.`);
    upstreamBlock(l, s, poolOf(r.index), r.servers, false);
  }
  const limit = s.block?.perClient ?? null;
  if (limit) {
    const { rate, exact } = nginxRate(limit.requests, limit.perMs);
    l.put('');
    l.note(`Each client address may send ${limit.requests} request(s) per ${limit.perMs} ms: a leaky bucket per address.`);
    if (!exact) {
      l.note(
        `nginx reads a whole number of requests per second or per minute: ${rate}, just below the scenario's rate; the lab limits at it too.`,
      );
    }
    l.put(`limit_req_zone $binary_remote_addr zone=lab_per_client:10m rate=${rate};`);
  }
  if (s.cache) {
    l.put('');
    l.note(`The cache: GET answers (200) for ${s.cache.pathPrefixes.join(', ') || 'no path'} are kept ${duration(s.cache.ttlMs)}.`);
    l.put(`proxy_cache_path ${word(o.cacheDir)} levels=1:2 keys_zone=lab_cache:10m inactive=60m;`);
    l.note('Only those paths are cached: 0 for them, 1 (not cached) for the rest.');
    l.open('map $request_uri $lab_not_cached');
    for (const p of s.cache.pathPrefixes) l.put(`${regexKey(`^${literal(p)}`)} 0;`);
    l.put('default 1;');
    l.close();
  }
  const locations = routes(s);
  for (const loc of locations) chainMaps(l, loc);
  l.put('');
  l.open('server');
  l.note(`Clients reach ${n.serviceName} at the VIP ${n.vip}:${n.vipPort}; keepalived moves the VIP to the balancer that is up.`);
  l.note(...backupNote);
  l.put(`listen ${n.vip}:${n.vipPort};`, `server_name ${word(n.serviceName)};`);
  l.note("The servers learn the client's address from X-Forwarded-For (the connection comes from the balancer).");
  l.put('proxy_set_header Host $host;', 'proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;');
  l.note(
    `A server has ${duration(s.timeouts.connectMs)} to accept the connection and ${duration(s.timeouts.readMs)} between reads of its answer.`,
    ...roundedNote('proxy_connect_timeout', s.timeouts.connectMs),
    ...roundedNote('proxy_read_timeout', s.timeouts.readMs),
  );
  l.put(`proxy_connect_timeout ${duration(s.timeouts.connectMs)};`, `proxy_read_timeout ${duration(s.timeouts.readMs)};`);
  l.note(
    'After an error or a timeout nginx tries the next server of the upstream (not for POST once it was sent);',
    'tries 0 means as many tries as the upstream has servers that are not down, as the lab counts them.',
  );
  l.put('proxy_next_upstream error timeout;', 'proxy_next_upstream_tries 0;');
  if (limit) {
    const burst = limit.burst > 0 ? ` burst=${limit.burst} nodelay` : '';
    l.note(
      limit.burst > 0
        ? `Up to ${limit.burst} request(s) above the rate pass at once (nodelay); more are refused with ${limit.status}.`
        : `A request above the rate is refused with ${limit.status}.`,
      'limit_req runs before deny (the preaccess phase comes before access), as in the lab.',
    );
    l.put(`limit_req zone=lab_per_client${burst};`, `limit_req_status ${limit.status};`);
  }
  if (s.cache) {
    l.note('The cache key is the path and query alone, as the lab keys its cache.');
    if (cacheSeconds(s.cache.ttlMs) * 1000 !== s.cache.ttlMs) {
      l.note(`proxy_cache_valid counts whole seconds: the scenario's ${s.cache.ttlMs} ms is rounded up.`);
    }
    l.put(
      'proxy_cache lab_cache;',
      'proxy_cache_key $request_uri;',
      `proxy_cache_valid 200 ${cacheSeconds(s.cache.ttlMs)}s;`,
      'proxy_no_cache $lab_not_cached;',
      'proxy_cache_bypass $lab_not_cached;',
    );
  }
  if (s.sticky) {
    l.note(
      `Sticky cookie ${s.sticky.cookie}: open-source nginx cannot set one (nginx Plus: sticky cookie ${s.sticky.cookie};).`,
      'The HAProxy export has it (cookie … insert).',
    );
  }
  for (const p of s.block?.pathPrefixes ?? []) {
    l.put('');
    l.note(`${p} is blocked: 403 Forbidden, before any rule.`);
    l.open(`location ^~ ${word(p)}`)
      .put('deny all;')
      .close();
  }
  for (const loc of locations) {
    l.put('');
    l.note(...loc.notes);
    l.open(loc.prefix === '/' ? 'location /' : `location ^~ ${word(loc.prefix)}`);
    if (loc.chain.length > 0) l.put(`proxy_pass http://${chainVariable(loc, 0)};`);
    else if ('pool' in loc.fallback) l.put(`proxy_pass http://${loc.fallback.pool};`);
    else l.put('return 502;');
    l.close();
  }
  l.put('');
  l.note(...healthNote(s));
  l.close();
  l.close();
}

/** A location and the header and cookie rules checked in it, in order, before it falls back to its own pool. */
interface Route {
  prefix: string;
  notes: string[];
  /** The rules by header or cookie that come first (a map each). */
  chain: { rule: number; match: Exclude<RuleMatch, { pathPrefix: string }>; place: Place }[];
  fallback: Place;
  key: string;
}

const placeOf = (r: { index: number; servers: readonly ServerConfig[] }): Place =>
  r.servers.length > 0 ? { pool: poolOf(r.index) } : { none: r.index };

/**
 * nginx picks the longest matching location; the lab takes the first rule that matches. They
 * agree once a prefix that an earlier one (or a blocked path) already covers is left out: it
 * could never match in the lab either.
 */
function routes(s: Scenario): Route[] {
  const rules = ruleServers(s);
  const taken = [...(s.block?.pathPrefixes ?? [])];
  const out: Route[] = [];
  const chainBefore = (i: number) =>
    rules.slice(0, i).flatMap((r) => ('pathPrefix' in r.match ? [] : [{ rule: r.index, match: r.match, place: placeOf(r) }]));
  rules.forEach((r, i) => {
    if (!('pathPrefix' in r.match)) return;
    const prefix = r.match.pathPrefix;
    if (taken.some((t) => prefix.startsWith(t))) return;
    taken.push(prefix);
    const none = r.servers.length === 0 ? ' It names no server present at the start: 502 until one is added.' : '';
    out.push({
      prefix,
      notes: [`Rule ${r.index + 1}: ${describeMatch(r.match)}.${none}`],
      chain: chainBefore(i),
      fallback: placeOf(r),
      key: `rule${r.index + 1}`,
    });
  });
  if (!taken.includes('/')) {
    const chain = chainBefore(rules.length);
    out.push({
      prefix: '/',
      notes: [
        chain.length > 0 ? 'Everything else: the header and cookie rules in order, then every server.' : 'Everything else: every server.',
      ],
      chain,
      fallback: { pool: ALL },
      key: 'other',
    });
  }
  return out;
}

const chainVariable = (r: Route, step: number) => `$lab_${r.key}_${step}`;

/** One map per header or cookie rule of a location: it names the rule's pool, or passes on to the next. */
function chainMaps(l: Lines, r: Route): void {
  r.chain.forEach((c, step) => {
    const next = step + 1 < r.chain.length ? chainVariable(r, step + 1) : 'pool' in r.fallback ? r.fallback.pool : null;
    const test =
      'header' in c.match
        ? { source: headerVariable(c.match.header), key: regexKey(`^${literal(c.match.equals)}$`) }
        : cookieTest(c.match.cookie, c.match.equals);
    l.put('');
    l.note(
      `${r.prefix === '/' ? 'Other paths' : r.prefix}: rule ${c.rule + 1}, ${describeMatch(c.match)} (checked in order: the first rule that matches wins).`,
    );
    l.open(`map ${test.source} ${chainVariable(r, step)}`);
    l.put(`${test.key} ${'pool' in c.place ? c.place.pool : 'lab_none'};`);
    l.put(`default ${next ?? 'lab_none'};`);
    l.close();
  });
}
