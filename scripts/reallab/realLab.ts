import { once } from 'node:events';
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import { FORWARDING } from '../../src/sim/forwarding.ts';
import type { Scenario } from '../../src/sim/scenario.ts';
import { isBalancer } from '../../src/sim/nodes.ts';
import { allServers, clientAddresses } from '../../src/sim/topology.ts';
import type { Hop, Outcome, RequestRecord } from '../../src/sim/types.ts';
import { headerOf, seenByEnd, type Seen } from './captures.ts';
import { pickerOf, REAL_FORWARDING, replaysPicks } from './forwardings.ts';
import { buildInPathNetwork, type Replayed } from './l4Network.ts';
import { buildPairNetwork, hasBalancerEvents, pairUnsupported } from './pairNetwork.ts';
import { startNginx, type Nginx } from './l7Nginx.ts';
import { Namespaces } from './netns.ts';
import { CLIENT_JS, type ClientResult, type PlannedRequest } from './programs.ts';
import { startServer, type RunningServer } from './serverProgram.ts';
import { engineRun } from './engineRun.ts';
import { Timeline, wallMs, type AppliedEvent } from './timeline.ts';

/**
 * The real lab runs at most this many requests, over at most this long, so a run ends within
 * minutes: the gallery's largest, overload.json, makes 628 requests (about 25 s in the lab),
 * classroom.json's last is sent at 59 s (about 70 s in the lab).
 */
export const MAX_REQUESTS = 1000;
export const MAX_SPAN_MS = 90_000;
/** The client program counts from 300 ms after it starts (CLIENT_JS); Node itself takes about 80 ms to start. */
const CLIENT_START_MS = 380;

/** A request as the real lab saw it: the command line's record, with what was measured. */
export type RealRecord = Pick<RequestRecord, 'id' | 'at' | 'client' | 'method' | 'path' | 'server' | 'balancer' | 'outcome' | 'status'> & {
  latencyMs: number;
  /**
   * Who chose the server: nginx (L7), nftables on its own (full NAT), or nobody — lb1 replayed
   * the engine's pick (LVS-NAT, direct routing, tunnelling: the kernel has no IPVS scheduler, so
   * those runs hold the forwarding against the engine, not the choice).
   */
  picked: 'nginx' | 'nftables' | 'replayed';
  /**
   * The hops, with addresses as observed: the client's own end, and the two ends the server
   * saw; the balancer's hops are those two sides of its NAT. In L4 tcpdump's captures tell more:
   * the packet as it reached the server (its MACs in direct routing, its outer header in a
   * tunnel), and whether lb1 saw the request and the answer at all (no balancer hop where it did
   * not). A hop's `at` is null where nothing was measured (the balancer: nothing runs there but
   * the kernel).
   */
  hops: (Omit<Hop, 'at'> & { at: number | null })[];
};

/** Why the real lab cannot run this scenario yet, or null when it can. */
export function unsupported(s: Scenario, planned: number, span: number): string | null {
  if (s.sticky) return 'open-source nginx cannot set a sticky cookie (nginx Plus can): remove "sticky"';
  const lbEvent = s.events.find((e) => (e.action === 'fail' || e.action === 'restore') && isBalancer(e.target));
  const pair = lbEvent ? pairUnsupported(s) : null;
  if (lbEvent && pair) return `${pair} ("${lbEvent.action}" ${'target' in lbEvent ? lbEvent.target : ''} at ${lbEvent.at} ms)`;
  if (s.mode === 'L4' && s.network.handshakes)
    return 'the real lab does not show L4 handshakes separately yet: remove "network.handshakes"';
  if (planned > MAX_REQUESTS) return `the scenario makes ${planned} requests; the real lab sends at most ${MAX_REQUESTS}`;
  if (span > MAX_SPAN_MS) return `the scenario lasts ${Math.round(span)} ms; the real lab runs at most ${MAX_SPAN_MS} ms`;
  return null;
}

/**
 * The requests to send: the engine's own, with their times, clients and source ports. Each
 * carries its id (x-lab-id: the servers report arrivals by it, see timeline.ts) and, with
 * login sessions, the cookies the engine's client held when it sent it: the client program
 * keeps no cookie jar, so it replays the engine's (engine.ts, finish: a response's cookies are
 * kept once it reached the client). A login names its session as the engine does (x-lab-session).
 */
