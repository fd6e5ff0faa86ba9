import { translate, type Lang } from '../../i18n/index.ts';
import { isBalancer, isClient, isServer } from '../../sim/nodes.ts';
import type { ScenarioEvent } from '../../sim/scenario.ts';
import type { HealthChange, Hop, RequestRecord, VrrpRecord } from '../../sim/types.ts';

/**
 * The failure side of the event log: packets that went no further (lost, refused, timed out,
 * reset), the retries and retransmissions that follow, failover and health-check changes.
 */

/** The server the balancer tried last before hop i (where a refused or timed-out attempt went). */
function triedServer(hops: Hop[], i: number): string {
  for (let j = i - 1; j >= 0; j--) {
    const h = hops[j]!;
    if (isServer(h.node)) return h.node;
  }
  return '—';
}

/** What the balancer did right after a failed attempt at hop i: the next server, its own 502/504, or nothing. */
function afterFailure(hops: Hop[], i: number): { next: string } | 'none' | 'stop' {
  const h = hops[i]!;
  const then = hops[i + 1];
  if (!then || then.node !== h.node) return 'stop';
  if (then.dir === 'request') {
    const server = hops.slice(i + 2).find((x) => isServer(x.node));
    return { next: server?.node ?? '—' };
  }
  return 'none';
}

/** A sentence for a hop about a failure (or what it caused), or null when the hop is ordinary. */
export function narrateFailureHop(r: RequestRecord, hop: number, lang: Lang): string | null {
  const hops = r.hops;
  const h = hops[hop];
  if (!h) return null;
  const id = r.id;
  const tr = (key: Parameters<typeof translate>[1], params: Record<string, string | number>) => translate(lang, key, params);

  // A SYN sent again after a drop (a full accept queue, or no port at the NAT): RFC 6298's timer.
  if (h.dir === 'request' && h.retransmit !== undefined && h.out) {
    const who = isClient(h.node) ? r.client : h.node;
    return tr('failover.log.synRetransmit', { who, id, n: h.retransmit, after: 2 ** h.retransmit - 1 });
  }
  if (h.drop === 'no-port') {
    if (isClient(h.node)) return tr('failover.log.noPort', { client: r.client, id });
    return tr(h.in ? 'failover.log.natNoPort' : 'failover.log.lbNoPort', { lb: h.node, id });
  }
  if (h.drop === 'overflow') return tr('failover.log.overflow', { server: h.node, id });
  if (isClient(h.node)) {
    if (h.dir === 'request' && hop > 0 && h.out)
      return tr('failover.log.retransmit', { client: r.client, id, src: h.out.src, dst: h.out.dst });
    if (h.drop === 'reset') return tr('failover.log.clientReset', { client: r.client, id });
    if (h.drop === 'timeout') return tr('failover.log.clientGivesUp', { client: r.client, id });
    return null;
  }
  if (isBalancer(h.node)) {
    const lb = h.node;
    if (h.drop === 'lost') {
      return h.dir === 'request'
        ? tr('failover.log.lbLost', { lb, id })
        : tr('failover.log.lbLostResponse', { lb, id, server: triedServer(hops, hop) });
    }
    if (h.drop === 'reset') return tr('failover.log.reset', { lb, id, server: triedServer(hops, hop), client: r.client });
    // L4: a server's RST, rewritten by the NAT on its way back to the client.
    const next = hops[hop + 1];
    if (h.dir === 'response' && h.in && h.out && next !== undefined && isClient(next.node) && next.drop === 'reset') {
      return tr('failover.log.rstThroughNat', {
        lb,
        id,
        server: triedServer(hops, hop),
        inSrc: h.in.src,
        inDst: h.in.dst,
        outSrc: h.out.src,
        outDst: h.out.dst,
      });
    }
    if (h.drop === 'refused' || h.drop === 'timeout') {
      const server = triedServer(hops, hop);
      const then = afterFailure(hops, hop);
      const kind = h.drop === 'refused' ? 'refused' : 'timeout';
      if (then === 'stop') return tr(`failover.log.${kind}Stop`, { server, id });
      if (then === 'none') return tr(`failover.log.${kind}None`, { server, lb, id });
      return tr(`failover.log.${kind}Retry`, { server, lb, next: then.next, id });
    }
    const prev = hops[hop - 1];
    // L4: a SYN sent again meets the connection's conntrack entry, which pins its server.
    if (h.dir === 'request' && h.in && h.out && prev?.retransmit !== undefined && isClient(prev.node)) {
      const server = hops.slice(hop + 1).find((x) => isServer(x.node))?.node ?? '—';
      return tr('failover.log.natAgain', { lb, id, server, inSrc: h.in.src, inDst: h.in.dst, outSrc: h.out.src, outDst: h.out.dst });
    }
    // A retry sends the request anew, right after the attempt that failed.
    if (h.dir === 'request' && h.out && prev?.node === lb && (prev.drop === 'refused' || prev.drop === 'timeout')) {
      const server = hops.slice(hop + 1).find((x) => isServer(x.node))?.node ?? '—';
      return tr('failover.log.retry', { lb, id, server, src: h.out.src, dst: h.out.dst });
    }
    return null;
  }
  // A server.
  if (h.drop === 'refused') return tr('failover.log.serverRefuses', { server: h.node, id });
  if (h.drop === 'lost') return tr('failover.log.serverSilent', { server: h.node, id });
  const before = hops[hop - 1];
  if (h.dir === 'response' && h.out && before?.node === h.node && before.drop === 'refused') {
    return tr('failover.log.serverRst', { server: h.node, id, src: h.out.src, dst: h.out.dst });
  }
  return null;
}

