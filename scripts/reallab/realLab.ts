import { once } from 'node:events';
import { simulateRun } from '../../src/sim/engine.ts';
import type { Scenario } from '../../src/sim/scenario.ts';
import { allServers, clientAddresses } from '../../src/sim/topology.ts';
import type { Hop, Outcome, RequestRecord } from '../../src/sim/types.ts';
import { buildL4Network } from './l4Network.ts';
import { Namespaces } from './netns.ts';
import { CLIENT_JS, SERVER_JS, type ClientResult, type PlannedRequest } from './programs.ts';

/** The real lab runs at most this many requests, over at most this long, so a run ends soon. */
export const MAX_REQUESTS = 300;
export const MAX_SPAN_MS = 30_000;
/** A request unanswered this long is a timeout (the lab's clients give up as the engine's do). */
const CLIENT_TIMEOUT_MS = 5_000;

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
  if (s.mode !== 'L4') return 'the real lab runs L4 scenarios (kernel NAT) so far; this one is L7';
  if (s.algorithm === 'least-connections') return 'the kernel has no least-connections pick (nftables has none): choose another algorithm';
  if (s.events.length > 0) return `the real lab does not replay events yet ("${s.events[0]!.action}" at ${s.events[0]!.at} ms)`;
  if (s.network.handshakes) return 'the real lab does not show handshakes separately yet: remove "network.handshakes"';
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
    };
  });
}

function serviceOf(s: Scenario, id: number): number {
  const listed = s.requests?.[id - 1];
  return listed?.serviceMs ?? s.load?.serviceMs ?? 20;
}

/** Builds the network, sends the requests over real TCP, and returns what happened, in id order. */
export async function runRealLab(s: Scenario): Promise<RealRecord[]> {
  const requests = plan(s);
  const ns = new Namespaces(`lbl${process.pid}`);
  try {
    const servers = allServers(s);
    const net = buildL4Network(ns, s, clientAddresses(s), servers);
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
      String(CLIENT_TIMEOUT_MS),
      JSON.stringify(requests),
    ]);
    let out = '';
    client.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    const [code] = (await once(client, 'exit')) as [number | null];
    if (code !== 0) throw new Error(`the client program ended with ${code}`);
    const results = JSON.parse(out) as ClientResult[];
    const byId = new Map(results.map((r) => [r.id, r]));
    return requests.map((p) => recordOf(s, p, byId.get(p.id)!));
  } finally {
    ns.cleanup();
  }
}

function outcomeOf(r: ClientResult): Outcome {
  if (r.status !== null) return 'ok';
  return r.error === 'timeout' ? 'timeout' : 'reset';
}

/** Times to a tenth of a millisecond, as the engine's records are read. */
const tenth = (x: number): number => Math.round(x * 10) / 10;
const maybeTenth = (x: number | null): number | null => (x === null ? null : tenth(x));

function recordOf(s: Scenario, p: PlannedRequest, r: ClientResult): RealRecord {
  const vip = `${s.network.vip}:${s.network.vipPort}`;
  const me = `${p.client}:${p.port}`;
  const hops: RealRecord['hops'] = [{ at: tenth(r.sentAt), node: 'client', dir: 'request', in: null, out: { src: me, dst: vip } }];
  if (r.server && r.saw && r.local) {
    const toServer = { src: r.saw, dst: r.local };
    const back = { src: r.local, dst: r.saw };
    hops.push(
      { at: null, node: 'lb1', dir: 'request', in: { src: me, dst: vip }, out: toServer },
      { at: maybeTenth(r.recvAt), node: r.server, dir: 'request', in: toServer, out: null },
      { at: maybeTenth(r.answeredAt), node: r.server, dir: 'response', in: null, out: back },
      { at: null, node: 'lb1', dir: 'response', in: back, out: { src: vip, dst: me } },
      { at: tenth(r.doneAt), node: 'client', dir: 'response', in: { src: vip, dst: me }, out: null },
    );
  }
  return {
    id: p.id,
    at: p.at,
    client: p.client,
    method: p.method,
    path: p.path,
    server: r.server,
    balancer: 'lb1',
    outcome: outcomeOf(r),
    status: r.status,
    latencyMs: tenth(r.doneAt - r.sentAt),
    hops,
  };
}