export function plan(s: Scenario): PlannedRequest[] {
  const run = engineRun(s);
  const records = run.records;
  const jarAt = s.sessions ? cookieJars(records) : () => ({});
  return records.map((r) => {
    const first = r.hops.find((h) => h.node === 'client' && h.dir === 'request');
    const sent = first?.out?.src ?? `${r.client}:0`;
    const own = s.requests?.[r.id - 1];
    const login: Record<string, string> = s.sessions && r.path === s.sessions.loginPath ? { 'x-lab-session': `${r.client}#${r.id}` } : {};
    return {
      id: r.id,
      at: r.at,
      sendAt: first?.at ?? r.at,
      client: r.client,
      port: Number(sent.slice(sent.lastIndexOf(':') + 1)),
      method: r.method,
      path: r.path,
      host: s.network.serviceName,
      serviceMs: serviceOf(s, r, run.serviceMs),
      server: r.server,
      headers: { ...own?.headers, 'x-lab-id': String(r.id), ...login },
      cookies: { ...jarAt(r.client, r.at), ...own?.cookies },
    };
  });
}

/** The cookies each client held at a time: every Set-Cookie of a response that reached it before. */
function cookieJars(records: readonly RequestRecord[]): (client: string, at: number) => Record<string, string | undefined> {
  const kept = records
    .filter((r) => r.setCookie)
    .map((r) => ({ client: r.client, at: r.doneAt, cookies: r.setCookie! }))
    .sort((a, b) => a.at - b.at);
  return (client, at) => kept.reduce((jar, k) => (k.client === client && k.at < at ? { ...jar, ...k.cookies } : jar), {});
}

/**
 * A request's service time: the listed one, else, for the load's requests (whose times the engine
 * draws from an exponential around `load.serviceMs`: traffic.ts), the engine's own draw
 * (engineRun.ts), else the load's mean. With the mean alone a request the engine answered
 * before a balancer failed was still being served when it did. Not the time the engine's server
 * held it: that adds the wait in its accept queue and the division by its speed, which the real
 * server then adds again (overload.json's s1 took 15 s requests and jammed).
 */
function serviceOf(s: Scenario, r: RequestRecord, drawn: ReadonlyMap<number, number>): number {
  const listed = s.requests?.[r.id - 1];
  if (listed) return listed.serviceMs;
  return drawn.get(r.id) ?? s.load?.serviceMs ?? 20;
}

/**
 * Builds the network, sends the requests over real TCP, and returns what happened, in id order.
 * With `capturesDir`, tcpdump records every packet at each link end (clients.pcap; lb1's, as
 * lb1-outside.pcap and lb1-inside.pcap where it sits between client and servers, lb1.pcap where
 * it has one link; one file per server) for Wireshark, beside the export's simulated pcap. L4
 * always captures (into a folder removed afterwards when none is given): its records are read
 * from the captures. The scenario's events are played beside the client's plan (timeline.ts);
 * `events` receives each as it was applied, with when it took effect.
 */
