import { ipHashOctets, IP_HASH_START } from './algorithms/ipHash.ts';
import { createPeers, releasePeer, type Peer } from './algorithms/peers.ts';
import { pickPeer, pickPeerExplained, type Algorithm } from './algorithms/pick.ts';
import { EventQueue } from './eventQueue.ts';
import { addHop, ep, header, newRecord, t3, type Flow } from './flow.ts';
import { createRng, type Rng } from './rng.ts';
import {
  clientList, DEFAULT_SERVICE_MS, serverConfig, type Scenario, type ScenarioEvent, type ServerConfig,
} from './scenario.ts';
import { createStats, type Stats } from './stats.ts';
import { Traffic, type NumberedRequest } from './traffic.ts';
import type { Outcome, RequestRecord } from './types.ts';

/**
 * Event kinds; the payload is a flow's slot, or an index into the scenario's events. The
 * first CHANNELED kinds cross links of fixed delay, so the queue can keep them in FIFO channels.
 */
const enum Ev {
  LbRequest,
  ServerRequest,
  LbResponse,
  ServiceDone,
  DnsAnswer,
  Scenario,
}
const CHANNELED = 4;

export interface SimOptions {
  /** Build a full record (hops, NAT entry, decision) for every request. Off for benchmarks. */
  record?: boolean;
  /** Receives each request's record as it finishes (only when recording). */
  onRecord?: (r: RequestRecord) => void;
}

/** A server as the simulation runs it; `member` says whether the balancer's upstream lists it. */
interface ServerState {
  config: ServerConfig;
  member: boolean;
  /** Configured weight, as changed by events. */
  weight: number;
  busy: number;
  queue: Flow[];
}

interface ClientState {
  octets: [number, number, number];
  nextPort: number;
  dnsAnsweredAt: number;
  dnsUntil: number;
}

const EPHEMERAL_LOW = 49152;
const EPHEMERAL_SPAN = 65536 - EPHEMERAL_LOW;
// Linux's default ip_local_port_range, used by the balancer toward the servers.
const LB_PORT_LOW = 32768;
const LB_PORT_SPAN = 61000 - LB_PORT_LOW;

/**
 * The simulated network: clients, DNS, the VIP on the active balancer, the servers and the
 * links between them, driven by an event queue on simulated time. Deterministic: the same
 * scenario gives the same history, event for event.
 */
export class Simulation {
  readonly scenario: Scenario;
  now = 0;
  algorithm: Algorithm;
  /** The balancer's upstream list; rebuilt, like an nginx reload, when the configuration changes. */
  peers: Peer[] = [];
  readonly stats: Stats;
  /** The balancers' connection-tracking tables: balancer port -> flow. */
  readonly conntrack: Map<number, Flow>[] = [new Map(), new Map()];
  /** Index of the balancer that holds the VIP. */
  active = 0;

  private readonly q = new EventQueue(CHANNELED);
  private readonly rng: Rng;
  private readonly traffic: Traffic;
  private readonly record: boolean;
  private readonly onRecord: ((r: RequestRecord) => void) | undefined;
  readonly servers: ServerState[];
  /** The current peer for each server, or undefined while it is out of the upstream list. */
  private peerOf: (Peer | undefined)[] = [];
  private readonly clients = new Map<string, ClientState>();
  private readonly lbNextPort: number[];
  private readonly lbPortUsed = [new Uint8Array(65536), new Uint8Array(65536)];
  /** Every flow object ever made, by slot; finished ones wait in `idle` to be reused. */
  private readonly flows: Flow[] = [];
  private readonly idle: Flow[] = [];
  /** Listed requests keep their place in the file as id; generated and sent ones follow. */
  private lastId: number;

  constructor(scenario: Scenario, options: SimOptions = {}) {
    this.scenario = scenario;
    this.record = options.record ?? true;
    this.onRecord = options.onRecord;
    this.rng = createRng(scenario.seed);
    this.traffic = new Traffic(scenario);
    this.lastId = scenario.requests?.length ?? 0;
    this.algorithm = scenario.algorithm;
    this.servers = scenario.servers.map((config) => ({ config, member: true, weight: config.weight, busy: 0, queue: [] }));
    this.stats = createStats(scenario.servers.map((s) => s.name));
    this.reload();
    this.lbNextPort = [this.rng.int(0, LB_PORT_SPAN - 1), this.rng.int(0, LB_PORT_SPAN - 1)];
    scenario.events.forEach((e, i) => this.q.push(e.at, Ev.Scenario, i));
  }

