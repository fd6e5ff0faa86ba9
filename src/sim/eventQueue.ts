/**
 * A binary min-heap of events keyed by (time, insertion order), stored in parallel typed arrays
 * so that millions of events cost no allocations. Equal times pop in the order they were pushed,
 * which keeps the simulation deterministic.
 *
 * An event is a `kind` (small integer) and a `payload` (an integer handle the engine resolves).
 */
export class EventQueue {
  private time: Float64Array;
  private order: Float64Array;
  private kind: Int32Array;
  private payload: Int32Array;
  private n = 0;
  private pushed = 0;

  /** Filled by pop(): the event just removed. */
  topTime = 0;
  topKind = 0;
  topPayload = 0;

  constructor(capacity = 1024) {
    this.time = new Float64Array(capacity);
    this.order = new Float64Array(capacity);
    this.kind = new Int32Array(capacity);
    this.payload = new Int32Array(capacity);
  }

  get size(): number {
    return this.n;
  }

  /** Time of the earliest event, or Infinity when empty. */
  peekTime(): number {
    return this.n > 0 ? this.time[0]! : Infinity;
  }

  push(time: number, kind: number, payload: number): void {
    if (this.n === this.time.length) this.grow();
    const order = this.pushed++;
    let i = this.n++;
    // Sift up: move parents down until the new event's slot is found.
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

  /** Removes the earliest event into topTime/topKind/topPayload; false when empty. */
  pop(): boolean {
    if (this.n === 0) return false;
    this.topTime = this.time[0]!;
    this.topKind = this.kind[0]!;
    this.topPayload = this.payload[0]!;
    const last = --this.n;
    if (last > 0) {
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
    return true;
  }

  clear(): void {
    this.n = 0;
  }

  private before(a: number, b: number): boolean {
    const ta = this.time[a]!, tb = this.time[b]!;
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
    const t = new Float64Array(cap); t.set(this.time); this.time = t;
    const o = new Float64Array(cap); o.set(this.order); this.order = o;
    const k = new Int32Array(cap); k.set(this.kind); this.kind = k;
    const p = new Int32Array(cap); p.set(this.payload); this.payload = p;
  }
}
