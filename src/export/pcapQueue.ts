/**
 * Packets made out of time order, written in time order. A request's packets are known only
 * when its record is finished, and a long request started before many short ones that finish
 * first; so packets wait here until nothing can come before them (`release`), and the file is
 * written front to back while the run goes on. What waits is the run's packets in flight, not
 * the run.
 *
 * Ties keep one order whatever order the packets were made in: the requests' packets by
 * request id, then the VRRP records', then the health checks', each in the order of its story.
 */

/** Who made a packet: the first key after its time. */
export const Source = { Request: 0, Vrrp: 1, Probe: 2 } as const;
export type Source = (typeof Source)[keyof typeof Source];

interface Waiting {
  at: number;
  source: Source;
  /** The record's id, or the VRRP record's or probe's number. */
  id: number;
  /** Its place in that record's story. */
  n: number;
  /** Writes the packet (its frames); called in time order. */
  send: () => void;
}

const before = (a: Waiting, b: Waiting) => a.at - b.at || a.source - b.source || a.id - b.id || a.n - b.n;

export class PacketQueue {
  private waiting: Waiting[] = [];
  private sorted = true;

  get size(): number {
    return this.waiting.length;
  }

  add(at: number, source: Source, id: number, n: number, send: () => void): void {
    const w = this.waiting;
    const item = { at, source, id, n, send };
    if (this.sorted && w.length > 0 && before(w[w.length - 1]!, item) > 0) this.sorted = false;
    w.push(item);
  }

  /**
   * Sends, in time order, every packet earlier than `until` (nothing made later can come before
   * it), and those up to `upTo` only; the others are dropped.
   */
  release(until: number, upTo = Infinity): void {
    const w = this.waiting;
    if (w.length === 0) return;
    // Mostly in order already (a sorted run and a new tail): the engine's sort is a merge sort.
    if (!this.sorted) w.sort(before);
    this.sorted = true;
    let i = 0;
    for (; i < w.length && w[i]!.at < until; i++) if (w[i]!.at <= upTo) w[i]!.send();
    if (i > 0) this.waiting = w.slice(i);
  }
}
