import type { RequestRecord } from '../../sim/types.ts';
import type { PacketPosition } from '../../trace/packets.ts';
import { isolate } from '../userText.ts';

/**
 * What a packet's pill says: its request id, and what it carries that a newcomer should read.
 * A request in L7 names its method and path (what the balancer routes by); a handshake segment
 * its flags; an answer its outcome when it is not a plain success: "cache" for a cache hit,
 * the status for an error (red, and never by colour alone), "session lost" for a 401 from a
 * server that had no such session.
 */

/** How an answer ended, as the stage draws it. */
export type Answer = 'ok' | 'cached' | 'error' | 'sessionLost';

export function answerOf(r: RequestRecord): Answer {
  if (r.outcome === 'cached') return 'cached';
  if (r.session === 'lost') return 'sessionLost';
  if (r.status !== null && r.status >= 400) return 'error';
  return 'ok';
}

export interface PillWords {
  cache: string;
  sessionLost: string;
  /** A SYN sent again after a drop: "SYN retry {n} (+{after} s)". */
  retry: string;
}

export interface Pill {
  text: string;
  tone: 'plain' | 'error' | 'cache' | 'retry';
}

/** A SYN sent again: its retransmission number and how long after the first SYN (seconds). */
export interface Retry {
  n: number;
  afterS: number;
}

/**
 * Whether the request packet that last left hop `hop` is a SYN sent again after a drop: the hop
 * that sent it carries `retransmit` (the client's in L4, the balancer's in L7), or it is the L4
 * balancer's hop passing such a SYN on to the server. The wait is read from the hops: from the
 * sender's first SYN to this one (1, 3, 7 … s, RFC 6298).
 */
export function retryOf(r: RequestRecord, hop: number): Retry | null {
  let h = r.hops[hop];
  if (!h || h.dir !== 'request') return null;
  if (h.retransmit === undefined && hop > 0 && h.in) {
    const before = r.hops[hop - 1]!;
    if (before.retransmit === undefined || before.dir !== 'request') return null;
    h = before;
  }
  const n = h.retransmit;
  if (n === undefined) return null;
  const node = h.node;
  const first = r.hops.find((x) => x.node === node && x.dir === 'request' && x.out !== null);
  return { n, afterS: first ? Math.round((h.at - first.at) / 100) / 10 : 0 };
}

/**
 * With handshakes: whether segment `k` is a SYN sent again (the sender's SYN after an earlier one
 * to the same destination, or the L4 balancer passing it on), read from the segments as retryOf.
 */
export function segmentRetryOf(r: RequestRecord, k: number): Retry | null {
  const tcp = r.tcp;
  let x = tcp?.[k];
  if (!tcp || !x || x.flags !== 'SYN') return null;
  if (x.in) {
    const before = tcp[k - 1];
    if (!before || before.flags !== 'SYN' || before.in) return null;
    [x, k] = [before, k - 1];
  }
  let n = 0,
    first: number | null = null;
  for (let i = 0; i < k; i++) {
    const y = tcp[i]!;
    if (y.flags === 'SYN' && !y.in && y.node === x.node && y.out?.dst === x.out?.dst) {
      n++;
      first ??= y.at;
    }
  }
  return n && first !== null ? { n, afterS: Math.round((x.at - first) / 100) / 10 } : null;
}

export function retryText(template: string, retry: Retry): string {
  return template.replace('{n}', String(retry.n)).replace('{after}', String(retry.afterS));
}

/** Paths longer than this are cut with "…": the pill stays beside its packet, not across the stage. */
const PATH_CHARS = 14;

// Isolated and its controls shown (userText.ts), so a path cannot reorder the pill's own words.
const short = (path: string) => isolate(path, path.length > PATH_CHARS ? PATH_CHARS - 1 : Infinity);

export function pillOf(p: PacketPosition, r: RequestRecord, mode: 'L4' | 'L7', words: PillWords): Pill {
  const id = `#${p.id}`;
  if (p.kind === 'tcp') {
    const retry = p.segment !== undefined && p.from !== p.to ? segmentRetryOf(r, p.segment) : null;
    if (retry) return { text: `${id} ${retryText(words.retry, retry)}`, tone: 'retry' };
    return { text: `${id} ${p.flags ?? ''}`, tone: 'plain' };
  }
  if (p.kind === 'dns') return { text: `${id} DNS`, tone: 'plain' };
  if (p.kind === 'request') {
    // A SYN sent again says so: the retry is what a newcomer must not take for a new request.
    const retry = p.from !== p.to ? retryOf(r, p.hop) : null;
    if (retry) return { text: `${id} ${retryText(words.retry, retry)}`, tone: 'retry' };
    return { text: mode === 'L7' ? `${id} ${r.method} ${short(r.path)}` : id, tone: 'plain' };
  }
  const answer = answerOf(r);
  if (answer === 'cached') return { text: `${id} ${words.cache}`, tone: 'cache' };
  if (answer === 'sessionLost') return { text: `${id} ${r.status ?? 401} ${words.sessionLost}`, tone: 'error' };
  if (answer === 'error') return { text: `${id} ${r.status}`, tone: 'error' };
  return { text: mode === 'L7' && r.status !== null ? `${id} ${r.status}` : id, tone: 'plain' };
}

/**
 * Width of a text in a monospace font, in units of its font size: Latin glyphs are 0.6 em,
 * Hangul (and other wide glyphs, drawn from the fallback font) about 1 em. Measuring the
 * rendered text would cost a layout per frame.
 */
export function textEms(text: string): number {
  let w = 0;
  for (let i = 0; i < text.length; i++) w += text.charCodeAt(i) >= 0x1100 ? 1 : 0.6;
  return w;
}

/** Packets labelled at once: a few big pills read from the back row; more would crowd the stage and cost frames. */
export const MAX_PILLS = 8;

/**
 * Which packets get a pill this frame (indexes into `packets`): the selected request's first,
 * then those labelled last frame (`kept`, by id) while they are still on a link, then the newest
 * (packets come in record order, so from the end), up to `max`. Keeping a pill on its packet
 * until it arrives reads calmer than pills hopping to whichever packets are newest, and costs
 * fewer frames. Held packets wait in their node's queue of dots and are not labelled, except the
 * selected.
 */
export function labelled(
  packets: readonly PacketPosition[],
  selected: number | null,
  max = MAX_PILLS,
  kept: ReadonlySet<number> = NONE,
  /** Packets labelled before the newest (a SYN sent again): indexes into `packets`. */
  first: readonly number[] = [],
): number[] {
  const out: number[] = [];
  if (selected !== null) {
    for (let i = 0; i < packets.length; i++) if (packets[i]!.id === selected) out.push(i);
  }
  const moving = (p: PacketPosition) => p.id !== selected && p.from !== p.to;
  if (kept.size) {
    for (let i = packets.length - 1; i >= 0 && out.length < max; i--) {
      const p = packets[i]!;
      if (moving(p) && kept.has(p.id)) out.push(i);
    }
  }
  for (let k = first.length - 1; k >= 0 && out.length < max; k--) {
    const i = first[k]!;
    const p = packets[i]!;
    if (moving(p) && !kept.has(p.id) && !out.includes(i)) out.push(i);
  }
  for (let i = packets.length - 1; i >= 0 && out.length < max; i--) {
    const p = packets[i]!;
    if (moving(p) && !kept.has(p.id) && !out.includes(i)) out.push(i);
  }
  return out.length > max ? out.slice(0, max) : out;
}

const NONE: ReadonlySet<number> = new Set();
