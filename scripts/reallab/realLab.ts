import { once } from 'node:events';
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import { simulateRun } from '../../src/sim/engine.ts';
import { FORWARDING } from '../../src/sim/forwarding.ts';
import type { Scenario } from '../../src/sim/scenario.ts';
import { allServers, clientAddresses } from '../../src/sim/topology.ts';
import type { Hop, Outcome, RequestRecord } from '../../src/sim/types.ts';
import { headerOf, seenByEnd, type Seen } from './captures.ts';
import { pickerOf, REAL_FORWARDING } from './forwardings.ts';
import { buildInPathNetwork, type Replayed } from './l4Network.ts';
import { startNginx } from './l7Nginx.ts';
import { Namespaces } from './netns.ts';
import { CLIENT_JS, SERVER_JS, type ClientResult, type PlannedRequest } from './programs.ts';

/** The real lab runs at most this many requests, over at most this long, so a run ends soon. */
export const MAX_REQUESTS = 300;
export const MAX_SPAN_MS = 30_000;
/** A request unanswered this long past its service time is a timeout. */

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
  if (s.mode === 'L4' && REAL_FORWARDING[s.forwarding].picks === 'nftables') {
    const replays = 'or with a forwarding that replays the engine\'s picks ("nat", "dr", "tun")';
    if (s.algorithm === 'least-connections' || s.algorithm === 'weighted-least-connections')
      return `nftables has no ${s.algorithm} pick for full NAT (and this kernel no IPVS): run it in L7, ${replays}`;
    if (s.persistenceTimeoutMs > 0)
      return `nftables keeps no persistence templates for full NAT: remove "persistenceTimeoutMs", ${replays}`;
  }
  if (s.sessions) return 'the real lab\'s servers keep no login sessions yet: remove "sessions"';
  if (s.sticky) return 'open-source nginx cannot set a sticky cookie (nginx Plus can): remove "sticky"';
  if (s.events.length > 0) return `the real lab does not replay events yet ("${s.events[0]!.action}" at ${s.events[0]!.at} ms)`;
  if (s.mode === 'L4' && s.network.handshakes)
    return 'the real lab does not show L4 handshakes separately yet: remove "network.handshakes"';
  if (planned > MAX_REQUESTS) return `the scenario makes ${planned} requests; the real lab sends at most ${MAX_REQUESTS}`;
  if (span > MAX_SPAN_MS) return `the scenario lasts ${Math.round(span)} ms; the real lab runs at most ${MAX_SPAN_MS} ms`;
  return null;
}

/** The requests to send: the engine's own, with their times, clients and source ports. */
export function plan(s: Scenario): PlannedRequest[] {
  return simulateRun(s).records.map((r) => {
    const sent = r.hops.find((h) => h.node === 'client' && h.dir === 'request')?.out?.src ?? `${r.client}:0`;
    return {
      id: r.id,
      at: r.at,
      client: r.client,
      port: Number(sent.slice(sent.lastIndexOf(':') + 1)),
      method: r.method,
      path: r.path,
      host: s.network.serviceName,
      serviceMs: serviceOf(s, r.id),
      server: r.server,
      headers: s.requests?.[r.id - 1]?.headers ?? {},
      cookies: s.requests?.[r.id - 1]?.cookies ?? {},
    };
  });
}

function serviceOf(s: Scenario, id: number): number {
  const listed = s.requests?.[id - 1];
  return listed?.serviceMs ?? s.load?.serviceMs ?? 20;
}

/**
 * Builds the network, sends the requests over real TCP, and returns what happened, in id order.
 * With `capturesDir`, tcpdump records every packet at each link end (clients.pcap; lb1's, as
 * lb1-outside.pcap and lb1-inside.pcap where it sits between client and servers, lb1.pcap where
 * it has one link; one file per server) for Wireshark, beside the export's simulated pcap. L4
 * always captures (into a folder removed afterwards when none is given): its records are read
 * from the captures.
 */
