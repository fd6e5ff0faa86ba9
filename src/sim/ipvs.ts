import type { Algorithm } from './algorithms/pick.ts';
import type { IpvsDest } from './algorithms/ipvs/dest.ts';
import { IPVS_SCHEDULERS, type IpvsDecision, type IpvsSchedulerInstance } from './algorithms/ipvs/registry.ts';

/**
 * One balancer's IPVS virtual service, as keepalived sets it up and the kernel runs it: the
 * destination list in IPVS's order, the scheduler bound to it, each destination's connection
 * counts, and the persistence templates. Read from Linux's net/netfilter/ipvs/ (ip_vs_ctl.c,
 * ip_vs_conn.c, ip_vs_core.c, ip_vs_proto_tcp.c) and keepalived's check/ipwrapper.c.
 *
 * Unlike nginx, nothing here is rebuilt on a change: keepalived calls ipvsadm's add, delete and
 * edit one destination at a time, and the scheduler hears of each (`destChanged`). The counts
 * belong to the destination and survive a removal (the kernel keeps a removed destination with
 * connections in its trash and takes it back when it is added again: ip_vs_trash_get_dest).
 */

/** A destination as the kernel keeps it: what the schedulers read, and the lab's server index. */
export interface IpvsDestState extends IpvsDest {
  readonly server: number;
  weight: number;
  overloaded: boolean;
  activeConns: number;
  inactConns: number;
  /** keepalived's `uthreshold` (the scenario's maxConns), 0 for none. */
  uThreshold: number;
}

/**
 * IPVS's TCP state timeouts that matter here (tcp_timeouts in ip_vs_proto_tcp.c): a closed
 * connection stays in the table, counted inactive, until its state times out. A graceful close
 * ends in TIME_WAIT (NAT, seeing both directions) or FIN_WAIT (DR and TUN, seeing the client's
 * side only): 2 minutes either way. A reset ends in CLOSE: 10 seconds.
 */
export const IPVS_TIME_WAIT_MS = 120_000;
export const IPVS_CLOSE_MS = 10_000;

/** Connections waiting to expire, in the order they will (each queue has one timeout). */
class ExpiryQueue {
  private at: number[] = [];
  private server: number[] = [];
  private head = 0;
  push(at: number, server: number): void {
    this.at.push(at);
    this.server.push(server);
  }
  /** Takes every entry due by `now`: its connection leaves `byServer`'s destination. */
  drain(now: number, byServer: readonly (IpvsDestState | undefined)[]): void {
    while (this.head < this.at.length && this.at[this.head]! <= now) {
      const d = byServer[this.server[this.head++]!];
      if (!d) continue;
      d.inactConns--;
      unbindOverload(d);
    }
    if (this.head > 1024 && this.head * 2 > this.at.length) {
      this.at = this.at.slice(this.head);
      this.server = this.server.slice(this.head);
      this.head = 0;
    }
  }
}

export interface IpvsService {
  algorithm: Algorithm;
  /** Every destination ever added, by server index (the list and the trash). */
  readonly byServer: (IpvsDestState | undefined)[];
  /** The destination list, in IPVS's order. */
  list: IpvsDestState[];
  scheduler: IpvsSchedulerInstance;
  readonly timeWait: ExpiryQueue;
  readonly close: ExpiryQueue;
  /** Persistence templates: a client address → its server and until when the template holds. */
  readonly templates: Map<string, { server: number; until: number }>;
}

/** What the service should hold for one server: whether it is listed, and its weight. */
export interface WantedDest {
  name: string;
  listed: boolean;
  weight: number;
  uThreshold: number;
}

/** keepalived starting: every listed server added, so that IPVS holds them in the page's order. */
export function createIpvsService(algorithm: Algorithm, wanted: readonly WantedDest[]): IpvsService {
  const byServer: (IpvsDestState | undefined)[] = [];
  const list: IpvsDestState[] = [];
  wanted.forEach((w, server) => {
    if (!w.listed) return;
    const d = newDest(w, server);
    byServer[server] = d;
    list.push(d);
  });
  return {
    algorithm,
    byServer,
    list,
    scheduler: IPVS_SCHEDULERS[algorithm].create(list),
    timeWait: new ExpiryQueue(),
    close: new ExpiryQueue(),
    templates: new Map(),
  };
}

function newDest(w: WantedDest, server: number): IpvsDestState {
  return { id: w.name, server, weight: w.weight, overloaded: false, activeConns: 0, inactConns: 0, uThreshold: w.uThreshold };
}

/**
 * Brings the service to what keepalived wants, one change at a time as ipvsadm makes them: a
 * new scheduler (ipvsadm -E -s), a server removed (-d), added at the front (-a) or reweighted
 * (-e). Each list change is told to the scheduler, as the kernel does.
 */