export async function runRealLab(s: Scenario, capturesDir?: string, events: AppliedEvent[] = []): Promise<RealRecord[]> {
  const requests = plan(s);
  let applied: AppliedEvent[] = [];
  const ns = new Namespaces(`lbl${process.pid}`);
  let nginx: Nginx | null = null;
  try {
    const servers = allServers(s);
    const replay: Replayed[] = requests.flatMap((p) => {
      const server = servers.find((x) => x.name === p.server);
      return server ? [{ client: p.client, port: p.port, server }] : [];
    });
    const clients = clientAddresses(s);
    // A balancer failing or coming back: two balancers under keepalived (pairNetwork.ts).
    const net = hasBalancerEvents(s)
      ? await buildPairNetwork(ns, s, clients, servers, replay)
      : s.mode === 'L4'
        ? await REAL_FORWARDING[s.forwarding].build(ns, s, clients, servers, replay)
        : buildInPathNetwork(ns, s, clients, servers);
    let dir = capturesDir;
    if (!dir && s.mode === 'L4') {
      dir = mkdtempSync(join(tmpdir(), `${ns.prefix}-captures-`));
      ns.removeAtCleanup(dir);
    }
    const file = (name: string) => join(dir!, `${name}.pcap`);
    // --immediate-mode: libpcap hands each packet over at once; by default it waits for a block
    // of its ring to fill or for a second to pass, and tcpdump stopped within that second wrote
    // nothing of the block (every file stayed empty when a run took less than a second).
    const captures = dir
      ? net.points.map((p) =>
          ns.start(p.where, 'tcpdump', ['-i', p.device, '--immediate-mode', '-U', '-n', '-Z', 'root', '-w', file(p.file)]),
        )
      : [];
    // tcpdump says "listening on …" on stderr once it captures.
    await Promise.all(captures.map((c) => once(c.stderr!, 'data')));
    if (s.mode === 'L7') nginx = await startNginx(ns, net.lb, s);
    const reload = nginx?.reload;
    // The event timeline learns the client's start from the first request a server reports.
    const plannedAt = new Map(requests.map((r) => [r.id, r.sendAt]));
    let timeline: Timeline | null = null;
    let heard = false;
    const onRecv = (atMs: number, id: number) => {
      const at = plannedAt.get(id);
      if (heard || at === undefined || !timeline) return;
      heard = true;
      timeline.clientStarted(atMs - at);
    };
    const running = new Map<string, RunningServer>();
    await Promise.all(
      servers.map(async (x) => running.set(x.name, await startServer(ns, net.servers.get(x.name)!, s, x, net.listenOn ?? x.ip, onRecv))),
    );
    const client = ns.start(
      net.client,
      'node',
      [
        '-e',
        CLIENT_JS,
        s.network.vip,
        String(s.network.vipPort),
        // The client gives up as the engine's does (timeouts.clientMs).
        String(s.timeouts.clientMs),
      ],
      JSON.stringify(requests),
    );
    // The client starts counting 300 ms after its own start (CLIENT_JS), Node's start about 80 ms.
    timeline = new Timeline(
      s,
      wallMs() + CLIENT_START_MS,
      {
        server: (name, action) => running.get(name)?.[action](),
        reconfigure: (now) => reload?.(now),
        balancer: net.balancerEvent,
      },
      replaysPicks(s),
    );
    let out = '';
    client.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    const [code] = (await once(client, 'exit')) as [number | null];
    applied = await timeline.finish();
    if (code !== 0) throw new Error(`the client program failed: ${ns.lastWords(client) || `it ended with ${code}`}`);
    // tcpdump may still be reading what the kernel queued for it (a busy machine): stop it once
    // its files have stopped growing, or it drops the last packets (CI once missed a request).
    if (dir) await settledFiles(net.points.map((p) => file(p.file)));
    for (const c of captures) c.kill('SIGINT');
    await Promise.all(captures.map((c) => (c.exitCode === null ? once(c, 'exit') : null)));
    const results = JSON.parse(out) as ClientResult[];
    const byId = new Map(results.map((r) => [r.id, r]));
    const files = (role: string) =>
      net.points.filter((p) => p.role === role).map((p) => ({ pcap: file(p.file), mac: p.mac, ...(p.node ? { node: p.node } : {}) }));
    const seen = s.mode === 'L4' ? await seenByEnd(files('balancer'), files('server')) : null;
    for (const e of applied) events.push(e);
    const tried = nginx?.tries() ?? new Map<number, string[]>();
    const named = new Map(servers.map((x) => [`${x.ip}:${x.port}`, x.name]));
    const failedTries = (id: number) =>
      (tried.get(id) ?? []).slice(0, -1).flatMap((addr) => (named.has(addr) ? [{ addr, name: named.get(addr)! }] : []));
    return requests.map((p) => recordOf(s, p, byId.get(p.id)!, seen, failedTries(p.id)));
  } finally {
    await nginx?.stop();
    ns.cleanup();
  }
}

/**
 * The outcome, from what the client got. In L7 nginx answers some requests itself: from its
 * cache (the answer is a server's, stamped before this request was sent), a block (403, or
 * limit_req's status: no server's stamp), 502 when no server could take it, 504 after a timeout.
 */
function outcomeOf(s: Scenario, r: ClientResult): Outcome {
  if (r.status === null) return r.error === 'timeout' ? 'timeout' : 'reset';
  // Only nginx caches. Each process reads the wall clock from its own start (timeOrigin, to the
  // millisecond), so in L4, where a request reaches its server within a millisecond, the
  // server's stamp could read before the client's on a busy machine: no cache there.
  if (s.mode === 'L7' && r.server !== null && r.recvAt !== null && r.recvAt < r.sentAt) return 'cached';
  if (r.server !== null) return 'ok';
  if (r.status === 502) return 'unavailable';
  if (r.status === 504) return 'timeout';
  return 'blocked';
}

/** Times to a tenth of a millisecond, as the engine's records are read. */
const tenth = (x: number): number => Math.round(x * 10) / 10;
const maybeTenth = (x: number | null): number | null => (x === null ? null : tenth(x));

