import { translate, type Lang } from '../../i18n/index.ts';
import { assertNever } from '../../sim/assertNever.ts';
import type { ScenarioEvent } from '../../sim/scenario.ts';
import type { RequestRecord } from '../../sim/types.ts';
import { narrateFailEvent, narrateFailureHop } from '../failures/narrateFailures.ts';
import { ms } from './format.ts';
import { unpackStep } from '../../trace/momentStep.ts';
import { isBalancer, isClient, isServer } from '../../sim/nodes.ts';
import { narrateSegment } from './narrateTcp.ts';
import { isolate } from '../userText.ts';

/** When a moment of a record happens (`hop` as the trace packs it: see momentStep.ts). */
export function momentAt(r: RequestRecord, hop: number): number {
  const step = unpackStep(hop);
  switch (step.kind) {
    case 'dns-query':
      return r.dns?.at ?? r.at;
    case 'dns-answer':
      return r.dns?.answeredAt ?? r.at;
    case 'segment':
      return r.tcp?.[step.segment]?.at ?? r.at;
    case 'hop':
      return r.hops[step.hop]?.at ?? r.at;
  }
}

export function timeText(at: number, lang: Lang): string {
  return translate(lang, 'log.time', { ms: ms(at, lang) });
}

/**
 * One moment of a request, told in words: what the node did with the packet and, where the
 * balancer rewrote it, the addresses before and after. Read from the hop alone, so the same
 * sentence works for either balancer and for the 502 or 504 nginx gives itself.
 */
export function narrate(r: RequestRecord, hop: number, lang: Lang): string {
  const id = r.id;
  const client = r.client;
  const step = unpackStep(hop);
  if (step.kind === 'dns-query') return translate(lang, 'log.dnsQuery', { client, id, name: r.dns?.name ?? '' });
  if (step.kind === 'dns-answer')
    return translate(lang, 'log.dnsAnswer', { client, id, name: r.dns?.name ?? '', answer: r.dns?.answer ?? '' });
  if (step.kind === 'segment') return narrateSegment(r, step.segment, lang);
  const h = r.hops[hop];
  if (!h) return '';
  const l7 = l7Sentence(r, hop, lang);
  if (l7 !== null) return l7;
  // IPVS had no destination: the client's SYN is answered with ICMP port unreachable, not a reset (ip_vs_leave).
  if (isClient(h.node) && h.dir === 'response' && r.ipvs?.error) return translate(lang, 'log.clientIcmp', { client, id });
  // Lost, refused, timed out or reset, and the retries they cause, have sentences of their own.
  const failure = narrateFailureHop(r, hop, lang);
  if (failure !== null) return failure;
  const lb = isBalancer(h.node);
  if (isClient(h.node) && h.dir === 'request' && h.out) {
    return translate(lang, 'log.send', { client, id, method: r.method, path: isolate(r.path), src: h.out.src, dst: h.out.dst });
  }
  if (isClient(h.node) && h.dir === 'response') {
    return translate(lang, 'log.clientRecv', {
      client,
      id,
      status: r.status ?? '—',
      latency: `${ms(r.latencyMs, lang)} ms`,
    });
  }
  if (lb && h.dir === 'request' && h.in) {
    if (!h.out && r.ipvs?.error) {
      return translate(lang, 'log.lbNoDest', { lb: h.node, id, src: h.in.src, dst: h.in.dst, kernel: r.ipvs.scheduler });
    }
    const picked = { lb: h.node, id, src: h.in.src, dst: h.in.dst, server: r.server ?? '—', algorithm: pickedBy(r, lang) };
    if (h.out?.mac) return translate(lang, 'log.lbPickMac', { ...picked, mac: h.out.mac.dst });
    if (h.out?.outer) return translate(lang, 'log.lbPickTun', { ...picked, outerSrc: h.out.outer.src, outerDst: h.out.outer.dst });
    return h.out
      ? translate(lang, 'log.lbPick', {
          lb: h.node,
          id,
          src: h.in.src,
          dst: h.in.dst,
          server: r.server ?? '—',
          algorithm: pickedBy(r, lang),
          outSrc: h.out.src,
          outDst: h.out.dst,
        })
      : translate(lang, 'log.lbNone', { lb: h.node, id, src: h.in.src, dst: h.in.dst });
  }
  if (lb && h.dir === 'response' && h.out) {
    return h.in
      ? translate(lang, 'log.lbRewrite', {
          lb: h.node,
          id,
          inSrc: h.in.src,
          inDst: h.in.dst,
          outSrc: h.out.src,
          outDst: h.out.dst,
        })
      : r.ipvs?.error
        ? translate(lang, 'log.lbIcmp', { lb: h.node, id, src: h.out.src, dst: h.out.dst })
        : r.status === null
          ? translate(lang, 'log.lbNoServerL4', { lb: h.node, id, src: h.out.src, dst: h.out.dst })
          : translate(lang, 'log.lb503', { lb: h.node, id, status: r.status, src: h.out.src, dst: h.out.dst });
  }
  if (!lb && !isClient(h.node) && h.dir === 'request' && h.in) {
    return translate(lang, 'log.serverRecv', { server: h.node, id, src: h.in.src });
  }
  if (!lb && !isClient(h.node) && h.dir === 'response' && h.out) {
    return translate(lang, 'log.serverAnswer', { server: h.node, id, src: h.out.src, dst: h.out.dst });
  }
  return translate(lang, 'log.other', { node: h.node, id, dir: translate(lang, `log.dir.${h.dir}`) });
}