export function updateIpvsService(svc: IpvsService, algorithm: Algorithm, wanted: readonly WantedDest[]): void {
  wanted.forEach((w, server) => {
    const d = svc.byServer[server];
    const listed = d !== undefined && svc.list.includes(d);
    if (listed && !w.listed) {
      const before = svc.list;
      svc.list = before.filter((x) => x !== d);
      svc.scheduler.destChanged(svc.list, { kind: 'del', id: d.id, before });
    } else if (!listed && w.listed) {
      const dest = d ?? newDest(w, server);
      dest.weight = w.weight;
      dest.uThreshold = w.uThreshold;
      svc.byServer[server] = dest;
      const before = svc.list;
      svc.list = [dest, ...before];
      svc.scheduler.destChanged(svc.list, { kind: 'add', id: dest.id, before });
    } else if (listed && (d.weight !== w.weight || d.uThreshold !== w.uThreshold)) {
      const before = svc.list.map((x) => ({ ...x }));
      d.weight = w.weight;
      d.uThreshold = w.uThreshold;
      svc.scheduler.destChanged(svc.list, { kind: 'upd', id: d.id, before });
    }
  });
  if (algorithm !== svc.algorithm) {
    // ip_vs_edit_service: the old scheduler's state is dropped, the new one starts on the list.
    svc.algorithm = algorithm;
    svc.scheduler = IPVS_SCHEDULERS[algorithm].create(svc.list);
  }
}

/** Connections whose state timed out leave the table (ip_vs_conn_expire → ip_vs_unbind_dest). */
export function expireConns(svc: IpvsService, now: number): void {
  svc.timeWait.drain(now, svc.byServer);
  svc.close.drain(now, svc.byServer);
}

/**
 * ip_vs_unbind_dest: below the lower threshold (3/4 of the upper one when none is set) the
 * destination takes new connections again.
 */
function unbindOverload(d: IpvsDestState): void {
  if (d.uThreshold === 0) d.overloaded = false;
  else if ((d.activeConns + d.inactConns) * 4 < d.uThreshold * 3) d.overloaded = false;
}

/** ip_vs_bind_dest: a new connection counts inactive until ESTABLISHED; at the threshold the dest is overloaded. */
export function bindConn(svc: IpvsService, server: number): void {
  const d = svc.byServer[server];
  if (!d) return;
  d.inactConns++;
  if (d.uThreshold !== 0 && d.activeConns + d.inactConns >= d.uThreshold) d.overloaded = true;
}

/** set_tcp_state: the handshake completed, the connection is now active. */
export function establishConn(svc: IpvsService, server: number): void {
  const d = svc.byServer[server];
  if (!d) return;
  d.inactConns--;
  d.activeConns++;
}

/**
 * The connection closed (gracefully: TIME_WAIT or FIN_WAIT, 2 min) or was reset or abandoned
 * (CLOSE, 10 s): it stays counted inactive until that state times out.
 */
export function closeConn(svc: IpvsService, server: number, wasActive: boolean, graceful: boolean, now: number): void {
  const d = svc.byServer[server];
  if (!d) return;
  if (wasActive) {
    d.activeConns--;
    d.inactConns++;
  }
  if (graceful) svc.timeWait.push(now + IPVS_TIME_WAIT_MS, server);
  else svc.close.push(now + IPVS_CLOSE_MS, server);
}

/**
 * One new connection's destination: the client's persistence template if it holds one
 * (ip_vs_sched_persist), otherwise the scheduler's pick (ip_vs_schedule). `explain` keeps the
 * scheduler's account for the record.
 */
export function ipvsPick(svc: IpvsService, now: number, clientIp: string, clientPort: number, persistenceMs: number): IpvsPick {
  expireConns(svc, now);
  if (persistenceMs > 0) {
    const t = svc.templates.get(clientIp);
    const d = t && t.until > now ? svc.byServer[t.server] : undefined;
    // The lab's keepalived export sets net.ipv4.vs.expire_quiescent_template = 1: a template
    // whose server has weight 0 (down, with inhibit_on_failure) is dropped, not followed.
    if (t && d && d.weight > 0 && svc.list.includes(d)) {
      t.until = Math.max(t.until, now + persistenceMs);
      return setPick(t.server, null, true);
    }
  }
  packet.clientIp = clientIp;
  packet.clientPort = clientPort;
  const decision = svc.scheduler.schedule(svc.list, packet);
  const server = decision.index === null ? null : svc.list[decision.index]!.server;
  if (server !== null && persistenceMs > 0) svc.templates.set(clientIp, { server, until: now + persistenceMs });
  return setPick(server, decision, false);
}

/** One pick's answer; the same object each time (read it before the next pick). */
export interface IpvsPick {
  server: number | null;
  decision: IpvsDecision | null;
  persistent: boolean;
}

const pick: IpvsPick = { server: null, decision: null, persistent: false };
const packet = { clientIp: '', clientPort: 0 };

function setPick(server: number | null, decision: IpvsDecision | null, persistent: boolean): IpvsPick {
  pick.server = server;
  pick.decision = decision;
  pick.persistent = persistent;
  return pick;
}

/** A connection under a template ended: the template holds for the timeout from now (its timer restarts). */
export function touchTemplate(svc: IpvsService, clientIp: string, now: number, persistenceMs: number): void {
  const t = svc.templates.get(clientIp);
  if (t) t.until = Math.max(t.until, now + persistenceMs);
}