function recordOf(
  s: Scenario,
  p: PlannedRequest,
  r: ClientResult,
  seen: ((end: string) => Seen) | null,
  failed: readonly { addr: string; name: string }[] = [],
): RealRecord {
  const vip = `${s.network.vip}:${s.network.vipPort}`;
  const me = `${p.client}:${p.port}`;
  const hops: RealRecord['hops'] = [{ at: tenth(r.sentAt), node: 'client', dir: 'request', in: null, out: { src: me, dst: vip } }];
  const outcome = outcomeOf(s, r);
  const toClient = { src: vip, dst: me };
  const look = seen?.(me);
  // With two balancers (pairNetwork.ts), the one whose captures hold the connection's last SYN.
  const lb = look?.carriedBy ?? 'lb1';
  if (outcome === 'ok' && r.server && r.saw && r.local) {
    // What reached the server: its capture where there is one (MACs, an outer header), else
    // the two ends its socket reported. And lb1's hops only where lb1's capture had the packets.
    const toServer = look?.atServer ? headerOf(look.atServer, FORWARDING[s.forwarding].carries) : { src: r.saw, dst: r.local };
    const back = { src: r.local, dst: r.saw };
    // L4 rewrites one packet on its way through; an L7 proxy takes the client's connection and
    // opens its own, so its arrival and its sending are two hops, as the engine records them.
    const through: RealRecord['hops'] =
      s.mode === 'L4'
        ? look && !look.lbSawRequest
          ? []
          : [{ at: null, node: lb, dir: 'request', in: { src: me, dst: vip }, out: toServer }]
        : [
            { at: null, node: 'lb1', dir: 'request', in: { src: me, dst: vip }, out: null },
            // nginx's tries that failed before this one (its access log's $upstream_addr): the
            // connect and the server's reset, as the engine records a refused try.
            ...failed.flatMap(({ addr, name }): RealRecord['hops'] => {
              const there = { src: `${s.network.balancerIps[0]!}:0`, dst: addr };
              const back = { src: addr, dst: there.src };
              return [
                { at: null, node: 'lb1', dir: 'request', in: null, out: there },
                { at: null, node: name, dir: 'request', in: there, out: null },
                { at: null, node: name, dir: 'response', in: null, out: back },
                { at: null, node: 'lb1', dir: 'response', in: back, out: null },
              ];
            }),
            { at: null, node: 'lb1', dir: 'request', in: null, out: toServer },
          ];
    const backThrough: RealRecord['hops'] =
      look && !look.lbSawAnswer ? [] : [{ at: null, node: lb, dir: 'response', in: back, out: toClient }];
    hops.push(
      ...through,
      { at: maybeTenth(r.recvAt), node: r.server, dir: 'request', in: toServer, out: null },
      { at: maybeTenth(r.answeredAt), node: r.server, dir: 'response', in: null, out: back },
      ...backThrough,
      { at: tenth(r.doneAt), node: 'client', dir: 'response', in: toClient, out: null },
    );
  } else if (r.status !== null) {
    // nginx answered itself (its cache, a block, 502, 504).
    hops.push(
      { at: null, node: 'lb1', dir: 'request', in: { src: me, dst: vip }, out: null },
      { at: null, node: 'lb1', dir: 'response', in: null, out: toClient },
      { at: tenth(r.doneAt), node: 'client', dir: 'response', in: toClient, out: null },
    );
  }
  return {
    id: p.id,
    at: p.at,
    client: p.client,
    method: p.method,
    path: p.path,
    // A request that failed after reaching its server (its answer lost in a failover) still had
    // one: the server whose capture holds the connection, as the engine's record keeps it.
    server: outcome === 'ok' ? r.server : (serverAt(s, look?.atServer?.dst) ?? null),
    balancer: lb,
    outcome,
    status: r.status,
    picked: pickerOf(s),
    latencyMs: tenth(r.doneAt - r.sentAt),
    hops,
  };
}

/** The server listening at "ip:port", by name. */
function serverAt(s: Scenario, end: string | undefined): string | undefined {
  return end === undefined ? undefined : allServers(s).find((x) => `${x.ip}:${x.port}` === end)?.name;
}

/** Waits until none of `files` has grown for 150 ms (at most 3 s). */
async function settledFiles(files: string[]): Promise<void> {
  const sizes = () => files.map((f) => (existsSync(f) ? statSync(f).size : 0)).join(',');
  let last = sizes();
  let still = 0;
  for (let waited = 0; still < 3 && waited < 3000; waited += 50) {
    await sleep(50);
    const now = sizes();
    still = now === last ? still + 1 : 0;
    last = now;
  }
}
