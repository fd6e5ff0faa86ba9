/**
 * Sequence and acknowledgement numbers for the lab's TCP packets, consistent per direction of
 * each address pair, so Wireshark follows every stream without "previous segment not captured".
 * A connection opened by a SYN starts at an initial sequence number hashed from its addresses
 * and its request; one the lab takes as already open (no handshakes: keep-alive) starts at one
 * hashed from its addresses alone, and later requests on the same addresses carry on from there.
 */
import type { Header, TcpFlags } from '../sim/types.ts';
import { TCP_ACK, TCP_PSH, TCP_RST, TCP_SYN } from './packetBytes.ts';
import { RecentMap } from './recentMap.ts';

/**
 * Directions remembered: one unused for this many newer ones is forgotten (a connection taken
 * as open that stays idle that long starts again from its initial number).
 */
export const DIRECTIONS_KEPT = 100_000;

/** FNV-1a, 32 bits: any stable spread of numbers will do for initial sequence numbers. */
function hash(text: string, salt: number): number {
  let h = 0x811c9dc5 ^ salt;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h >>> 0;
}

export const FLAGS: Record<TcpFlags, number> = {
  SYN: TCP_SYN,
  'SYN-ACK': TCP_SYN | TCP_ACK,
  ACK: TCP_ACK,
  RST: TCP_RST | TCP_ACK,
};

/** A data segment: HTTP travels with PSH and ACK. */
export const DATA = TCP_PSH | TCP_ACK;

/** Endpoints come numbered (below 2^26, see Capture), so a direction is a number, not a string made per packet. */
export const ENDPOINTS = 2 ** 26;

export class TcpNumbers {
  /** The next sequence number of each direction (src id × ENDPOINTS + dst id). */
  private readonly next = new RecentMap<number, number>(DIRECTIONS_KEPT);
  /** Where each direction's last segment started: a retransmission sends it again. */
  private readonly last = new RecentMap<number, number>(DIRECTIONS_KEPT);

  private nextOf(key: number, h: Header, reverse: boolean): number {
    let n = this.next.get(key);
    if (n === undefined) {
      n = reverse ? hash(`${h.dst}>${h.src}`, 0) : hash(`${h.src}>${h.dst}`, 0);
      this.next.set(key, n);
    }
    return n;
  }

  /**
   * The numbers of a segment leaving with these addresses, flags and payload; `salt` tells
   * connections on the same addresses apart, and a retransmission repeats the last segment's.
   */
  segment(
    h: Header,
    src: number,
    dst: number,
    flags: number,
    payloadLength: number,
    salt: number,
    retransmission = false,
  ): { seq: number; ack: number } {
    const fwd = src * ENDPOINTS + dst;
    const rev = dst * ENDPOINTS + src;
    let seq: number;
    const again = retransmission ? this.last.get(fwd) : undefined;
    if (again !== undefined) {
      seq = again;
    } else if (flags & TCP_SYN) {
      seq = hash(`${h.src}>${h.dst}`, salt);
      this.next.set(fwd, (seq + 1) >>> 0);
    } else {
      seq = this.nextOf(fwd, h, false);
      this.next.set(fwd, (seq + payloadLength) >>> 0);
    }
    this.last.set(fwd, seq);
    return { seq, ack: flags & TCP_ACK ? this.nextOf(rev, h, true) : 0 };
  }
}
