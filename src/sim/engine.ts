import { ipHashOctets, IP_HASH_START } from './algorithms/ipHash.ts';
import type { Algorithm } from './algorithms/pick.ts';
import { createBalancer, masterDownMs, reloadPeers, type BalancerState } from './balancer.ts';
import { EventQueue } from './eventQueue.ts';
import { addHop, ep, header, lastOut, newRecord, t3, type Flow } from './flow.ts';
import { serverRequest, serviceDone } from './servers.ts';
import { abandonUpstream, lbRequest, lbResponse, upstreamFailed } from './upstream.ts';
import { applyScenarioEvent } from './events.ts';
import { probeResult, startHealthChecks, sendProbes } from './health.ts';
import { createRng, type Rng } from './rng.ts';
import type { Scenario, ServerConfig } from './scenario.ts';
import { CLI_BUDGET, type Budget, type Overrun } from './budget.ts';
import { createStats, type Stats } from './stats.ts';
import { Traffic, type NumberedRequest } from './traffic.ts';
import type { HealthChange, Outcome, ProbeRecord, RequestRecord, VrrpRecord } from './types.ts';
import { advert, GARP_REPEAT_MS, garpRepeat, masterDown, startVrrp } from './vrrp.ts';

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
  /** With handshakes: the L7 balancer has the client's request (after its handshake). */
  Accepted,
  /** With handshakes: the request reaches the server (after its handshake). */
  Connected,
  /** keepalived's second burst of gratuitous ARPs after a takeover. */
  GarpRepeat,
}
const CHANNELED = 4;
/**
 * A flow event's payload: slot + epoch × SLOTS, exact in a double. The whole epoch is kept, so
 * an event left over from a flow's earlier life (a timer armed a minute before, the flow
 * reused thousands of times since) never passes for a current one.
 */
const SLOTS = 2 ** 21;
/** TCP's first retransmission timeout (RFC 6298), doubled on each retry. */
export const RTO_MS = 1000;

export interface SimOptions {
  /** Build a full record (hops, NAT entry, decision) for every request. Off for benchmarks. */
  record?: boolean;
  /** How much work the run may do (CLI_BUDGET by default); past it the run stops (`overrun`). */
  budget?: Budget;
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
  /** Login sessions this server holds (they live on one server only). */
  sessions: Set<string>;
}

interface ClientState {
  octets: [number, number, number];
  /** Cookies the client keeps from responses. */
  jar: Record<string, string> | null;
  nextPort: number;
  dnsAnsweredAt: number;
  dnsUntil: number;
}

