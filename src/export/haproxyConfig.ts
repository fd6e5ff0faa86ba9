import type { RuleMatch, Scenario, ServerConfig } from '../sim/scenario.ts';
import { describeMatch, duration, preamble, roundedNote, ruleServers, serverNote, wholeMs, type ExportOptions } from './common.ts';
import { Lines } from './lines.ts';
import { CONTROL, hex } from './nginxText.ts';

const ALL = 'lab_servers';
const poolOf = (rule: number) => `lab_rule${rule + 1}`;

/**
 * A word as HAProxy reads it: bare when plain, otherwise double-quoted, with a backslash before
 * backslashes, quotes and "$" (so no environment variable is expanded) and control characters as \xHH.
 */
export function hword(text: string): string {
  if (/^[A-Za-z0-9/._~%:@,+=-]+$/.test(text)) return text;
  const escaped = text.replace(/[\\"$]/g, (c) => `\\${c}`).replace(CONTROL, hex);
  return `"${escaped}"`;
}

/** The same scenario in HAProxy's terms: a frontend on the VIP, a backend per pool. */
export function haproxyConfig(s: Scenario, o: ExportOptions): string {
  const l = new Lines();
  const l7 = s.mode === 'L7';
  l.note(...preamble('haproxy.cfg', o, 'haproxy -c -f /etc/haproxy/haproxy.cfg'));
  l.put('');
  l.section('global').put('maxconn 4096').put('');
  l.section('defaults');
  if (l7) {
    l.note('L7: HAProxy reads each HTTP request and applies the rules in the frontend.');
    l.put('mode http');
  } else {
    l.note(
      "L4: in the lab the balancer is the Linux kernel's IPVS (the keepalived export's virtual_server), rewriting",
      'packets; HAProxy in tcp mode proxies each connection instead: it accepts the client itself, and when the server',
      "refuses, closes the client's connection with no data where the kernel passes the server's reset on.",
    );
    l.put('mode tcp');
    l.note("No second try: the lab's kernel tries a connection once (HAProxy's default is 3 retries on the same server).");
    l.put('retries 0');
  }
  l.note(
    `A server has ${duration(s.timeouts.connectMs)} to accept, ${duration(s.timeouts.readMs)} between reads; the client waits ${duration(s.timeouts.clientMs)} in all.`,
  );
  l.note(
    ...roundedNote('timeout connect', s.timeouts.connectMs),
    ...roundedNote('timeout server', s.timeouts.readMs),
    ...roundedNote('timeout client', s.timeouts.clientMs),
  );
  l.put(
    `timeout connect ${duration(s.timeouts.connectMs)}`,
    `timeout server ${duration(s.timeouts.readMs)}`,
    `timeout client ${duration(s.timeouts.clientMs)}`,
  );
  if (l7) {
    const tries = Math.max(0, s.servers.filter((x) => !x.down).length - 1);
    l.note("The servers learn the client's address from X-Forwarded-For.");
    l.put('option forwardfor');
    l.note(`After a failed connection, try again on another server (${tries} more, as nginx's proxy_next_upstream does here).`);
    l.put(`retries ${tries}`, 'option redispatch 1');
  }
  if (l7 && s.cache) {
    l.depth = 0;
    l.put('');
    const maxAge = Math.max(1, Math.ceil(s.cache.ttlMs / 1000));
    l.note(
      `The cache: answers for ${s.cache.pathPrefixes.join(', ')} are kept ${maxAge}s`,
      `(max-age counts whole seconds${maxAge * 1000 === s.cache.ttlMs ? '' : `: the scenario's ${s.cache.ttlMs} ms rounded up`}).`,
    );
    l.section('cache lab_cache').put('total-max-size 64', `max-age ${maxAge}`);
  }
  l.put('');
  frontend(l, s);
  l.put('');
  backend(l, s, ALL, s.servers, 'Every server.');
  for (const r of ruleServers(s)) {
    if (r.servers.length === 0) continue;
    l.put('');
    backend(l, s, poolOf(r.index), r.servers, `Rule ${r.index + 1}: ${describeMatch(r.match)}.`);
  }
  return l.text();
}

/**
 * A rule's test. Every value comes after "--", the end of the flags: HAProxy reads a value such
 * as "-i" or "-f" as a flag otherwise (acl.c, parse_acl_expr). Headers are read with req.fhdr,
 * whole, first occurrence (as nginx's $http_… variable): req.hdr splits a value at its commas,
 * so "a,b" would never match.
 */
function acl(m: RuleMatch): string {
  if ('pathPrefix' in m) return `path_beg -- ${hword(m.pathPrefix)}`;
  if ('header' in m) return `req.fhdr(${m.header},1) -m str -- ${hword(m.equals)}`;
  return `req.cook(${m.cookie}) -m str -- ${hword(m.equals)}`;
}

function frontend(l: Lines, s: Scenario): void {
  const n = s.network;
  l.section('frontend lab_vip');
  l.note(`Clients reach ${n.serviceName} at the VIP ${n.vip}:${n.vipPort}; keepalived moves the VIP to the balancer that is up.`);
  l.put(`bind ${n.vip}:${n.vipPort}`);
  const limit = s.block?.perClient ?? null;
  if (limit) {
    const allowed = limit.requests + limit.burst;
    l.note(
      `Each client address may send ${limit.requests} request(s) per ${limit.perMs} ms (and ${limit.burst} more at once); beyond that, ${limit.status}.`,
      "This is not what the lab does. The lab is nginx's limit_req, a leaky bucket that measures the spacing",
      `of a client's requests: a request sooner than ${Number((limit.perMs / limit.requests).toFixed(3))} ms after the last one counts against the burst (${limit.burst}), and past`,
      'it is refused, even the second request of a quiet client. HAProxy counts the requests of a sliding',
      `period of ${duration(limit.perMs)} instead, and refuses those past ${allowed}, the refused ones counted too (so a client that`,
      "keeps sending stays refused, where nginx's bucket lets it back in as it drains). Which requests pass differs.",
    );
    l.put(
      `stick-table type ip size 100k expire ${duration(Math.max(limit.perMs, 60_000))} store http_req_rate(${duration(limit.perMs)})`,
      'http-request track-sc0 src',
      `http-request deny deny_status ${limit.status} if { sc_http_req_rate(0) gt ${allowed} }`,
    );
  }
  for (const p of s.block?.pathPrefixes ?? []) {
    l.note(`${p} is blocked: 403 Forbidden, before any rule.`);
    l.put(`http-request deny deny_status 403 if { path_beg -- ${hword(p)} }`);
  }
  if (s.cache) {
    l.note('GET answers for the cached paths come from the cache while fresh, and are stored on the way back.');
    for (const p of s.cache.pathPrefixes) l.put(`http-request cache-use lab_cache if { method GET } { path_beg -- ${hword(p)} }`);
    l.put('http-response cache-store lab_cache');
  }
  const rules = ruleServers(s);
  for (const r of rules) {
    l.note(
      `Rule ${r.index + 1}: ${describeMatch(r.match)}${r.servers.length === 0 ? ' (names no server present at the start: left out)' : ''}.`,
    );
    l.put(`acl rule${r.index + 1} ${acl(r.match)}`);
  }
  if (rules.length > 0) l.note('use_backend lines are tried in order: the first rule that matches wins, as in the lab.');
  for (const r of rules) if (r.servers.length > 0) l.put(`use_backend ${poolOf(r.index)} if rule${r.index + 1}`);
  l.put(`default_backend ${ALL}`);
}

function balanceLines(s: Scenario): { note: string[]; lines: string[] } {
  switch (s.algorithm) {
    case 'round-robin':
      return { note: ['Round robin, every weight 1: one request to each server in turn.'], lines: ['balance roundrobin'] };
    case 'weighted-round-robin':
      return {
        note: [
          "balance roundrobin reads the weights, but it is not nginx's smooth weighted round robin: each server gets",
          'the same share as in the lab, in a different order of turns.',
        ],
        lines: ['balance roundrobin'],
      };
    case 'ip-hash':
      return {
        note: [
          "balance source hashes the client's whole address (map-based: hash modulo the total weight), not nginx's ip_hash",
          'of the first three octets: a client keeps its server, but not the one the lab showed.',
        ],
        lines: ['balance source', 'hash-type map-based'],
      };
    case 'weighted-least-connections':
    case 'least-connections':
      return {
        note: ['balance leastconn: the server with the fewest connections, weights counted, as least_conn.'],
        lines: ['balance leastconn'],
      };
  }
}

function backend(l: Lines, s: Scenario, name: string, pool: readonly ServerConfig[], title: string): void {
  const hc = s.healthCheck;
  const { note, lines } = balanceLines(s);
  l.section(`backend ${name}`);
  l.note(title, ...note);
  l.put(...lines);
  if (s.sticky) {
    l.note(`The sticky cookie ${s.sticky.cookie} names the server; a request carrying it goes back there.`);
    l.put(`cookie ${s.sticky.cookie} insert indirect nocache`);
  }
  if (hc) {
    l.note(
      `Active health checks: every ${hc.intervalMs} ms; ${hc.fall} failures in a row take a server out, ${hc.rise} passes bring it back.`,
      `Each check waits ${duration(hc.timeoutMs)}. A TCP connect check; add "option httpchk GET /" for an HTTP one.`,
    );
    if (hc.keepalived) {
      l.note(
        "The lab's L4 checks are keepalived's TCP_CHECK: fall is its retry + 1, rise 1, and fastinter its delay_before_retry",
        '(the wait before checking a failing server again).',
      );
    }
    l.put(`timeout check ${duration(hc.timeoutMs)}`);
  } else {
    l.note('No active health checks in this scenario.');
  }
  // L4: the lab's kernel balancer marks no failure of its own (see nginxUpstream.ts).
  if (s.mode === 'L7' && s.passive.maxFails > 0) {
    l.note(
      hc
        ? `Like nginx's max_fails=${s.passive.maxFails}: ${s.passive.maxFails} error(s) seen on real traffic mark a server down until its checks pass.`
        : `nginx's passive check (max_fails=${s.passive.maxFails}) has no HAProxy equivalent without active checks ("observe" needs "check").`,
    );
  }
  for (const x of pool) {
    const params = [
      `server ${x.name} ${x.ip}:${x.port}`,
      ...(s.algorithm !== 'round-robin' && x.weight !== 1 ? [`weight ${x.weight}`] : []),
      ...(x.maxConns > 0 ? [`maxconn ${x.maxConns}`] : []),
      ...(hc ? [`check inter ${wholeMs(hc.intervalMs)}ms${fastinter(hc)} fall ${hc.fall} rise ${hc.rise}`] : []),
      ...(hc && s.mode === 'L7' && s.passive.maxFails > 0 ? [`observe layer4 error-limit ${s.passive.maxFails} on-error mark-down`] : []),
      ...(s.sticky ? [`cookie ${x.name}`] : []),
      ...(x.down ? ['disabled'] : []),
    ];
    l.note(serverNote(s, x, pool));
    l.put(params.join(' '));
  }
}

/** L4: keepalived's delay_before_retry as HAProxy's fastinter (HAProxy wants at least 1 ms). */
function fastinter(hc: NonNullable<Scenario['healthCheck']>): string {
  return hc.keepalived ? ` fastinter ${wholeMs(hc.keepalived.retryDelayMs)}ms` : '';
}
