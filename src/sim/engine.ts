import { IP_HASH_START } from './algorithms/ipHash.ts';
import type { Algorithm } from './algorithms/pick.ts';
import { createBalancer, masterDownMs, reloadPeers, type BalancerState } from './balancer.ts';
import { EventQueue } from './eventQueue.ts';
import { addHop, blankFlow, endpoint, header, lastOut, newRecord, roundToMicros, type Flow } from './flow.ts';
import { newClient, type ClientState } from './clients.ts';
import { collectRun, type RunResult, type SimOptions } from './simOptions.ts';
import { CLIENT_NODE } from './nodes.ts';
import { newServerState, serverRequest, serviceDone, type ServerState } from './servers.ts';
import { abandonUpstream, lbRequest, lbResponse, upstreamFailed } from './upstream.ts';
import { synRetry } from './synRetry.ts';
import { applyScenarioEvent } from './events.ts';
import { healthSettleMs, probeResult, startHealthChecks, sendProbes } from './health.ts';
import { createIpvsService, updateIpvsService } from './ipvs.ts';
import { createRng, type Rng } from './rng.ts';
import type { Scenario } from './scenario.ts';
import { BUDGET_CHECK_EVERY, CLI_BUDGET, type Budget, type Overrun } from './budget.ts';
import { CHANNELED, EventKind } from './eventKinds.ts';
import { flowPayload } from './eventPayloads.ts';
import { createStats, type Stats } from './stats.ts';
import { Traffic, type NumberedRequest } from './traffic.ts';
import type { Outcome, RequestRecord } from './types.ts';
import { advert, GARP_REPEAT_MS, garpRepeat, masterDown, startVrrp } from './vrrp.ts';

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
  readonly agenda = new EventQueue(CHANNELED);
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
    this.servers = scenario.servers.map(newServerState);
    this.stats = createStats(scenario.servers.map((s) => s.name));
    const net = scenario.network;
    this.balancers = [0, 1].map((i) => createBalancer(i, net.balancerIps[i]!, scenario.balancers.priorities[i]!, this.rng.int(0, 1 << 20)));
    for (const b of this.balancers) this.reload(b);
    scenario.events.forEach((e, i) => this.agenda.push(e.at, EventKind.Scenario, i));
    this.pendingScenarioEvents = scenario.events.length;
    const lastEvent = scenario.events.reduce((m, e) => Math.max(m, e.at), 0);
    const hc = scenario.healthCheck;
    const settle = Math.max(
      masterDownMs(scenario.balancers, 1) + scenario.balancers.advertIntervalMs + GARP_REPEAT_MS,
      hc ? healthSettleMs(hc) : 0,
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
    const agenda = this.agenda;
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
      if (agenda.popUntil(ts < limit ? ts : limit)) {
        this.now = agenda.topTime;
        events++;
        const kind = agenda.topKind as EventKind;
        this.dispatch(kind, agenda.topPayload);
        if (kind === EventKind.Scenario) ts = traffic.peekAt();
      } else if (ts <= limit && ts !== Infinity) {
        this.now = ts;
        events++;
        this.clientSend(traffic.next());
        ts = traffic.peekAt();
      } else {
        reached = true;
        break;
      }
      // A run overshoots its budget by at most BUDGET_CHECK_EVERY events.
      if ((events & (BUDGET_CHECK_EVERY - 1)) === 0 && this.pastBudget(events)) return true;
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

  /**
   * Rebuilds one balancer's upstream list (an nginx reload); in L4, brings its IPVS service to
   * the configuration, one change at a time (reloadIpvs).
   */
  reload(b: BalancerState): void {
    this.reloadIpvs(b);
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

  /**
   * L4: what keepalived asks of IPVS. A member is listed; its weight is 0 while configured down
   * or while keepalived's checks find it down (inhibit_on_failure keeps it listed).
   */
  reloadIpvs(b: BalancerState): void {
    if (this.scenario.mode !== 'L4') return;
    const wanted = this.servers.map((s, i) => ({
      name: s.config.name,
      listed: s.member,
      weight: s.config.down || b.health[i]?.up === false ? 0 : s.weight,
      uThreshold: s.config.maxConns,
    }));
    if (b.ipvs) updateIpvsService(b.ipvs, this.algorithm, wanted);
    else b.ipvs = createIpvsService(this.algorithm, wanted);
  }

  reloadAll(): void {
    for (const b of this.balancers) if (b.alive) this.reload(b);
  }

  flowEvent(at: number, kind: EventKind, f: Flow): void {
    this.agenda.push(at, kind, flowPayload.encode(f.slot, f.epoch));
  }

  private dispatch(kind: EventKind, payload: number): void {
    switch (kind) {
      case EventKind.Scenario:
        this.pendingScenarioEvents--;
        return applyScenarioEvent(this, this.scenario.events[payload]!);
      case EventKind.Advert:
        return advert(this, payload);
      case EventKind.MasterDown:
        return masterDown(this, payload);
      case EventKind.Probe:
        return sendProbes(this, payload);
      case EventKind.ProbeResult:
        return probeResult(this, payload);
      case EventKind.GarpRepeat:
        return garpRepeat(this, payload);
    }
    const f = this.flows[flowPayload.slot(payload)]!;
    if (kind === EventKind.ClientDeadline) {
      if (f.active && f.clientDeadlineAt === this.now) this.clientGivesUp(f);
      return;
    }
    if (!f.active || flowPayload.epoch(payload) !== f.epoch) return; // a stale event
    switch (kind) {
      case EventKind.DnsAnswer:
        return this.sendToVip(f);
      case EventKind.LbRequest:
      case EventKind.Accepted:
        return lbRequest(this, f);
      case EventKind.ServerRequest:
      case EventKind.Connected:
        return serverRequest(this, f);
      case EventKind.ServiceDone:
        return serviceDone(this, f);
      case EventKind.LbResponse:
        return lbResponse(this, f);
      case EventKind.ConnectFailed:
        return upstreamFailed(this, f, 'refused');
      case EventKind.ReadTimeout:
        return upstreamFailed(this, f, 'timeout');
      case EventKind.ClientRetry:
        f.clientTries++;
        return this.sendToVip(f);
      case EventKind.ServerRetry:
        f.serverTries++;
        return lbResponse(this, f);
      case EventKind.SynRetry:
        return synRetry(this, f);
    }
  }

  // ——— the client ———

  clientSend(spec: NumberedRequest): void {
    this.stats.started++;
    this.inFlightCount++;
    let client = this.clients.get(spec.client);
    if (!client) {
      client = newClient(spec.client, this.rng);
      this.clients.set(spec.client, client);
    }
    let f = this.idle.pop();
    if (!f) {
      f = blankFlow(this.flows.length, spec);
      this.flows.push(f);
    }
    f.active = true;
    f.epoch++;
    f.id = spec.id || ++this.lastId;
    f.spec = spec;
    f.octets = client.octets;
    // Its port is taken at connect(), once DNS has answered.
    f.clientPort = 0;
    f.synTries = 0;
    f.balancer = -1;
    f.lbPort = 0;
    f.peer = null;
    f.upstream = 0;
    f.triedPeers = 0;
    f.hash = IP_HASH_START;
    f.hashTries = 0;
    f.atServer = 'away';
    f.clientTries = 0;
    f.serverTries = 0;
    f.clientDeadlineAt = -1;
    f.cookies = client.jar || spec.cookies ? { ...client.jar, ...spec.cookies } : null;
    f.stickTo = -1;
    const sticky = this.scenario.sticky;
    if (sticky && f.cookies?.[sticky.cookie]) f.stickTo = this.servers.findIndex((x) => x.config.name === f.cookies![sticky.cookie]);
    f.status = 200;
    f.setCookie = null;
    f.accepted = false;
    f.connected = false;
    f.setupFrom = 0;
    f.ipvsAt = null;
    f.ipvsSync = null;
    f.ipvsActive = false;
    f.rec = this.record ? newRecord(f.id, spec) : null;
    if (this.now >= client.dnsUntil) {
      // The client asks DNS for the service name first; the answer is the VIP, never a server.
      const net = this.scenario.network;
      const answeredAt = this.now + 2 * net.dnsLatencyMs;
      client.dnsAnsweredAt = answeredAt;
      client.dnsUntil = answeredAt + net.dnsTtlMs;
      if (f.rec) f.rec.dns = { at: roundToMicros(this.now), answeredAt: roundToMicros(answeredAt), name: net.serviceName, answer: net.vip };
      this.flowEvent(answeredAt, EventKind.DnsAnswer, f);
    } else if (this.now < client.dnsAnsweredAt) {
      // A lookup is already under way: this request waits for the same answer.
      this.flowEvent(client.dnsAnsweredAt, EventKind.DnsAnswer, f);
    } else {
      this.sendToVip(f);
    }
  }

  vipEndpoint(): string {
    const net = this.scenario.network;
    return endpoint(net.vip, net.vipPort);
  }

  private sendToVip(f: Flow): void {
    if (f.clientPort === 0) {
      const port = this.clients.get(f.spec.client)!.ports.take();
      if (port === 0) {
        // Every ephemeral port toward the VIP is open: connect() fails at once (EADDRNOTAVAIL).
        addHop(f, this.now, CLIENT_NODE, 'request', null, null, 'no-port');
        this.finish(f, 'no-port', null, this.now);
        return;
      }
      f.clientPort = port;
    }
    f.synSentAt = this.now;
    if (f.rec) addHop(f, this.now, CLIENT_NODE, 'request', null, header(endpoint(f.spec.client, f.clientPort), this.vipEndpoint()));
    this.flowEvent(this.now + this.scenario.network.clientLatencyMs, EventKind.LbRequest, f);
  }

  /** Trouble began: arms the client's deadline timer, after which it stops waiting (once per request). */
  armClientDeadline(f: Flow): void {
    if (f.clientDeadlineAt >= 0) return;
    f.clientDeadlineAt = Math.max(this.now, f.spec.at + this.scenario.timeouts.clientMs);
    // Only the slot: the deadline holds across the flow's attempts (epochs), and is checked by its time.
    this.agenda.push(f.clientDeadlineAt, EventKind.ClientDeadline, flowPayload.encode(f.slot, 0));
  }

  /** The client stops waiting (its deadline, or its connect() timing out). */
  clientGivesUp(f: Flow): void {
    if (f.rec) addHop(f, this.now, CLIENT_NODE, 'response', null, null, 'timeout');
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
    if (f.setCookie || f.clientPort) {
      const client = this.clients.get(f.spec.client)!;
      // The response reached the client: it keeps the cookies for its next requests.
      if (f.setCookie) client.jar = { ...client.jar, ...f.setCookie };
      // The connection is closed: its port is free (see docs/model.md on TIME_WAIT).
      if (f.clientPort) client.ports.free(f.clientPort);
    }
    const latency = doneAt - f.spec.at;
    s.latencySumMs += latency;
    if (latency > s.latencyMaxMs) s.latencyMaxMs = latency;
    const rec = f.rec;
    if (rec) {
      if (status !== null) addHop(f, doneAt, CLIENT_NODE, 'response', lastOut(f), null);
      rec.outcome = outcome;
      rec.status = status;
      rec.setCookie = f.setCookie;
      rec.doneAt = roundToMicros(doneAt);
      rec.latencyMs = roundToMicros(latency);
      this.options.onRecord?.(rec);
    }
    f.active = false;
    f.epoch++;
    f.rec = null;
    this.idle.push(f);
  }
}

export { collectRun, type RunResult, type SimOptions } from './simOptions.ts';

/** Runs a scenario to the end and returns every request's record, by id. */
export function simulate(scenario: Scenario): RequestRecord[] {
  return simulateRun(scenario).records;
}

/** Runs a scenario to the end (or its budget): every request's record by id, and what the balancers did. */
export function simulateRun(scenario: Scenario, budget: Budget = CLI_BUDGET): RunResult {
  const { out, options } = collectRun();
  const sim = new Simulation(scenario, { ...options, record: true, budget });
  sim.run();
  out.overrun = sim.overrun;
  out.records.sort((a, b) => a.id - b.id);
  return out;
}
