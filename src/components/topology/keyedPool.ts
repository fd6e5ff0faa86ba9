/**
 * Elements handed out by key (a packet's id): a packet keeps its element from frame to frame,
 * so a frame only moves it. Handing them out by position in the list instead gave each element
 * another packet whenever one came or went, rewriting classes, ids and text on most of them
 * (each a style pass for the browser).
 */
export class KeyedPool<T> {
  private readonly byKey = new Map<number, { item: T; frame: number }>();
  private readonly free: T[] = [];
  private frame = 0;

  constructor(
    private readonly create: () => T,
    private readonly hide: (item: T) => void,
  ) {}

  /** Starts a frame: what is not taken before `end` is hidden and freed. */
  begin(): void {
    this.frame++;
  }

  take(key: number): T {
    const had = this.byKey.get(key);
    if (had) {
      had.frame = this.frame;
      return had.item;
    }
    const item = this.free.pop() ?? this.create();
    this.byKey.set(key, { item, frame: this.frame });
    return item;
  }

  end(): void {
    for (const [key, e] of this.byKey) {
      if (e.frame === this.frame) continue;
      this.byKey.delete(key);
      this.hide(e.item);
      this.free.push(e.item);
    }
  }
}