/** The scenario's (or the user's) failures and restores. */
export function narrateFailEvent(e: ScenarioEvent, lang: Lang): string | null {
  if (e.action !== 'fail' && e.action !== 'restore') return null;
  if (isBalancer(e.target)) return translate(lang, e.action === 'fail' ? 'failover.ev.failLb' : 'failover.ev.restoreLb', { lb: e.target });
  return translate(lang, e.action === 'fail' ? 'failover.ev.failServer' : 'failover.ev.restoreServer', { server: e.target });
}

/** What the log needs to know of the scenario to tell the balancers' changes. */
export interface SystemContext {
  vip: string;
  fall: number;
  rise: number;
  /** Whose health checks these are: HAProxy's (L7, and when absent) or keepalived's TCP_CHECK (L4). */
  checker?: 'haproxy' | 'keepalived';
}

/**
 * A VRRP change or a health change, or null for what the log leaves out: adverts, the
 * failures and restores its events already tell, the role a master takes (its gratuitous ARP
 * tells it), and the first election at 0 ms, which is the starting state.
 */
export function narrateVrrp(v: VrrpRecord, ctx: SystemContext, lang: Lang): string | null {
  if (v.at === 0) return null;
  if (v.kind === 'garp') {
    const count = v.count ?? 1;
    return !v.repeat
      ? translate(lang, 'failover.log.master', { lb: v.balancer, vip: ctx.vip, count })
      : translate(lang, 'failover.log.garpRepeat', { lb: v.balancer, vip: ctx.vip, count });
  }
  if (v.kind === 'backup') return translate(lang, 'failover.log.backup', { lb: v.balancer });
  return null;
}

export function narrateHealth(h: HealthChange, ctx: SystemContext, lang: Lang): string {
  if (ctx.checker === 'keepalived') {
    return translate(lang, h.state === 'down' ? 'failover.log.downKeepalived' : 'failover.log.upKeepalived', {
      lb: h.balancer,
      server: h.server,
    });
  }
  return h.state === 'down'
    ? translate(lang, 'failover.log.down', { lb: h.balancer, server: h.server })
    : translate(lang, 'failover.log.up', { lb: h.balancer, server: h.server, rise: ctx.rise });
}
