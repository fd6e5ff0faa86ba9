/**
 * The playback clock: simulated time advancing with wall time × speed while playing. Packets
 * read it every frame through `subscribe`; the store hears of it only through `onCommit`, at
 * most every COMMIT_MS while playing and at once on pause or seek, so React re-renders at a
 * pace it can keep, never per frame.
 */
export const COMMIT_MS = 120;

export interface ClockHost {
  now(): number;
  requestFrame(cb: (ts: number) => void): number;
  cancelFrame(id: number): void;
  /** Runs `cb` once the frame being drawn is on screen (at once when not given). */
  afterFrame?(cb: () => void): void;
}

/**
 * A message posted from a frame callback is handled after that frame is painted: the store's
 * commit (React re-rendering the panels) then runs between two frames instead of inside one,
 * where it made that frame late.
 */
const afterPaint = (() => {
  if (typeof MessageChannel === 'undefined') return (cb: () => void) => cb();
  const channel = new MessageChannel();
  let queued: (() => void) | null = null;
  channel.port1.onmessage = () => {
    const cb = queued;
    queued = null;
    cb?.();
  };
  return (cb: () => void) => {
    if (queued === null) channel.port2.postMessage(null);
    queued = cb;
  };
})();

const browserHost: ClockHost = {
  now: () => performance.now(),
  requestFrame: (cb) => requestAnimationFrame(cb),
  cancelFrame: (id) => cancelAnimationFrame(id),
  afterFrame: afterPaint,
};

export class PlaybackClock {
  time = 0;
  playing = false;
  speed: number;
  /** Playback stops here (the end of the run). */
  end = 0;
  private readonly listeners = new Set<(t: number) => void>();
  private frameId = 0;
  private lastFrame = 0;
  private lastCommit = 0;

  constructor(
    private readonly onCommit: (time: number, playing: boolean) => void,
    speed: number,
    private readonly host: ClockHost = browserHost,
  ) {
    this.speed = speed;
  }

  subscribe(fn: (t: number) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  play(): void {
    if (this.playing) return;
    if (this.time >= this.end) this.time = 0;
    this.playing = true;
    this.lastFrame = this.host.now();
    this.lastCommit = this.lastFrame;
    this.frameId = this.host.requestFrame(this.frame);
    this.onCommit(this.time, true);
  }

  pause(): void {
    if (!this.playing) return;
    this.playing = false;
    this.host.cancelFrame(this.frameId);
    this.onCommit(this.time, false);
  }

  seek(t: number): void {
    this.time = Math.max(0, Math.min(this.end, t));
    this.notify();
    this.onCommit(this.time, this.playing);
  }

  /** Tells the per-frame listeners again (after what they draw changed while paused). */
  redraw(): void {
    this.notify();
  }

  setSpeed(speed: number): void {
    this.speed = speed;
  }

  private readonly frame = (ts: number): void => {
    if (!this.playing) return;
    const dt = Math.max(0, ts - this.lastFrame);
    this.lastFrame = ts;
    this.time = Math.min(this.end, this.time + dt * this.speed);
    this.notify();
    if (this.time >= this.end) {
      this.pause();
      return;
    }
    if (ts - this.lastCommit >= COMMIT_MS) {
      this.lastCommit = ts;
      const commit = () => {
        // A pause or a seek in between has committed already.
        if (this.playing) this.onCommit(this.time, true);
      };
      if (this.host.afterFrame) this.host.afterFrame(commit);
      else commit();
    }
    this.frameId = this.host.requestFrame(this.frame);
  };

  private notify(): void {
    for (const fn of this.listeners) fn(this.time);
  }
}