  /** True when no request is left to send and none is in flight. */
  get done(): boolean {
    return this.q.size === 0 && this.traffic.peekAt() === Infinity;
  }

  /** Processes every event up to and including time `limit`. */
  runUntil(limit: number): void {
    const q = this.q;
    const traffic = this.traffic;
    let events = 0;
    // The next request's time changes only when a request is taken.
    let ts = traffic.peekAt();
    for (;;) {
      // Events already under way come before a new request sent at the same moment.
      if (q.popUntil(ts < limit ? ts : limit)) {
        this.now = q.topTime;
        events++;
        this.dispatch(q.topKind, q.topPayload);
      } else if (ts <= limit && ts !== Infinity) {
        this.now = ts;
        events++;
        this.clientSend(traffic.next());
        ts = traffic.peekAt();
      } else {
        break;
      }
    }
    this.stats.events += events;
    if (limit !== Infinity && limit > this.now) this.now = limit;
  }

  run(): void {
    this.runUntil(Infinity);
  }

  /** The flows in flight, for a view of the present moment. */
  inFlight(): Flow[] {
    return this.flows.filter((f) => f.active);
  }

  /**
   * Builds the upstream list from the servers that are members, as an nginx reload does: the
   * balancing state starts afresh. Open connections stay counted, since they are still open.
   */
  private reload(): void {
    const members = this.servers.map((s, i) => ({ s, i })).filter(({ s }) => s.member);
    const peers = createPeers(members.map(({ s, i }) => ({
      name: s.config.name,
      server: i,
      // nginx's plain round robin is smooth WRR with every weight 1.
      weight: this.algorithm === 'round-robin' ? 1 : s.weight,
      maxFails: this.scenario.passive.maxFails,
      failTimeoutMs: this.scenario.passive.failTimeoutMs,
      maxConns: s.config.maxConns,
      down: s.config.down,
    })));
    const peerOf: (Peer | undefined)[] = this.servers.map(() => undefined);
    for (const p of peers) {
      p.conns = this.peerOf[p.server]?.conns ?? 0;
      peerOf[p.server] = p;
    }
    this.peers = peers;
    this.peerOf = peerOf;
  }

  private dispatch(kind: number, payload: number): void {
    if (kind === Ev.Scenario) {
      this.applyEvent(this.scenario.events[payload]!);
      return;
    }
    const f = this.flows[payload]!;
    switch (kind) {
      case Ev.DnsAnswer: return this.sendToVip(f);
      case Ev.LbRequest: return this.lbRequest(f);
      case Ev.ServerRequest: return this.serverRequest(f);
      case Ev.ServiceDone: return this.serviceDone(f);
      case Ev.LbResponse: return this.lbResponse(f);
    }
  }

  private clientSend(spec: NumberedRequest): void {
    this.stats.started++;
    let client = this.clients.get(spec.client);
    if (!client) {
      client = { octets: ipHashOctets(spec.client), nextPort: this.rng.int(0, EPHEMERAL_SPAN - 1), dnsAnsweredAt: -1, dnsUntil: -1 };
      this.clients.set(spec.client, client);
    }
    const f = this.idle.pop() ?? this.newFlow(spec);
    f.active = true;
    f.id = spec.id || ++this.lastId;
    f.spec = spec;
    f.octets = client.octets;
    f.clientPort = EPHEMERAL_LOW + client.nextPort;
    f.balancer = this.active;
    f.lbPort = 0;
    f.peer = null;
    f.tried = 0;
    f.hash = IP_HASH_START;
    f.tries = 0;
    f.rec = this.record ? newRecord(f.id, spec) : null;
    const slot = f.slot;
    client.nextPort = (client.nextPort + 1) % EPHEMERAL_SPAN;
    if (this.now >= client.dnsUntil) {
      // The client asks DNS for the service name first; the answer is the VIP, never a server.
      const net = this.scenario.network;
      const answeredAt = this.now + 2 * net.dnsLatencyMs;
      client.dnsAnsweredAt = answeredAt;
      client.dnsUntil = answeredAt + net.dnsTtlMs;
      if (f.rec) f.rec.dns = { at: this.now, answeredAt: t3(answeredAt), name: net.serviceName, answer: net.vip };
      this.q.push(answeredAt, Ev.DnsAnswer, slot);
    } else if (this.now < client.dnsAnsweredAt) {
      // A lookup is already under way: this request waits for the same answer.
      this.q.push(client.dnsAnsweredAt, Ev.DnsAnswer, slot);
    } else {
      this.sendToVip(f);
    }
  }

