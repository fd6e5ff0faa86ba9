import { once } from 'node:events';
import { existsSync, statSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import { simulateRun } from '../../src/sim/engine.ts';
import type { Scenario } from '../../src/sim/scenario.ts';
import { allServers, clientAddresses } from '../../src/sim/topology.ts';
import type { Hop, Outcome, RequestRecord } from '../../src/sim/types.ts';
import { buildL4Network } from './l4Network.ts';
import { startNginx } from './l7Nginx.ts';
import { Namespaces } from './netns.ts';
import { CLIENT_JS, SERVER_JS, type ClientResult, type PlannedRequest } from './programs.ts';

/** The real lab runs at most this many requests, over at most this long, so a run ends soon. */
export const MAX_REQUESTS = 300;
export const MAX_SPAN_MS = 30_000;
/** A request unanswered this long past its service time is a timeout. */
const CLIENT_PATIENCE_MS = 5_000;

/** A request as the real lab saw it: the command line's record, with what was measured. */
export type RealRecord = Pick<RequestRecord, 'id' | 'at' | 'client' | 'method' | 'path' | 'server' | 'balancer' | 'outcome' | 'status'> & {
  latencyMs: number;
  /**
   * The hops, with addresses as observed: the client's own end, and the two ends the server
   * saw; the balancer's hops are those two sides of its NAT. A hop's `at` is null where nothing
   * was measured (the balancer: nothing runs there but the kernel).
   */
  hops: (Omit<Hop, 'at'> & { at: number | null })[];
};

/** Why the real lab cannot run this scenario yet, or null when it can. */
export function unsupported(s: Scenario, planned: number, span: number): string | null {
  if (s.mode === 'L4' && s.algorithm === 'least-connections')
    return 'the kernel has no least-connections pick (nftables has none): run it in L7';
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
 * With `capturesDir`, tcpdump records every packet at each node (clients.pcap, lb1-outside.pcap,
 * lb1-inside.pcap, and one file per server) for Wireshark, beside the export's simulated pcap.
 */
export async function runRealLab(s: Scenario, capturesDir?: string): Promise<RealRecord[]> {
  const requests = plan(s);
  const ns = new Namespaces(`lbl${process.pid}`);
  try {
    const servers = allServers(s);
    const net = buildL4Network(ns, s, clientAddresses(s), servers);
    // One file per link end, so no packet is written twice: lb1's two sides apart.
    const points: [file: string, where: string, device: string][] = [
      ['clients', net.client, 'c0'],
      ['lb1-outside', net.lb, 'o0'],
      ['lb1-inside', net.lb, 'br0'],
      ...[...net.servers].map(([name, where]): [string, string, string] => [name, where, 'eth0']),
    ];
    const captures = capturesDir
      ? points.map(([file, where, device]) =>
          ns.start(where, 'tcpdump', ['-i', device, '-U', '-n', '-Z', 'root', '-w', join(capturesDir, `${file}.pcap`)]),
        )
      : [];
    // tcpdump says "listening on …" on stderr once it captures.
    await Promise.all(captures.map((c) => once(c.stderr!, 'data')));
    if (s.mode === 'L7') await startNginx(ns, net.lb, s);
    await Promise.all(
      servers.map(async (x) => {
        const p = ns.start(net.servers.get(x.name)!, 'node', ['-e', SERVER_JS, x.ip, String(x.port), x.name]);
        const [line] = (await once(p.stdout!, 'data')) as [Buffer];
        if (!line.toString().includes('ready')) throw new Error(`server ${x.name} did not start`);
      }),
    );
    const client = ns.start(net.client, 'node', [
      '-e',
      CLIENT_JS,
      s.network.vip,
      String(s.network.vipPort),
      String(CLIENT_PATIENCE_MS + requests.reduce((m, r) => Math.max(m, r.serviceMs), 0)),
      JSON.stringify(requests),
    ]);
    let out = '';
    client.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    const [code] = (await once(client, 'exit')) as [number | null];
    if (code !== 0) throw new Error(`the client program ended with ${code}`);
    // tcpdump may still be reading what the kernel queued for it (a busy machine): stop it once
    // its files have stopped growing, or it drops the last packets (CI once missed a request).
    if (capturesDir) await settledFiles(points.map(([file]) => join(capturesDir, `${file}.pcap`)));
    for (const c of captures) c.kill('SIGINT');
    await Promise.all(captures.map((c) => (c.exitCode === null ? once(c, 'exit') : null)));
    const results = JSON.parse(out) as ClientResult[];
    const byId = new Map(results.map((r) => [r.id, r]));
    return requests.map((p) => recordOf(s, p, byId.get(p.id)!));
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
  if (r.server !== null && r.recvAt !== null && r.recvAt < r.sentAt) return 'cached';
  if (r.server !== null) return 'ok';
  if (r.status === 502) return 'unavailable';
  if (r.status === 504) return 'timeout';
  return 'blocked';
}

/** Times to a tenth of a millisecond, as the engine's records are read. */
const tenth = (x: number): number => Math.round(x * 10) / 10;
const maybeTenth = (x: number | null): number | null => (x === null ? null : tenth(x));

function recordOf(s: Scenario, p: PlannedRequest, r: ClientResult): RealRecord {
  const vip = `${s.network.vip}:${s.network.vipPort}`;
  const me = `${p.client}:${p.port}`;
  const hops: RealRecord['hops'] = [{ at: tenth(r.sentAt), node: 'client', dir: 'request', in: null, out: { src: me, dst: vip } }];
  const outcome = outcomeOf(s, r);
  const toClient = { src: vip, dst: me };
  if (outcome === 'ok' && r.server && r.saw && r.local) {
    const toServer = { src: r.saw, dst: r.local };
    const back = { src: r.local, dst: r.saw };
    // L4 rewrites one packet on its way through; an L7 proxy takes the client's connection and
    // opens its own, so its arrival and its sending are two hops, as the engine records them.
    const through: RealRecord['hops'] =
      s.mode === 'L4'
        ? [{ at: null, node: 'lb1', dir: 'request', in: { src: me, dst: vip }, out: toServer }]
        : [
            { at: null, node: 'lb1', dir: 'request', in: { src: me, dst: vip }, out: null },
            { at: null, node: 'lb1', dir: 'request', in: null, out: toServer },
          ];
    hops.push(
      ...through,
      { at: maybeTenth(r.recvAt), node: r.server, dir: 'request', in: toServer, out: null },
      { at: maybeTenth(r.answeredAt), node: r.server, dir: 'response', in: null, out: back },
      { at: null, node: 'lb1', dir: 'response', in: back, out: toClient },
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
