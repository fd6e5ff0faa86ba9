import { ipHashOctets, IP_HASH_START } from './algorithms/ipHash.ts';
import { releasePeer, type Peer } from './algorithms/peers.ts';
import { pickPeer, pickPeerExplained, type Algorithm } from './algorithms/pick.ts';
import { createBalancer, masterDownMs, reloadPeers, takePort, type BalancerState } from './balancer.ts';
import { EventQueue } from './eventQueue.ts';
import { addHop, ep, header, lastOut, newRecord, t3, type Flow } from './flow.ts';
import { applyScenarioEvent } from './events.ts';
import { probeResult, startHealthChecks, sendProbes } from './health.ts';
import { createRng, type Rng } from './rng.ts';
import type { Scenario, ServerConfig } from './scenario.ts';
import { createStats, type Stats } from './stats.ts';
import { Traffic, type NumberedRequest } from './traffic.ts';
import type { Drop, HealthChange, Outcome, ProbeRecord, RequestRecord, VrrpRecord } from './types.ts';
import { advert, masterDown, startVrrp } from './vrrp.ts';

/**
 * Event kinds. The first CHANNELED kinds cross links of fixed delay, so the queue keeps them
 * in FIFO channels. Flow events carry the flow's slot and epoch (see `flowEvent`).
 */
export const enum Ev {
  LbRequest,
  ServerRequest,
  LbResponse,
  ServiceDone,
  DnsAnswer,
  Scenario,
  ConnectFailed,
  ReadTimeout,
  ClientRetry,
  ServerRetry,
  GiveUp,
  Advert,
  MasterDown,
  Probe,
  ProbeResult,
}
const CHANNELED = 4;
const SLOT_BITS = 21;
const SLOT_MASK = (1 << SLOT_BITS) - 1;
/** TCP's first retransmission timeout (RFC 6298), doubled on each retry. */
const RTO_MS = 1000;

export interface SimOptions {
  /** Build a full record (hops, NAT entry, decision) for every request. Off for benchmarks. */
  record?: boolean;
  /** Receives each request's record as it finishes (only when recording). */
  onRecord?: (r: RequestRecord) => void;
  onProbe?: (p: ProbeRecord) => void;
  onHealth?: (h: HealthChange) => void;
  onVrrp?: (v: VrrpRecord) => void;
}

/** A server as the simulation runs it; `member` says whether the upstream lists it. */
export interface ServerState {
  config: ServerConfig;
  member: boolean;
  /** Configured weight, as changed by events. */
  weight: number;
  failed: boolean;
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
const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE']);

/**
 * The simulated network: clients, DNS, the VIP on the VRRP master, the servers and the links
 * between them, driven by an event queue on simulated time. Deterministic: the same scenario
 * gives the same history, event for event. Fields are open to the engine's own modules
 * (vrrp.ts, health.ts, events.ts); views read records, never these.
 */
export class Simulation {
  readonly scenario: Scenario;
  now = 0;
  algorithm: Algorithm;
  readonly stats: Stats;
  readonly balancers: BalancerState[];
  /** Where the network delivers packets for the VIP (its ARP entry); -1 before anyone claims it. */
  vipOwner = -1;
  readonly servers: ServerState[];
  readonly q = new EventQueue(CHANNELED);
  readonly traffic: Traffic;
  readonly record: boolean;
  readonly options: SimOptions;
  private readonly rng: Rng;
  private readonly clients = new Map<string, ClientState>();
  /** Every flow object ever made, by slot; finished ones wait in `idle` to be reused. */
  private readonly flows: Flow[] = [];
  private readonly idle: Flow[] = [];
  /** Listed requests keep their place in the file as id; generated and sent ones follow. */
  lastId: number;