  private newFlow(spec: NumberedRequest): Flow {
    const f: Flow = {
      slot: this.flows.length, active: false, id: 0, spec, octets: [0, 0, 0], clientPort: 0,
      balancer: 0, lbPort: 0, peer: null, tried: 0, hash: 0, tries: 0, rec: null,
    };
    this.flows.push(f);
    return f;
  }

  private sendToVip(f: Flow): void {
    const net = this.scenario.network;
    if (f.rec) addHop(f, this.now, 'client', 'request', null, header(ep(f.spec.client, f.clientPort), ep(net.vip, net.vipPort)));
    this.q.push(this.now + net.clientLatencyMs, Ev.LbRequest, f.slot);
  }

  private lbName(i: number): string {
    return i === 0 ? 'lb1' : 'lb2';
  }

  /** The address the servers see as the source: the VIP (as in the notes) or the balancer's own. */
  private lbSourceIp(lb: number): string {
    const net = this.scenario.network;
    return net.natSource === 'vip' ? net.vip : net.balancerIps[lb]!;
  }

  private lbRequest(f: Flow): void {
    const net = this.scenario.network;
    const lb = this.active;
    f.balancer = lb;
    let peer: Peer | null;
    if (f.rec) {
      const picked = pickPeerExplained(this.algorithm, this.peers, this.now, f);
      peer = picked.peer;
      f.rec.balancer = this.lbName(lb);
      f.rec.decision = picked.decision;
    } else {
      peer = pickPeer(this.algorithm, this.peers, this.now, f);
    }
    const inH = f.rec ? header(ep(f.spec.client, f.clientPort), ep(net.vip, net.vipPort)) : null;
    if (!peer) {
      // No server can take it: the balancer itself answers 503.
      if (f.rec) {
        addHop(f, this.now, this.lbName(lb), 'request', inH, null);
        addHop(f, this.now, this.lbName(lb), 'response', null, header(ep(net.vip, net.vipPort), ep(f.spec.client, f.clientPort)));
      }
      f.peer = null;
      this.finish(f, 'unavailable', 503, this.now + net.balancerMs + net.clientLatencyMs);
      return;
    }
    f.peer = peer;
    f.lbPort = this.takeLbPort(lb);
    this.conntrack[lb]!.set(f.lbPort, f);
    if (f.rec) {
      const server = this.servers[peer.server]!.config;
      const local = ep(this.lbSourceIp(lb), f.lbPort);
      const srv = ep(server.ip, server.port);
      f.rec.server = peer.name;
      f.rec.nat = { client: inH!.src, vip: inH!.dst, local, server: srv, openedAt: t3(this.now), closedAt: null };
      addHop(f, this.now, this.lbName(lb), 'request', inH, header(local, srv));
    }
    this.q.push(this.now + net.balancerMs + net.serverLatencyMs, Ev.ServerRequest, f.slot);
  }

  private takeLbPort(lb: number): number {
    const used = this.lbPortUsed[lb]!;
    let p = this.lbNextPort[lb]!;
    for (let n = 0; n < LB_PORT_SPAN && used[LB_PORT_LOW + p]; n++) p = (p + 1) % LB_PORT_SPAN;
    this.lbNextPort[lb] = (p + 1) % LB_PORT_SPAN;
    used[LB_PORT_LOW + p] = 1;
    return LB_PORT_LOW + p;
  }

  private serverRequest(f: Flow): void {
    const peer = f.peer!;
    if (f.rec) addHop(f, this.now, peer.name, 'request', f.rec.hops[f.rec.hops.length - 1]!.out, null);
    const st = this.servers[peer.server]!;
    if (st.busy < st.config.concurrency) this.startService(f, st);
    else st.queue.push(f);
  }

  private startService(f: Flow, st: ServerState): void {
    st.busy++;
    this.q.push(this.now + f.spec.serviceMs / st.config.speed, Ev.ServiceDone, f.slot);
  }

