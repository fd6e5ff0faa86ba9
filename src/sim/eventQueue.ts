/**
 * The simulation's agenda: events ordered by (time, insertion order), so equal times pop in the
 * order they were pushed and the history is deterministic.
 *
 * Two structures give that one order:
 * - a FIFO channel per event kind: a link with a fixed delay delivers in the order it was fed,
 *   so most events (a packet crossing a link) are appended and taken from the front in O(1);
 * - a binary min-heap for the rest (service times, timers), in parallel typed arrays so that
 *   millions of events cost no allocations.
 * An event goes to its kind's channel only while that keeps the channel sorted; otherwise to
 * the heap. pop() takes the least (time, order) among the heap's top and the channels' heads.
 *
 * An event is a `kind` (a small integer) and a `payload` (an integer handle the engine resolves,
 * up to 2^53: a flow's slot and its whole epoch fit).
 */
export class EventQueue {
  private time: Float64Array;
  private order: Float64Array;
  private kind: Int32Array;
  private payload: Float64Array;
  private n = 0;
  private pushed = 0;
  private readonly channels: Channel[];

  /** Filled by pop(): the event just removed. */
  topTime = 0;
  topKind = 0;
  topPayload = 0;

  /** `kinds`: how many event kinds may use a FIFO channel (kinds 0..kinds-1); 0 for a pure heap. */
  constructor(kinds = 0, capacity = 1024) {
    this.time = new Float64Array(capacity);
    this.order = new Float64Array(capacity);
    this.kind = new Int32Array(capacity);
    this.payload = new Float64Array(capacity);
    this.channels = Array.from({ length: kinds }, () => new Channel());
  }

  get size(): number {
    let s = this.n;
    for (const c of this.channels) s += c.size;
    return s;
  }

  /** Time of the earliest event, or Infinity when empty. */
  peekTime(): number {
    let t = this.n > 0 ? this.time[0]! : Infinity;
    for (const c of this.channels) if (c.size > 0 && c.headTime() < t) t = c.headTime();
    return t;
  }

  push(time: number, kind: number, payload: number): void {
    const order = this.pushed++;
    const c = this.channels[kind];
    if (c !== undefined && time >= c.lastTime) {
      c.push(time, order, payload);
      return;
    }
    this.heapPush(time, order, kind, payload);
  }

  /** Removes the earliest event into topTime/topKind/topPayload; false when empty. */
  pop(): boolean {
    return this.popUntil(Infinity);
  }

  /** Like pop(), but only an event at or before `limit`; false when there is none. */
  popUntil(limit: number): boolean {
    let bestChannel = -1;
    let bt = this.n > 0 ? this.time[0]! : Infinity;
    let bo = this.n > 0 ? this.order[0]! : Infinity;
    const channels = this.channels;
    for (let k = 0; k < channels.length; k++) {
      const c = channels[k]!;
      if (c.size === 0) continue;
      const t = c.headTime();
      if (t < bt || (t === bt && c.headOrder() < bo)) {
        bt = t;
        bo = c.headOrder();
        bestChannel = k;
      }
    }
    if (bt > limit) return false;
    if (bestChannel >= 0) {
      this.topTime = bt;
      this.topKind = bestChannel;
      this.topPayload = channels[bestChannel]!.shift();
      return true;
    }
    if (this.n === 0) return false;
    this.heapPop();
    return true;
  }

  private heapPush(time: number, order: number, kind: number, payload: number): void {
    if (this.n === this.time.length) this.grow();
    let i = this.n++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = this.time[p]!;
      if (pt < time || (pt === time && this.order[p]! < order)) break;
      this.move(p, i);
      i = p;
    }
    this.time[i] = time;
    this.order[i] = order;
    this.kind[i] = kind;
    this.payload[i] = payload;
  }

  private heapPop(): void {
    this.topTime = this.time[0]!;
    this.topKind = this.kind[0]!;
    this.topPayload = this.payload[0]!;
    const last = --this.n;
    if (last === 0) return;
    const t = this.time[last]!;
    const o = this.order[last]!;
    const k = this.kind[last]!;
    const pl = this.payload[last]!;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= last) break;
      const r = l + 1;
      let c = l;
      if (r < last && this.before(r, l)) c = r;
      const ct = this.time[c]!;
      if (t < ct || (t === ct && o < this.order[c]!)) break;
      this.move(c, i);
      i = c;
    }
    this.time[i] = t;
    this.order[i] = o;
    this.kind[i] = k;
    this.payload[i] = pl;
  }

  private before(a: number, b: number): boolean {
    const ta = this.time[a]!,
      tb = this.time[b]!;
    return ta < tb || (ta === tb && this.order[a]! < this.order[b]!);
  }

  private move(from: number, to: number): void {
    this.time[to] = this.time[from]!;
    this.order[to] = this.order[from]!;
    this.kind[to] = this.kind[from]!;
    this.payload[to] = this.payload[from]!;
  }

  private grow(): void {
    const cap = this.time.length * 2;
    const t = new Float64Array(cap);
    t.set(this.time);
    this.time = t;
    const o = new Float64Array(cap);
    o.set(this.order);
    this.order = o;
    const k = new Int32Array(cap);
    k.set(this.kind);
    this.kind = k;
    const p = new Float64Array(cap);
    p.set(this.payload);
    this.payload = p;
  }
}

/** A ring buffer of events whose times never decrease. */
class Channel {
  private time = new Float64Array(256);
  private order = new Float64Array(256);
  private payload = new Float64Array(256);
  private head = 0;
  size = 0;
  lastTime = -Infinity;

  headTime(): number {
    return this.time[this.head]!;
  }

  headOrder(): number {
    return this.order[this.head]!;
  }

  push(time: number, order: number, payload: number): void {
    if (this.size === this.time.length) this.grow();
    const i = (this.head + this.size++) & (this.time.length - 1);
    this.time[i] = time;
    this.order[i] = order;
    this.payload[i] = payload;
    this.lastTime = time;
  }

  shift(): number {
    const p = this.payload[this.head]!;
    this.head = (this.head + 1) & (this.time.length - 1);
    if (--this.size === 0) this.lastTime = -Infinity;
    return p;
  }

  private grow(): void {
    const cap = this.time.length * 2;
    const t = new Float64Array(cap),
      o = new Float64Array(cap),
      p = new Float64Array(cap);
    for (let i = 0; i < this.size; i++) {
      const j = (this.head + i) & (this.time.length - 1);
      t[i] = this.time[j]!;
      o[i] = this.order[j]!;
      p[i] = this.payload[j]!;
    }
    this.time = t;
    this.order = o;
    this.payload = p;
    this.head = 0;
  }
}