  constructor(scenario: Scenario, options: SimOptions = {}) {
    this.scenario = scenario;
    this.options = options;
    this.record = options.record ?? true;
    this.rng = createRng(scenario.seed);
    this.traffic = new Traffic(scenario);
    this.lastId = scenario.requests?.length ?? 0;
    this.algorithm = scenario.algorithm;
    this.servers = scenario.servers.map((config) => ({ config, member: true, weight: config.weight, failed: false, busy: 0, queue: [] }));
    this.stats = createStats(scenario.servers.map((s) => s.name));
    const net = scenario.network;
    this.balancers = [0, 1].map((i) =>
      createBalancer(i, net.balancerIps[i]!, scenario.balancers.priorities[i]!, this.rng.int(0, 1 << 20)));
    for (const b of this.balancers) this.reload(b);
    scenario.events.forEach((e, i) => this.q.push(e.at, Ev.Scenario, i));
    this.pendingScenarioEvents = scenario.events.length;
    const lastEvent = scenario.events.reduce((m, e) => Math.max(m, e.at), 0);
    const hc = scenario.healthCheck;
    const settle = Math.max(
      masterDownMs(scenario.balancers.advertIntervalMs, 1) + scenario.balancers.advertIntervalMs,
      hc ? (hc.fall + hc.rise + 1) * hc.intervalMs : 0,
    );
    this.quietAfter = scenario.events.some((e) => e.action === 'fail' || e.action === 'restore') ? lastEvent + settle : 0;
    startVrrp(this);
    startHealthChecks(this);
  }

  /** True when no request is left to send and none is in flight. */
  get done(): boolean {
    return this.flows.every((f) => !f.active) && this.traffic.peekAt() === Infinity;
  }