/** Who picked, for the balancer's line: nginx's algorithm (L7), IPVS's scheduler or the client's persistence template (L4). */
function pickedBy(r: RequestRecord, lang: Lang): string {
  if (r.ipvs) return translate(lang, 'log.byIpvs', { kernel: r.ipvs.scheduler });
  if (r.persistent) return translate(lang, 'log.byTemplate');
  return r.decision ? translate(lang, `algorithm.${r.decision.algorithm}`) : '';
}

/**
 * L7's own steps: the balancer ends the client's connection and reads the request; opens its
 * own connection to the server; or answers by itself from its cache or with a block.
 */
function l7Sentence(r: RequestRecord, hop: number, lang: Lang): string | null {
  const h = r.hops[hop]!;
  const next = r.hops[hop + 1];
  const lb = isBalancer(h.node);
  if (!lb) return null;
  const id = r.id;
  if (
    h.dir === 'request' &&
    h.in &&
    !h.out &&
    !h.drop &&
    next &&
    next.node === h.node &&
    (next.dir === 'request' ? !next.in && next.out : r.outcome === 'cached' || r.outcome === 'blocked')
  ) {
    return translate(lang, 'log.l7Read', { lb: h.node, id, src: h.in.src, method: r.method, path: isolate(r.path) });
  }
  if (h.dir === 'request' && !h.in && h.out && r.headers?.['X-Forwarded-For'] && !r.hops.slice(0, hop).some((x) => x.drop)) {
    // The server this connection goes to: after a retry, the record's server is another one.
    const to = r.hops.slice(hop + 1).find((x) => isServer(x.node))?.node;
    return translate(lang, 'log.l7Open', {
      lb: h.node,
      id,
      src: h.out.src,
      dst: h.out.dst,
      server: to ?? r.server ?? '—',
      client: isolate(r.headers['X-Forwarded-For']),
    });
  }
  // nginx does not rewrite the server's packet: it reads the answer and writes it on the client's connection.
  if (h.dir === 'response' && h.in && h.out && !h.drop && r.headers?.['X-Forwarded-For']) {
    const from =
      r.hops
        .slice(0, hop)
        .reverse()
        .find((x) => isServer(x.node))?.node ??
      r.server ??
      '—';
    return translate(lang, 'log.l7Reply', { lb: h.node, id, server: from, src: h.out.src, dst: h.out.dst });
  }
  if (h.dir === 'response' && !h.in && h.out && (r.outcome === 'cached' || r.outcome === 'blocked')) {
    return translate(lang, r.outcome === 'cached' ? 'log.l7Cached' : 'log.l7Blocked', {
      lb: h.node,
      id,
      status: r.status ?? '—',
      path: isolate(r.path),
    });
  }
  return null;
}

/** "32.0 ms — lb1 receives #3 …" */
export function narrateLine(r: RequestRecord, hop: number, lang: Lang): string {
  return `${timeText(momentAt(r, hop), lang)} — ${narrate(r, hop, lang)}`;
}

/** A user's or the scenario's action, told in words. */
export function narrateEvent(e: ScenarioEvent, lang: Lang): string {
  switch (e.action) {
    case 'set-algorithm':
      return translate(lang, 'log.ev.algorithm', { algorithm: translate(lang, `algorithm.${e.algorithm}`) });
    case 'set-weight':
      return translate(lang, 'log.ev.weight', { server: e.target, weight: e.weight });
    case 'add-server':
      return translate(lang, 'log.ev.add', { server: e.server.name });
    case 'remove-server':
      return translate(lang, 'log.ev.remove', { server: e.target });
    case 'set-load': {
      const parts: string[] = [];
      if (e.ratePerSec !== undefined) parts.push(translate(lang, 'log.ev.rate', { rate: e.ratePerSec }));
      if (e.clients !== undefined) {
        parts.push(translate(lang, 'log.ev.clients', { count: Array.isArray(e.clients) ? e.clients.length : e.clients }));
      }
      if (e.durationMs !== undefined) parts.push(translate(lang, 'log.ev.duration', { seconds: e.durationMs / 1000 }));
      return translate(lang, 'log.ev.load', { detail: parts.join(', ') });
    }
    case 'request':
      return translate(lang, 'log.ev.request', { client: e.client, method: e.method ?? 'GET', path: isolate(e.path ?? '/') });
    case 'fail':
    case 'restore':
      return narrateFailEvent(e, lang) ?? e.action;
    default:
      return assertNever(e, 'scenario action');
  }
}