export async function runRealLab(s: Scenario, capturesDir?: string): Promise<RealRecord[]> {
  const requests = plan(s);
  const ns = new Namespaces(`lbl${process.pid}`);
  try {
    const servers = allServers(s);
    const replay: Replayed[] = requests.flatMap((p) => {
      const server = servers.find((x) => x.name === p.server);
      return server ? [{ client: p.client, port: p.port, server }] : [];
    });
    const clients = clientAddresses(s);
    const net =
      s.mode === 'L4'
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
    if (s.mode === 'L7') await startNginx(ns, net.lb, s);
    await Promise.all(
      servers.map(async (x) => {
        const p = ns.start(net.servers.get(x.name)!, 'node', ['-e', SERVER_JS, net.listenOn ?? x.ip, String(x.port), x.name]);
        const [line] = (await once(p.stdout!, 'data')) as [Buffer];
        if (!line.toString().includes('ready')) throw new Error(`server ${x.name} did not start`);
      }),
    );
    const client = ns.start(
      net.client,
      'node',
      ['-e', CLIENT_JS, s.network.vip, String(s.network.vipPort), String(s.timeouts.clientMs)],
      JSON.stringify(requests),
    );
    let out = '';
    client.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    const [code] = (await once(client, 'exit')) as [number | null];
    if (code !== 0) throw new Error(`the client program failed: ${ns.lastWords(client) || `it ended with ${code}`}`);
    // tcpdump may still be reading what the kernel queued for it (a busy machine): stop it once
    // its files have stopped growing, or it drops the last packets (CI once missed a request).
    if (dir) await settledFiles(net.points.map((p) => file(p.file)));
    for (const c of captures) c.kill('SIGINT');
    await Promise.all(captures.map((c) => (c.exitCode === null ? once(c, 'exit') : null)));
    const results = JSON.parse(out) as ClientResult[];
    const byId = new Map(results.map((r) => [r.id, r]));
    const files = (role: string) => net.points.filter((p) => p.role === role).map((p) => ({ pcap: file(p.file), mac: p.mac }));
    const seen = s.mode === 'L4' ? await seenByEnd(files('balancer'), files('server')) : null;
    return requests.map((p) => recordOf(s, p, byId.get(p.id)!, seen));
  } finally {
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

function recordOf(s: Scenario, p: PlannedRequest, r: ClientResult, seen: ((end: string) => Seen) | null): RealRecord {
  const vip = `${s.network.vip}:${s.network.vipPort}`;
  const me = `${p.client}:${p.port}`;
  const hops: RealRecord['hops'] = [{ at: tenth(r.sentAt), node: 'client', dir: 'request', in: null, out: { src: me, dst: vip } }];
  const outcome = outcomeOf(s, r);
  const toClient = { src: vip, dst: me };
  if (outcome === 'ok' && r.server && r.saw && r.local) {
    // What reached the server: its capture where there is one (MACs, an outer header), else
    // the two ends its socket reported. And lb1's hops only where lb1's capture had the packets.
    const look = seen?.(me);
    const toServer = look?.atServer ? headerOf(look.atServer, FORWARDING[s.forwarding].carries) : { src: r.saw, dst: r.local };
    const back = { src: r.local, dst: r.saw };
    // L4 rewrites one packet on its way through; an L7 proxy takes the client's connection and
    // opens its own, so its arrival and its sending are two hops, as the engine records them.
    const through: RealRecord['hops'] =
      s.mode === 'L4'
        ? look && !look.lbSawRequest
          ? []
          : [{ at: null, node: 'lb1', dir: 'request', in: { src: me, dst: vip }, out: toServer }]
        : [
            { at: null, node: 'lb1', dir: 'request', in: { src: me, dst: vip }, out: null },
            { at: null, node: 'lb1', dir: 'request', in: null, out: toServer },
          ];
    const backThrough: RealRecord['hops'] =
      look && !look.lbSawAnswer ? [] : [{ at: null, node: 'lb1', dir: 'response', in: back, out: toClient }];
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
    server: outcome === 'ok' ? r.server : null,
    balancer: 'lb1',
    outcome,
    status: r.status,
    picked: pickerOf(s),
    latencyMs: tenth(r.doneAt - r.sentAt),
    hops,
  };
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
