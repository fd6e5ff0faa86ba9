import type { Simulation } from './engine.ts';
import { EventKind } from './eventKinds.ts';
import { addHop, header, lastOut, type Flow } from './flow.ts';
import { ipvsEstablish } from './conntrack.ts';
import { connectServer } from './handshake.ts';
import { answerDirectly, answersDirectly } from './l4.ts';
import { synDropped } from './synRetry.ts';
import { FlowQueue } from './flowQueue.ts';
import type { ServerConfig } from './scenario.ts';

/** A server as the simulation runs it; `member` says whether the upstream lists it. */
export interface ServerState {
  config: ServerConfig;
  member: boolean;
  /** Configured weight, as changed by events. */
  weight: number;
  failed: boolean;
  busy: number;
  /** The requests it is serving (`busy` of them). */
  serving: Set<Flow>;
  /** Its accept queue: requests waiting for a worker, at most `config.backlog`. */
  queue: FlowQueue;
  /** Login sessions this server holds (they live on one server only). */
  sessions: Set<string>;
}

export function newServerState(config: ServerConfig): ServerState {
  return {
    config,
    member: true,
    weight: config.weight,
    failed: false,
    busy: 0,
    serving: new Set(),
    queue: new FlowQueue(),
    sessions: new Set(),
  };
}

/**
 * The servers: a request waits for a free worker, is served at the server's speed, and is
 * answered; a failed server refuses connections or swallows them, as the scenario says.
 */

export function serverRequest(sim: Simulation, f: Flow): void {
  const st = sim.servers[f.peer!.server]!;
  const name = st.config.name;
  const arrived = lastOut(f);
  const net = sim.scenario.network;
  if (st.failed) {
    sim.armClientDeadline(f);
    if (st.config.onFailure === 'refuse') {
      // The machine is up but nothing listens: it answers the connection with a reset.
      if (f.rec) {
        addHop(f, sim.now, name, 'request', arrived, null, 'refused');
        addHop(f, sim.now, name, 'response', null, arrived && header(arrived.dst, arrived.src));
      }
      sim.flowEvent(sim.now + net.serverLatencyMs, EventKind.ConnectFailed, f);
    } else {
      if (f.rec) addHop(f, sim.now, name, 'request', arrived, null, 'lost');
      // nginx gives up at proxy_connect_timeout; a kernel NAT never does: the client waits.
      if (sim.scenario.mode === 'L7')
        sim.flowEvent(Math.max(sim.now, f.sentAt + sim.scenario.timeouts.connectMs), EventKind.ReadTimeout, f);
    }
    return;
  }
  if (!f.connected) {
    // A new connection: its SYN finds the accept queue full and is dropped; the sender retries.
    if (st.queue.length >= st.config.backlog) {
      synDropped(sim, f, name, arrived, 'overflow');
      return;
    }
    // nginx's SYN got through after drops: its connect timeout no longer applies.
    if (f.synTries > 0 && sim.scenario.mode === 'L7') f.epoch++;
  }
  if (net.handshakes && connectServer(sim, f, st, arrived)) return;
  f.sent = true;
  // L4: the handshake has passed the balancer, so IPVS counts the connection active.
  ipvsEstablish(f);
  if (f.rec) addHop(f, sim.now, name, 'request', arrived, null);
  // nginx waits at most proxy_read_timeout for the answer, then gives up on this server.
  if (sim.scenario.mode === 'L7') sim.flowEvent(sim.now + sim.scenario.timeouts.readMs, EventKind.ReadTimeout, f);
  if (st.busy < st.config.concurrency) startService(sim, f, st);
  else {
    f.atServer = 'queued';
    st.queue.push(f);
    // Waiting in a queue, the answer may come after the client has given up.
    sim.armClientDeadline(f);
  }
}

export function startService(sim: Simulation, f: Flow, st: ServerState): void {
  st.busy++;
  st.serving.add(f);
  f.atServer = 'serving';
  const done = sim.now + f.spec.serviceMs / st.config.speed;
  // A slow answer: the client's own timeout may come first (every request has one).
  if (done >= f.spec.at + sim.scenario.timeouts.clientMs) sim.armClientDeadline(f);
  sim.flowEvent(done, EventKind.ServiceDone, f);
}

export function freeWorker(sim: Simulation, st: ServerState): void {
  st.busy--;
  const next = st.queue.shift();
  if (next) startService(sim, next, st);
}

export function serviceDone(sim: Simulation, f: Flow): void {
  const st = sim.servers[f.peer!.server]!;
  f.atServer = 'away';
  st.serving.delete(f);
  freeWorker(sim, st);
  if (sim.scenario.sessions) checkSession(sim, f, st, sim.scenario.sessions.loginPath);
  if (f.rec) {
    const arrived = f.rec.hops[f.rec.hops.length - 1]!.in!;
    addHop(f, sim.now, st.config.name, 'response', null, header(arrived.dst, arrived.src));
  }
  if (answersDirectly(sim)) {
    answerDirectly(sim, f, st.config.name, false);
    return;
  }
  sim.flowEvent(sim.now + sim.scenario.network.serverLatencyMs, EventKind.LbResponse, f);
}

/** A server fails or comes back; what was under way there is answered as the failure says. */
export function setServerFailed(sim: Simulation, index: number, failed: boolean): void {
  const st = sim.servers[index]!;
  if (st.failed === failed) return;
  st.failed = failed;
  if (!failed) return;
  const net = sim.scenario.network;
  // Only the requests at this server (at most its concurrency and backlog), in the order of their slots.
  const here = [...st.serving];
  st.queue.forEach((f) => here.push(f));
  here.sort((a, b) => a.slot - b.slot);
  for (const f of here) {
    f.epoch++;
    sim.armClientDeadline(f);
    if (f.atServer === 'serving') st.busy--;
    f.atServer = 'away';
    if (st.config.onFailure === 'refuse') {
      // The process died: the kernel resets its connections at once.
      if (f.rec) addHop(f, sim.now, st.config.name, 'response', null, lastOut(f) && header(lastOut(f)!.dst, lastOut(f)!.src));
      sim.flowEvent(sim.now + net.serverLatencyMs, EventKind.ConnectFailed, f);
    } else if (sim.scenario.mode === 'L7') {
      // The machine hangs: nginx hears nothing until its proxy_read_timeout. (A kernel NAT
      // has no such timer: in L4 the client waits until it gives up.)
      sim.flowEvent(Math.max(sim.now, f.sentAt + sim.scenario.timeouts.readMs), EventKind.ReadTimeout, f);
    }
  }
  st.serving.clear();
  st.queue.clear();
}

/**
 * A login keeps its session in this server's memory only: a later request that lands on
 * another server finds no session there and is asked to log in again (401).
 */
function checkSession(sim: Simulation, f: Flow, st: ServerState, loginPath: string): void {
  if (f.spec.path === loginPath) {
    const id = `${f.spec.client}#${f.id}`;
    st.sessions.add(id);
    f.setCookie = { ...f.setCookie, session: id };
    if (f.rec) f.rec.session = 'created';
    return;
  }
  const id = f.cookies?.session;
  if (!id) return;
  const found = st.sessions.has(id);
  if (!found) f.status = 401;
  if (f.rec) f.rec.session = found ? 'found' : 'lost';
}