const EPHEMERAL_LOW = 49152;
const EPHEMERAL_SPAN = 65536 - EPHEMERAL_LOW;
export const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE']);

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
  readonly budget: Budget;
  /** What the run went past, when it stopped early; null while within its budget. */
  overrun: Overrun | null = null;
  /** The balancers' own records so far (adverts, probes, role and health changes). */
  private systemRecords = 0;
  private readonly rng: Rng;
  private readonly clients = new Map<string, ClientState>();
  /** Every flow object ever made, by slot; finished ones wait in `idle` to be reused. */
  readonly flows: Flow[] = [];
  private readonly idle: Flow[] = [];
  /** Listed requests keep their place in the file as id; generated and sent ones follow. */
  lastId: number;

  constructor(scenario: Scenario, options: SimOptions = {}) {
    this.scenario = scenario;
    this.budget = options.budget ?? CLI_BUDGET;
    const counted =
      <T>(f?: (x: T) => void) =>
      (x: T) => {
        this.systemRecords++;
        f?.(x);
      };
    this.options = {
      ...options,
      onProbe: counted(options.onProbe),
      onVrrp: counted(options.onVrrp),
      onHealth: counted(options.onHealth),
    };
    this.record = options.record ?? true;
    this.rng = createRng(scenario.seed);
    this.traffic = new Traffic(scenario);
    this.lastId = scenario.requests?.length ?? 0;
    this.algorithm = scenario.algorithm;
    this.servers = scenario.servers.map((config) => ({
      config,
      member: true,
      weight: config.weight,
      failed: false,
      busy: 0,
      queue: [],
      sessions: new Set(),
    }));
    this.stats = createStats(scenario.servers.map((s) => s.name));
    const net = scenario.network;
    this.balancers = [0, 1].map((i) => createBalancer(i, net.balancerIps[i]!, scenario.balancers.priorities[i]!, this.rng.int(0, 1 << 20)));
    for (const b of this.balancers) this.reload(b);
    scenario.events.forEach((e, i) => this.q.push(e.at, Ev.Scenario, i));
    this.pendingScenarioEvents = scenario.events.length;
    const lastEvent = scenario.events.reduce((m, e) => Math.max(m, e.at), 0);
    const hc = scenario.healthCheck;
    const settle = Math.max(
      masterDownMs(scenario.balancers, 1) + scenario.balancers.advertIntervalMs + GARP_REPEAT_MS,
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

  /**
   * Processes the events up to and including time `limit`, at most `maxEvents` of them.
   * True when it got there (or stopped past its budget: see `overrun`); false when it has
   * more to do, so a caller can yield (to a pipe, or to the page) and go on.
   */
  runUntil(limit: number, maxEvents = Infinity): boolean {
    if (this.overrun) return true;
    const q = this.q;
    const traffic = this.traffic;
    let events = 0;
    let reached = false;
    // The next request's time changes when a request is taken, or a scenario event changes the load.
    let ts = traffic.peekAt();
    while (events < maxEvents) {
      // Periodic timers (adverts, probes) keep the queue busy forever: stop with the traffic.
      if (ts === Infinity && limit === Infinity && this.idleExceptTimers()) {
        reached = true;
        break;
      }
      if (q.popUntil(ts < limit ? ts : limit)) {
        this.now = q.topTime;
        events++;
        const kind = q.topKind;
        this.dispatch(kind, q.topPayload);
        if (kind === Ev.Scenario) ts = traffic.peekAt();
      } else if (ts <= limit && ts !== Infinity) {
        this.now = ts;
        events++;
        this.clientSend(traffic.next());
        ts = traffic.peekAt();
      } else {
        reached = true;
        break;
      }
      // Checked every 1,024 events: a run overshoots its budget by at most that many.
      if ((events & 1023) === 0 && this.pastBudget(events)) return true;
    }
    this.stats.events += events;
    if (this.pastBudget(0)) return true;
    if (reached && limit !== Infinity && limit > this.now) this.now = limit;
    return reached;
  }

  private pastBudget(uncounted: number): boolean {
    const b = this.budget;
    this.overrun =
      this.stats.started > b.maxRequests
        ? 'requests'
        : this.now > b.maxSpanMs
          ? 'span'
          : this.stats.events + uncounted > b.maxEvents
            ? 'events'
            : this.systemRecords > b.maxSystemRecords
              ? 'systemRecords'
              : null;
    if (this.overrun) this.stats.events += uncounted;
    return this.overrun !== null;
  }

  /** Runs to the end, or until the budget stops it. */
  run(): void {
    this.runUntil(Infinity);
  }

  /** Runs at most `maxEvents` more events; true when the run is over (finished or stopped). */
  advance(maxEvents: number): boolean {
    return this.runUntil(Infinity, maxEvents);
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
    reloadPeers(
      b,
      this.servers.map((s) => ({
        name: s.config.name,
        member: s.member,
        weight: s.weight,
        maxConns: s.config.maxConns,
        down: s.config.down,
      })),
      this.scenario.rules.map((r) => r.servers),
      this.algorithm === 'round-robin',
      this.scenario.passive,
    );
  }

  reloadAll(): void {
    for (const b of this.balancers) if (b.alive) this.reload(b);
  }

  flowEvent(at: number, kind: Ev, f: Flow): void {
    this.q.push(at, kind, f.slot + f.epoch * SLOTS);
  }

  private dispatch(kind: number, payload: number): void {
    switch (kind) {
      case Ev.Scenario:
        this.pendingScenarioEvents--;
        return applyScenarioEvent(this, this.scenario.events[payload]!);
      case Ev.Advert:
        return advert(this, payload);
      case Ev.MasterDown:
        return masterDown(this, payload);
      case Ev.Probe:
        return sendProbes(this, payload);
      case Ev.ProbeResult:
        return probeResult(this, payload);
      case Ev.GarpRepeat:
        return garpRepeat(this, payload);
    }
    const f = this.flows[payload % SLOTS]!;
    if (kind === Ev.GiveUp) {
      if (f.active && f.giveUpAt === this.now) this.clientGivesUp(f);
      return;
    }
    if (!f.active || Math.floor(payload / SLOTS) !== f.epoch) return; // a stale event
    switch (kind) {
      case Ev.DnsAnswer:
        return this.sendToVip(f);
      case Ev.LbRequest:
      case Ev.Accepted:
        return lbRequest(this, f);
      case Ev.ServerRequest:
      case Ev.Connected:
        return serverRequest(this, f);
      case Ev.ServiceDone:
        return serviceDone(this, f);
      case Ev.LbResponse:
        return lbResponse(this, f);
      case Ev.ConnectFailed:
        return upstreamFailed(this, f, 'refused');
      case Ev.ReadTimeout:
        return upstreamFailed(this, f, 'timeout');
      case Ev.ClientRetry:
        f.clientTries++;
        return this.sendToVip(f);
      case Ev.ServerRetry:
        f.serverTries++;
        return lbResponse(this, f);
    }
  }

  // ——— the client ———

  clientSend(spec: NumberedRequest): void {
    this.stats.started++;
    this.inFlightCount++;
    let client = this.clients.get(spec.client);
    if (!client) {
      client = {
        octets: ipHashOctets(spec.client),
        jar: null,
        nextPort: this.rng.int(0, EPHEMERAL_SPAN - 1),
        dnsAnsweredAt: -1,
        dnsUntil: -1,
      };
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
    f.upstream = 0;
    f.tried = 0;
    f.hash = IP_HASH_START;
    f.tries = 0;
    f.atServer = 0;
    f.clientTries = 0;
    f.serverTries = 0;
    f.giveUpAt = -1;
    f.cookies = client.jar || spec.cookies ? { ...client.jar, ...spec.cookies } : null;
    f.stickTo = -1;
    const sticky = this.scenario.sticky;
    if (sticky && f.cookies?.[sticky.cookie]) f.stickTo = this.servers.findIndex((x) => x.config.name === f.cookies![sticky.cookie]);
    f.status = 200;
    f.setCookie = null;
    f.accepted = false;
    f.connected = false;
    f.setupFrom = 0;
    f.rec = this.record ? newRecord(f.id, spec) : null;
    client.nextPort = (client.nextPort + 1) % EPHEMERAL_SPAN;
    if (this.now >= client.dnsUntil) {
      // The client asks DNS for the service name first; the answer is the VIP, never a server.
      const net = this.scenario.network;
      const answeredAt = this.now + 2 * net.dnsLatencyMs;
      client.dnsAnsweredAt = answeredAt;
      client.dnsUntil = answeredAt + net.dnsTtlMs;
      if (f.rec) f.rec.dns = { at: t3(this.now), answeredAt: t3(answeredAt), name: net.serviceName, answer: net.vip };
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
      slot: this.flows.length,
      active: false,
      epoch: 0,
      id: 0,
      spec,
      octets: [0, 0, 0],
      clientPort: 0,
      balancer: -1,
      boot: 0,
      lbPort: 0,
      natKey: 0,
      peer: null,
      upstream: 0,
      tried: 0,
      hash: 0,
      tries: 0,
      atServer: 0,
      sentAt: 0,
      sent: false,
      clientTries: 0,
      serverTries: 0,
      giveUpAt: -1,
      cookies: null,
      stickTo: -1,
      status: 200,
      setCookie: null,
      rec: null,
      accepted: false,
      connected: false,
      setupFrom: 0,
    };
    this.flows.push(f);
    return f;
  }

  lbName(i: number): string {
    return i === 0 ? 'lb1' : 'lb2';
  }

  vipEndpoint(): string {
    const net = this.scenario.network;
    return ep(net.vip, net.vipPort);
  }

  private sendToVip(f: Flow): void {
    if (f.rec) addHop(f, this.now, 'client', 'request', null, header(ep(f.spec.client, f.clientPort), this.vipEndpoint()));
    this.flowEvent(this.now + this.scenario.network.clientLatencyMs, Ev.LbRequest, f);
  }

  /** Trouble began: from now on the client may give up waiting. */
  armGiveUp(f: Flow): void {
    if (f.giveUpAt >= 0) return;
    f.giveUpAt = Math.max(this.now, f.spec.at + this.scenario.timeouts.clientMs);
    this.q.push(f.giveUpAt, Ev.GiveUp, f.slot);
  }

  private clientGivesUp(f: Flow): void {
    if (f.rec) addHop(f, this.now, 'client', 'response', null, null, 'timeout');
    abandonUpstream(this, f);
    this.finish(f, 'timeout', null, this.now);
  }

  /**
   * The request's end, settled when its last packet leaves the balancer (or the client gives
   * up): nothing can change a packet already on its way to the client, so its arrival at
   * `doneAt` needs no event of its own.
   */
  finish(f: Flow, outcome: Outcome, status: number | null, doneAt: number): void {
    const s = this.stats;
    s.finished++;
    this.inFlightCount--;
    if (outcome === 'ok' && f.peer) {
      s.outcomes.ok++;
      s.served[f.peer.server]!++;
    } else {
      s.outcomes[outcome]++;
    }
    if (f.setCookie) {
      // The response reached the client: it keeps the cookies for its next requests.
      const client = this.clients.get(f.spec.client)!;
      client.jar = { ...client.jar, ...f.setCookie };
    }
    const latency = doneAt - f.spec.at;
    s.latencySumMs += latency;
    if (latency > s.latencyMaxMs) s.latencyMaxMs = latency;
    const rec = f.rec;
    if (rec) {
      if (status !== null) addHop(f, doneAt, 'client', 'response', lastOut(f), null);
      rec.outcome = outcome;
      rec.status = status;
      rec.setCookie = f.setCookie;
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

/** Runs a scenario to the end and returns every request's record, by id. */
export function simulate(scenario: Scenario): RequestRecord[] {
  return simulateRun(scenario).records;
}

export interface RunResult {
  records: RequestRecord[];
  probes: ProbeRecord[];
  health: HealthChange[];
  vrrp: VrrpRecord[];
  /** What the run went past when it stopped early, or null when it ran to the end. */
  overrun: Overrun | null;
}

/** Runs a scenario to the end (or its budget): every request's record by id, and what the balancers did. */
export function simulateRun(scenario: Scenario, budget: Budget = CLI_BUDGET): RunResult {
  const out: RunResult = { records: [], probes: [], health: [], vrrp: [], overrun: null };
  const sim = new Simulation(scenario, {
    record: true,
    budget,
    onRecord: (r) => out.records.push(r),
    onProbe: (p) => out.probes.push(p),
    onHealth: (h) => out.health.push(h),
    onVrrp: (v) => out.vrrp.push(v),
  });
  sim.run();
  out.overrun = sim.overrun;
  out.records.sort((a, b) => a.id - b.id);
  return out;
}