  /** Processes every event up to and including time `limit`. */
  runUntil(limit: number): void {
    const q = this.q;
    const traffic = this.traffic;
    let events = 0;
    // The next request's time changes only when a request is taken.
    let ts = traffic.peekAt();
    for (;;) {
      // Periodic timers (adverts, probes) keep the queue busy forever: stop with the traffic.
      if (ts === Infinity && limit === Infinity && this.idleExceptTimers()) break;
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

  private inFlightCount = 0;
  private pendingScenarioEvents: number;

  /** Timers (adverts, probes) play on this long after the last scenario event, so its effects show. */
  private quietAfter = 0;

  private idleExceptTimers(): boolean {
    return this.inFlightCount === 0 && this.pendingScenarioEvents === 0 && this.now >= this.quietAfter;
  }

  /** The flows in flight, for a view of the present moment. */
  inFlight(): Flow[] {
    return this.flows.filter((f) => f.active);
  }

  /** Rebuilds one balancer's upstream list (an nginx reload). */
  reload(b: BalancerState): void {
    reloadPeers(b, this.servers.map((s) => ({
      name: s.config.name, member: s.member, weight: s.weight, maxConns: s.config.maxConns, down: s.config.down,
    })), this.algorithm === 'round-robin', this.scenario.passive);
  }

  reloadAll(): void {
    for (const b of this.balancers) if (b.alive) this.reload(b);
  }

  flowEvent(at: number, kind: Ev, f: Flow): void {
    this.q.push(at, kind, f.slot | ((f.epoch & 0x1ff) << SLOT_BITS));
  }

  private dispatch(kind: number, payload: number): void {
    switch (kind) {
      case Ev.Scenario: this.pendingScenarioEvents--; return applyScenarioEvent(this, this.scenario.events[payload]!);
      case Ev.Advert: return advert(this, payload);
      case Ev.MasterDown: return masterDown(this, payload);
      case Ev.Probe: return sendProbes(this, payload);
      case Ev.ProbeResult: return probeResult(this, payload);
    }
    const f = this.flows[payload & SLOT_MASK]!;
    if (kind === Ev.GiveUp) {
      if (f.active && f.giveUp && f.spec.at + this.scenario.timeouts.clientMs === this.now) this.clientGivesUp(f);
      return;
    }
    if (!f.active || (payload >>> SLOT_BITS) !== (f.epoch & 0x1ff)) return; // a stale event
    switch (kind) {
      case Ev.DnsAnswer: return this.sendToVip(f);
      case Ev.LbRequest: return this.lbRequest(f);
      case Ev.ServerRequest: return this.serverRequest(f);
      case Ev.ServiceDone: return this.serviceDone(f);
      case Ev.LbResponse: return this.lbResponse(f);
      case Ev.ConnectFailed: return this.upstreamFailed(f, 'refused');
      case Ev.ReadTimeout: return this.upstreamFailed(f, 'timeout');
      case Ev.ClientRetry: f.clientTries++; return this.sendToVip(f);
      case Ev.ServerRetry: f.serverTries++; return this.lbResponse(f);
    }
  }

  // ——— the client ———

  clientSend(spec: NumberedRequest): void {
    this.stats.started++;
    this.inFlightCount++;
    let client = this.clients.get(spec.client);
    if (!client) {
      client = { octets: ipHashOctets(spec.client), nextPort: this.rng.int(0, EPHEMERAL_SPAN - 1), dnsAnsweredAt: -1, dnsUntil: -1 };
      this.clients.set(spec.client, client);
    }
    const f = this.idle.pop() ?? this.newFlow(spec);
    f.active = true;
    f.epoch++;
    f.id = spec.id || ++this.lastId;
    f.spec = spec;
    f.octets = client.octets;
    f.clientPort = EPHEMERAL_LOW + client.nextPort;
    f.balancer = -1;
    f.lbPort = 0;
    f.peer = null;
    f.tried = 0;
    f.hash = IP_HASH_START;
    f.tries = 0;
    f.atServer = 0;
    f.clientTries = 0;
    f.serverTries = 0;
    f.giveUp = false;
    f.rec = this.record ? newRecord(f.id, spec) : null;
    client.nextPort = (client.nextPort + 1) % EPHEMERAL_SPAN;
    if (this.now >= client.dnsUntil) {
      // The client asks DNS for the service name first; the answer is the VIP, never a server.
      const net = this.scenario.network;
      const answeredAt = this.now + 2 * net.dnsLatencyMs;
      client.dnsAnsweredAt = answeredAt;
      client.dnsUntil = answeredAt + net.dnsTtlMs;
      if (f.rec) f.rec.dns = { at: this.now, answeredAt: t3(answeredAt), name: net.serviceName, answer: net.vip };
      this.flowEvent(answeredAt, Ev.DnsAnswer, f);
    } else if (this.now < client.dnsAnsweredAt) {
      // A lookup is already under way: this request waits for the same answer.
      this.flowEvent(client.dnsAnsweredAt, Ev.DnsAnswer, f);
    } else {
      this.sendToVip(f);
    }
  }

  private newFlow(spec: NumberedRequest): Flow {
    const f: Flow = {
      slot: this.flows.length, active: false, epoch: 0, id: 0, spec, octets: [0, 0, 0], clientPort: 0,
      balancer: -1, boot: 0, lbPort: 0, peer: null, tried: 0, hash: 0, tries: 0, atServer: 0, sentAt: 0,
      clientTries: 0, serverTries: 0, giveUp: false, rec: null,
    };
    this.flows.push(f);
    return f;
  }

  private vipEndpoint(): string {
    const net = this.scenario.network;
    return ep(net.vip, net.vipPort);
  }

  private sendToVip(f: Flow): void {
    if (f.rec) addHop(f, this.now, 'client', 'request', null, header(ep(f.spec.client, f.clientPort), this.vipEndpoint()));
    this.flowEvent(this.now + this.scenario.network.clientLatencyMs, Ev.LbRequest, f);
  }

  /** Trouble began: from now on the client may give up waiting. */
  private armGiveUp(f: Flow): void {
    if (f.giveUp) return;
    f.giveUp = true;
    this.q.push(f.spec.at + this.scenario.timeouts.clientMs, Ev.GiveUp, f.slot);
  }

  private clientGivesUp(f: Flow): void {
    if (f.rec) addHop(f, this.now, 'client', 'response', null, null, 'timeout');
    this.abandonUpstream(f);
    this.finish(f, 'timeout', null, this.now);
  }

  // ——— the balancer ———

  lbName(i: number): string {
    return i === 0 ? 'lb1' : 'lb2';
  }

  /** The address the servers see as the source: the VIP (as in the notes) or the balancer's own. */
  private lbSourceIp(b: BalancerState): string {
    const net = this.scenario.network;
    return net.natSource === 'vip' ? net.vip : b.ip;
  }

  private lbRequest(f: Flow): void {
    const owner = this.vipOwner;
    const b = this.balancers[owner];
    const inH = f.rec ? header(ep(f.spec.client, f.clientPort), this.vipEndpoint()) : null;
    if (!b || !b.alive) {
      // Nobody alive holds the VIP: the packet is lost and the client will retransmit.
      if (f.rec) addHop(f, this.now, this.lbName(Math.max(0, owner)), 'request', inH, null, 'lost');
      this.armGiveUp(f);
      // The client retransmits one RTO after it sent (doubling each time).
      const resend = this.now - this.scenario.network.clientLatencyMs + RTO_MS * 2 ** f.clientTries;
      this.flowEvent(Math.max(this.now, resend), Ev.ClientRetry, f);
      return;
    }
    f.balancer = b.index;
    f.boot = b.boot;
    if (f.rec) {
      f.rec.balancer = b.name;
      addHop(f, this.now, b.name, 'request', inH, null);
    }
    this.forward(f, b);
  }

  /** Picks a server (or the next one, after a failure) and sends the request to it. */
  private forward(f: Flow, b: BalancerState): void {
    const net = this.scenario.network;
    let peer: Peer | null;
    if (f.rec) {
      const picked = pickPeerExplained(this.algorithm, b.peers, this.now, f);
      peer = picked.peer;
      f.rec.decision = picked.decision;
    } else {
      peer = pickPeer(this.algorithm, b.peers, this.now, f);
    }
    if (!peer) {
      // No server can take it: the balancer itself answers 503.
      if (f.rec) addHop(f, this.now, b.name, 'response', null, header(this.vipEndpoint(), ep(f.spec.client, f.clientPort)));
      f.peer = null;
      this.finish(f, 'unavailable', 503, this.now + net.balancerMs + net.clientLatencyMs);
      return;
    }
    f.peer = peer;
    f.lbPort = takePort(b);
    this.track(b, f);
    if (f.rec) {
      const server = this.servers[peer.server]!.config;
      const local = ep(this.lbSourceIp(b), f.lbPort);
      const srv = ep(server.ip, server.port);
      const last = f.rec.hops[f.rec.hops.length - 1]!;
      f.rec.server = peer.name;
      f.rec.nat = { client: ep(f.spec.client, f.clientPort), vip: this.vipEndpoint(), local, server: srv, openedAt: t3(this.now), closedAt: null };
      // The first pick rewrites the arriving packet; a retry sends the request anew.
      if (last.node === b.name && last.dir === 'request' && !last.out) last.out = header(local, srv);
      else addHop(f, this.now, b.name, 'request', null, header(local, srv));
    }
    f.sentAt = this.now + net.balancerMs;
    this.flowEvent(f.sentAt + net.serverLatencyMs, Ev.ServerRequest, f);
  }

  /** Adds the flow to the balancer's connection tracking (and its peer's, with sync). */
  private track(b: BalancerState, f: Flow): void {
    b.conntrack.set(f.lbPort, f);
    const other = this.balancers[1 - b.index]!;
    if (this.scenario.balancers.sync && other.alive) {
      other.conntrack.set(f.lbPort, f);
      other.portUsed[f.lbPort] = 1;
    }
  }

  private untrack(f: Flow): void {
    for (const b of this.balancers) {
      if (b.conntrack.get(f.lbPort) === f) {
        b.conntrack.delete(f.lbPort);
        b.portUsed[f.lbPort] = 0;
      }
    }
    if (f.rec?.nat && f.rec.nat.closedAt === null) f.rec.nat.closedAt = t3(this.now);
  }

  /** Ends the balancer's side of the current attempt: connection count, passive-failure record. */
  private releaseAttempt(f: Flow, failed: boolean): void {
    if (f.lbPort === 0) return;
    const b = this.balancers[f.balancer];
    if (b && b.alive && b.boot === f.boot && f.peer) {
      const peer = b.peerOf[f.peer.server];
      if (peer) releasePeer(peer, failed, Math.floor(this.now / 1000), b.peers.length === 1);
    }
    this.untrack(f);
    f.lbPort = 0;
  }

  /** The connection to the server failed (refused, or nothing answered): try the next one. */
  private upstreamFailed(f: Flow, why: Drop): void {
    const b = this.balancers[f.balancer]!;
    this.armGiveUp(f);
    if (f.rec) addHop(f, this.now, b.name, 'response', why === 'refused' ? lastOut(f) : null, null, why);
    f.epoch++;
    this.releaseAttempt(f, true);
    // A balancer that died (or restarted) since has forgotten this request: the client waits.
    if (!b.alive || b.boot !== f.boot) return;
    const tries = b.peers.length;
    const triedCount = popcount(f.tried);
    // nginx's proxy_next_upstream (error timeout): another server, unless every one was tried
    // or the request is not safe to send twice.
    if (triedCount >= tries || !IDEMPOTENT.has(f.spec.method)) {
      if (f.rec) {
        addHop(f, this.now, b.name, 'response', null, header(this.vipEndpoint(), ep(f.spec.client, f.clientPort)));
        f.rec.server = null;
      }
      f.peer = null;
      const net = this.scenario.network;
      this.finish(f, 'unavailable', 503, this.now + net.balancerMs + net.clientLatencyMs);
      return;
    }
    this.forward(f, b);
  }

  /** Forgets whatever the flow holds at its server and balancer (it ends early). */
  private abandonUpstream(f: Flow): void {
    if (f.atServer && f.peer) {
      const st = this.servers[f.peer.server]!;
      if (f.atServer === 2) this.freeWorker(st);
      else st.queue.splice(st.queue.indexOf(f), 1);
      f.atServer = 0;
    }
    this.releaseAttempt(f, false);
  }

  // ——— the server ———

  private serverRequest(f: Flow): void {
    const st = this.servers[f.peer!.server]!;
    const name = st.config.name;
    const arrived = lastOut(f);
    const net = this.scenario.network;
    if (st.failed) {
      this.armGiveUp(f);
      if (st.config.onFailure === 'refuse') {
        // The machine is up but nothing listens: it answers the connection with a reset.
        if (f.rec) {
          addHop(f, this.now, name, 'request', arrived, null, 'refused');
          addHop(f, this.now, name, 'response', null, arrived && header(arrived.dst, arrived.src));
        }
        this.flowEvent(this.now + net.serverLatencyMs, Ev.ConnectFailed, f);
      } else {
        if (f.rec) addHop(f, this.now, name, 'request', arrived, null, 'lost');
        this.flowEvent(f.sentAt + this.scenario.timeouts.connectMs, Ev.ReadTimeout, f);
      }
      return;
    }
    if (f.rec) addHop(f, this.now, name, 'request', arrived, null);
    if (st.busy < st.config.concurrency) this.startService(f, st);
    else {
      f.atServer = 1;
      st.queue.push(f);
    }
  }

  private startService(f: Flow, st: ServerState): void {
    st.busy++;
    f.atServer = 2;
    this.flowEvent(this.now + f.spec.serviceMs / st.config.speed, Ev.ServiceDone, f);
  }

  private freeWorker(st: ServerState): void {
    st.busy--;
    const next = st.queue.shift();
    if (next) this.startService(next, st);
  }

  private serviceDone(f: Flow): void {
    const st = this.servers[f.peer!.server]!;
    f.atServer = 0;
    this.freeWorker(st);
    if (f.rec) {
      const arrived = f.rec.hops[f.rec.hops.length - 1]!.in!;
      addHop(f, this.now, st.config.name, 'response', null, header(arrived.dst, arrived.src));
    }
    this.flowEvent(this.now + this.scenario.network.serverLatencyMs, Ev.LbResponse, f);
  }

  /** A server fails or comes back; what was under way there is answered as the failure says. */
  setServerFailed(index: number, failed: boolean): void {
    const st = this.servers[index]!;
    if (st.failed === failed) return;
    st.failed = failed;
    if (!failed) return;
    const net = this.scenario.network;
    for (const f of this.flows) {
      if (!f.active || !f.atServer || f.peer?.server !== index) continue;
      f.epoch++;
      this.armGiveUp(f);
      if (f.atServer === 2) st.busy--;
      f.atServer = 0;
      if (st.config.onFailure === 'refuse') {
        // The process died: the kernel resets its connections at once.
        if (f.rec) addHop(f, this.now, st.config.name, 'response', null, lastOut(f) && header(lastOut(f)!.dst, lastOut(f)!.src));
        this.flowEvent(this.now + net.serverLatencyMs, Ev.ConnectFailed, f);
      } else {
        // The machine hangs: the balancer hears nothing until its read timeout.
        this.flowEvent(Math.max(this.now, f.sentAt + this.scenario.timeouts.readMs), Ev.ReadTimeout, f);
      }
    }
    st.queue.length = 0;
  }

  // ——— the response ———

  private lbResponse(f: Flow): void {
    const net = this.scenario.network;
    // The response goes to the address the server saw: the VIP (whoever holds it now) or the
    // picking balancer's own address.
    const target = net.natSource === 'vip' ? this.vipOwner : f.balancer;
    const b = this.balancers[target];
    const arrived = lastOut(f);
    if (!b || !b.alive) {
      if (f.rec) addHop(f, this.now, this.lbName(Math.max(0, target)), 'response', arrived, null, 'lost');
      this.armGiveUp(f);
      this.flowEvent(this.now + RTO_MS * 2 ** f.serverTries, Ev.ServerRetry, f);
      return;
    }
    const client = header(this.vipEndpoint(), ep(f.spec.client, f.clientPort));
    if (b.conntrack.get(f.lbPort) !== f) {
      // A balancer without this connection's state (it was the other one's): it resets it.
      if (f.rec) {
        addHop(f, this.now, b.name, 'response', arrived, client, 'reset');
        addHop(f, this.now + net.clientLatencyMs, 'client', 'response', client, null, 'reset');
      }
      this.abandonUpstream(f);
      this.finish(f, 'reset', null, this.now + net.clientLatencyMs);
      return;
    }
    this.releaseAttempt(f, false);
    if (f.rec) {
      if (b.index !== f.balancer) f.rec.balancer = b.name;
      addHop(f, this.now, b.name, 'response', arrived, client);
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
    this.inFlightCount--;
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
      if (status !== null) addHop(f, doneAt, 'client', 'response', lastOut(f), null);
      rec.outcome = outcome;
      rec.status = status;
      rec.doneAt = t3(doneAt);
      rec.latencyMs = t3(latency);
      this.options.onRecord?.(rec);
    }
    f.active = false;
    f.epoch++;
    f.rec = null;
    this.idle.push(f);
  }
}

function popcount(x: number): number {
  let n = 0;
  for (let v = x >>> 0; v; v &= v - 1) n++;
  return n;
}

/** Runs a scenario to the end and returns every request's record, by id. */
export function simulate(scenario: Scenario): RequestRecord[] {
  return simulateRun(scenario).records;
}

export interface RunResult {
  records: RequestRecord[];
  probes: ProbeRecord[];
  health: HealthChange[];
  vrrp: VrrpRecord[];
}

/** Runs a scenario to the end: every request's record by id, and what the balancers did. */
export function simulateRun(scenario: Scenario): RunResult {
  const out: RunResult = { records: [], probes: [], health: [], vrrp: [] };
  const sim = new Simulation(scenario, {
    record: true,
    onRecord: (r) => out.records.push(r),
    onProbe: (p) => out.probes.push(p),
    onHealth: (h) => out.health.push(h),
    onVrrp: (v) => out.vrrp.push(v),
  });
  sim.run();
  out.records.sort((a, b) => a.id - b.id);
  return out;
}
