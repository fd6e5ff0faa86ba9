import { translate, type Lang } from '../../i18n/index.ts';
import { ownText } from '../../i18n/ownSection.ts';
import { whyNginx } from '../../i18n/sections/whyNginx.ts';
import type { IpHashRound } from '../../sim/algorithms/ipHash.ts';
import type { PeerSnapshot } from '../../sim/algorithms/peers.ts';
import type { Decision } from '../../sim/algorithms/pick.ts';

/** One block of the ip_hash explanation: a round in full, or a one-line summary of one. */
export interface IpHashBlock {
  title: string;
  lines: string[];
  /** Why the round's server was refused, when it was. */
  rejected: string | null;
}

/** The walk over the servers: w loses each weight until it falls below one. */
function walk(round: IpHashRound, peers: readonly PeerSnapshot[], lang: Lang): string[] {
  const lines: string[] = [];
  let w = round.w;
  for (const p of peers) {
    if (w < p.weight) {
      lines.push(ownText(whyNginx, lang, 'why.ip.walkStop', { w, weight: p.weight, server: p.name }));
      break;
    }
    lines.push(ownText(whyNginx, lang, 'why.ip.walkOn', { w, weight: p.weight, server: p.name, rest: w - p.weight }));
    w -= p.weight;
  }
  return lines;
}

function rejection(round: IpHashRound, lang: Lang): string | null {
  if (!round.rejected) return null;
  return ownText(whyNginx, lang, 'why.ip.rejected', {
    server: round.peer,
    reason: translate(lang, `why.reason.${round.rejected}`),
  });
}

function full(round: IpHashRound, n: number, peers: readonly PeerSnapshot[], lang: Lang): IpHashBlock {
  const first = round.steps[0];
  return {
    title:
      n === 1 ? ownText(whyNginx, lang, 'why.ip.start') : ownText(whyNginx, lang, 'why.ip.again', { n, hash: first?.hash ?? round.hash }),
    lines: [
      ...round.steps.map((s) => ownText(whyNginx, lang, 'why.ip.step', { hash: s.hash, octet: s.octet, result: s.result })),
      ownText(whyNginx, lang, 'why.ip.w', { hash: round.hash, total: round.totalWeight, w: round.w }),
      ...walk(round, peers, lang),
    ],
    rejected: rejection(round, lang),
  };
}

function short(round: IpHashRound, n: number, lang: Lang): IpHashBlock {
  return {
    title: ownText(whyNginx, lang, 'why.ip.short', { n, hash: round.hash, w: round.w, server: round.peer }),
    lines: [],
    rejected: rejection(round, lang),
  };
}

/**
 * nginx's ip_hash arithmetic for one decision, round by round. Up to three rounds are shown in
 * full; a longer chase (down servers, up to 20 rehashes) shows its first and last in full and the
 * second in one line, so the panel stays readable.
 */
export function ipHashBlocks(d: Decision, lang: Lang): IpHashBlock[] {
  const rounds = d.ipHash ?? [];
  if (rounds.length <= 3) return rounds.map((r, i) => full(r, i + 1, d.before, lang));
  const last = rounds.length;
  return [
    full(rounds[0]!, 1, d.before, lang),
    short(rounds[1]!, 2, lang),
    { title: ownText(whyNginx, lang, 'why.ip.more', { count: last - 3 }), lines: [], rejected: null },
    full(rounds[last - 1]!, last, d.before, lang),
  ];
}

/** "ip_hash uses only the first three octets of 192.168.0.1: 192.168.0" */
export function ipHashOctetsLine(client: string, lang: Lang): string {
  return ownText(whyNginx, lang, 'why.ip.octets', { client, octets: prefix24(client) });
}

/** Why a whole /24 shares a server. */
export function ipHashSameNet(client: string, lang: Lang): string {
  return ownText(whyNginx, lang, 'why.ip.sameNet', { net: prefix24(client) });
}

function prefix24(ip: string): string {
  return ip.split('.').slice(0, 3).join('.');
}
