/**
 * A Map that forgets what has gone unused for a while, so a capture's memory stays flat: every
 * connection of a long run has its own client port, and its TCP numbers are needed only while
 * it is in use. Two generations of at most `generation` entries each: an entry read from the
 * older one moves to the newer; when the newer is full, the older is let go.
 */
export class RecentMap<K, V> {
  private newer = new Map<K, V>();
  private older = new Map<K, V>();

  constructor(private readonly generation: number) {}

  get(key: K): V | undefined {
    const v = this.newer.get(key);
    if (v !== undefined) return v;
    const old = this.older.get(key);
    if (old !== undefined) this.set(key, old);
    return old;
  }

  set(key: K, value: V): void {
    if (this.newer.size >= this.generation && !this.newer.has(key)) {
      this.older = this.newer;
      this.newer = new Map();
    }
    this.newer.set(key, value);
  }
}
