/**
 * Port numbers as the kernel hands them out, at a cost that does not grow with the ports in use:
 * a client's ephemeral ports (a free list), and a balancer's source ports toward one server (a
 * bitmap with a moving cursor). A connection holds its port until it closes; with every port of a
 * range in use, a new connection gets none (connect() fails with EADDRNOTAVAIL).
 */

/** The IANA ephemeral range (RFC 6335), which the lab's clients take their source ports from. */
export const CLIENT_PORT_LOW = 49152;
export const CLIENT_PORT_HIGH = 65535;
/** Linux's default `net.ipv4.ip_local_port_range` (32768 60999), the balancers' own range. */
export const LINUX_PORT_LOW = 32768;
export const LINUX_PORT_HIGH = 60999;
/** Linux SNAT (nf_nat_core.c) picks a clashing tuple's new port from 1024–65535. */
export const SNAT_PORT_LOW = 1024;
export const SNAT_PORT_HIGH = 65535;

/**
 * One client's ephemeral ports toward one destination: the next port follows the last one taken,
 * round the range; once each has been used, ports come back in the order they were freed. O(1)
 * per take and free, and a client with nothing open keeps no list at all.
 */
export class ClientPorts {
  private readonly low: number;
  private readonly span: number;
  /** Offset in the range of the first port not yet handed out since the client was last idle. */
  private start: number;
  /** Ports handed out since then, from `start` on (never more than the span). */
  private fresh = 0;
  /** Ports handed out since then and freed again, oldest first (from `head`). */
  private freed: number[] = [];
  private head = 0;
  /** Ports open now. */
  open = 0;

  constructor(startOffset: number, low = CLIENT_PORT_LOW, high = CLIENT_PORT_HIGH) {
    this.low = low;
    this.span = high - low + 1;
    this.start = startOffset % this.span;
  }

  /** A free port, or 0 when every one is in use. */
  take(): number {
    let port: number;
    if (this.fresh < this.span) port = this.low + ((this.start + this.fresh++) % this.span);
    else if (this.head < this.freed.length) port = this.freed[this.head++]!;
    else return 0;
    this.open++;
    return port;
  }

  free(port: number): void {
    this.open--;
    if (this.open === 0) {
      // Nothing open: every port is free, and the next one follows the last handed out.
      this.start = (this.start + this.fresh) % this.span;
      this.fresh = 0;
      this.freed = [];
      this.head = 0;
      return;
    }
    this.freed.push(port);
    // The list's taken front is dropped once it is most of it (amortised O(1)).
    if (this.head > 1024 && this.head * 2 > this.freed.length) {
      this.freed = this.freed.slice(this.head);
      this.head = 0;
    }
  }
}

const ctz = (x: number): number => 31 - Math.clz32(x & -x);

/**
 * A set of ports from `low` to `high`, as a bitmap with a second bitmap marking its full words:
 * finding the first free port from anywhere looks at a few words, however many are in use.
 */
export class PortSet {
  readonly low: number;
  readonly high: number;
  private readonly bits: Uint32Array;
  /** Bit w set: word w of `bits` is full. */
  private readonly full: Uint32Array;
  size = 0;

  constructor(low: number, high: number) {
    this.low = low;
    this.high = high;
    const n = high - low + 1;
    const words = (n + 31) >>> 5;
    this.bits = new Uint32Array(words);
    this.full = new Uint32Array((words + 31) >>> 5);
    // The last word's bits past `high` count as used, so "full" is simply all ones.
    const tail = n & 31;
    if (tail) this.bits[words - 1] = ~((1 << tail) - 1) >>> 0;
    // Words past the last one count as full, so a search never lands on them.
    for (let w = words; w < this.full.length * 32; w++) this.full[w >>> 5]! |= 1 << (w & 31);
    for (let w = 0; w < words; w++) if (this.bits[w] === 0xffffffff) this.full[w >>> 5]! |= 1 << (w & 31);
  }

  get capacity(): number {
    return this.high - this.low + 1;
  }

  has(port: number): boolean {
    const i = port - this.low;
    return i >= 0 && port <= this.high && (this.bits[i >>> 5]! & (1 << (i & 31))) !== 0;
  }

  /** Marks a port in use (a port outside the range is ignored). */
  add(port: number): void {
    if (port < this.low || port > this.high || this.has(port)) return;
    const i = port - this.low;
    const w = i >>> 5;
    const v = (this.bits[w]! | (1 << (i & 31))) >>> 0;
    this.bits[w] = v;
    if (v === 0xffffffff) this.full[w >>> 5]! |= 1 << (w & 31);
    this.size++;
  }

  delete(port: number): void {
    if (!this.has(port)) return;
    const i = port - this.low;
    const w = i >>> 5;
    this.bits[w] = (this.bits[w]! & ~(1 << (i & 31))) >>> 0;
    this.full[w >>> 5]! &= ~(1 << (w & 31));
    this.size--;
  }

  /** The first free port at or after `from`, round the range; 0 when every port is in use. */
  nextFree(from: number): number {
    if (this.size >= this.capacity) return 0;
    const start = from < this.low || from > this.high ? 0 : from - this.low;
    const i = this.firstFreeFrom(start);
    return this.low + (i >= 0 ? i : this.firstFreeFrom(0));
  }

  /** The first free index at or after i, or -1 up to the end. */
  private firstFreeFrom(i: number): number {
    let w = i >>> 5;
    const words = this.bits.length;
    if (w >= words) return -1;
    // Free bits of word w from bit i on.
    const here = ~this.bits[w]! & ~((1 << (i & 31)) - 1);
    if (here !== 0) return (w << 5) + ctz(here);
    // The next word that is not full, through the summary.
    w++;
    for (let s = w >>> 5; s < this.full.length; s++) {
      const open = ~this.full[s]! & (s === w >>> 5 ? ~((1 << (w & 31)) - 1) : -1);
      if (open !== 0) {
        const word = (s << 5) + ctz(open);
        return (word << 5) + ctz(~this.bits[word]!);
      }
    }
    return -1;
  }
}