  private serviceDone(f: Flow): void {
    const peer = f.peer!;
    const st = this.servers[peer.server]!;
    st.busy--;
    const next = st.queue.shift();
    if (next) this.startService(next, st);
    if (f.rec) {
      const arrived = f.rec.hops[f.rec.hops.length - 1]!.in!;
      addHop(f, this.now, peer.name, 'response', null, header(arrived.dst, arrived.src));
    }
    this.q.push(this.now + this.scenario.network.serverLatencyMs, Ev.LbResponse, f.slot);
  }

  private lbResponse(f: Flow): void {
    const net = this.scenario.network;
    const lb = f.balancer;
    this.conntrack[lb]!.delete(f.lbPort);
    this.lbPortUsed[lb]![f.lbPort] = 0;
    // Released on the server's current peer: a reload since the pick keeps the count truthful.
    const peer = this.peerOf[f.peer!.server];
    if (peer) releasePeer(peer, false, Math.floor(this.now / 1000), this.peers.length === 1);
    if (f.rec) {
      const inH = f.rec.hops[f.rec.hops.length - 1]!.out!;
      addHop(f, this.now, this.lbName(lb), 'response', inH, header(ep(net.vip, net.vipPort), ep(f.spec.client, f.clientPort)));
      f.rec.nat!.closedAt = t3(this.now);
    }
    this.finish(f, 'ok', 200, this.now + net.balancerMs + net.clientLatencyMs);
  }

  /**
   * The request's end, settled when its last packet leaves the balancer (or the client gives
   * up): nothing can change a packet already on its way to the client, so its arrival at
   * `doneAt` needs no event of its own.
   */
  private finish(f: Flow, outcome: Outcome, status: number | null, doneAt: number): void {
    const s = this.stats;
    s.finished++;
    if (outcome === 'ok' && f.peer) {
      s.outcomes.ok++;
      s.served[f.peer.server]!++;
    } else {
      s.outcomes[outcome]++;
    }
    const latency = doneAt - f.spec.at;
    s.latencySumMs += latency;
    if (latency > s.latencyMaxMs) s.latencyMaxMs = latency;
    const rec = f.rec;
    if (rec) {
      if (status !== null) {
        const last = rec.hops[rec.hops.length - 1]!;
        addHop(f, doneAt, 'client', 'response', last.out, null);
      }
      rec.outcome = outcome;
      rec.status = status;
      rec.doneAt = t3(doneAt);
      rec.latencyMs = t3(latency);
      this.onRecord?.(rec);
    }
    f.active = false;
    f.rec = null;
    this.idle.push(f);
  }

  private applyEvent(e: ScenarioEvent): void {
    const server = (name: string) => this.servers.find((s) => s.config.name === name);
    switch (e.action) {
      case 'set-algorithm':
        this.algorithm = e.algorithm;
        break;
      case 'set-weight':
        server(e.target)!.weight = e.weight;
        break;
      case 'add-server': {
        const existing = server(e.server.name);
        if (existing) existing.member = true;
        else {
          const config = serverConfig(e.server, this.servers.length);
          this.servers.push({ config, member: true, weight: config.weight, busy: 0, queue: [] });
          this.stats.served.push(0);
        }
        break;
      }
      case 'remove-server':
        server(e.target)!.member = false;
        break;
      case 'set-load': {
        const { load, endMs } = this.traffic.currentLoad();
        this.traffic.setLoad(this.now, {
          clients: e.clients === undefined ? load?.clients ?? clientList(1) : clientList(e.clients),
          ratePerSec: e.ratePerSec ?? load?.ratePerSec ?? 1,
          durationMs: 0,
          serviceMs: e.serviceMs ?? load?.serviceMs ?? DEFAULT_SERVICE_MS,
          paths: load?.paths ?? ['/'],
        }, e.durationMs !== undefined ? this.now + e.durationMs : load ? endMs : this.now + 60_000);
        return;
      }
      case 'request':
        this.clientSend({
          id: 0, at: this.now, client: e.client, method: e.method ?? 'GET', path: e.path ?? '/',
          serviceMs: e.serviceMs ?? this.traffic.currentLoad().load?.serviceMs ?? DEFAULT_SERVICE_MS,
        });
        return;
    }
    this.reload();
  }
}

/** Runs a scenario to the end and returns every request's record, by id. */
export function simulate(scenario: Scenario): RequestRecord[] {
  const out: RequestRecord[] = [];
  const sim = new Simulation(scenario, { record: true, onRecord: (r) => out.push(r) });
  sim.run();
  return out.sort((a, b) => a.id - b.id);
}
