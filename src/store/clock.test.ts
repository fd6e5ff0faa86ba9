import { describe, expect, it } from 'vitest';
import { COMMIT_MS, PlaybackClock, type ClockHost } from './clock.ts';

/** A host whose frames and after-frame callbacks the test runs by hand. */
function manualHost() {
  let frame: ((ts: number) => void) | null = null;
  const after: (() => void)[] = [];
  const host: ClockHost = {
    now: () => 0,
    requestFrame: (cb) => {
      frame = cb;
      return 1;
    },
    cancelFrame: () => {
      frame = null;
    },
    afterFrame: (cb) => after.push(cb),
  };
  return {
    host,
    tick: (ts: number) => frame?.(ts),
    flushAfter: () => after.splice(0).forEach((cb) => cb()),
  };
}

describe('PlaybackClock commits', () => {
  it('while playing, commits after the frame is drawn, not inside it', () => {
    const m = manualHost();
    const commits: [number, boolean][] = [];
    const clock = new PlaybackClock((t, playing) => commits.push([t, playing]), 1, m.host);
    clock.end = 10_000;
    const drawn: number[] = [];
    clock.subscribe((t) => drawn.push(t));
    clock.play();
    expect(commits).toEqual([[0, true]]);
    m.tick(COMMIT_MS + 1);
    // The frame drew its time; the store hears of it only once the frame is done.
    expect(drawn).toEqual([COMMIT_MS + 1]);
    expect(commits).toHaveLength(1);
    m.flushAfter();
    expect(commits).toEqual([
      [0, true],
      [COMMIT_MS + 1, true],
    ]);
  });

  it('a pause before the deferred commit runs leaves the paused commit the last word', () => {
    const m = manualHost();
    const commits: [number, boolean][] = [];
    const clock = new PlaybackClock((t, playing) => commits.push([t, playing]), 1, m.host);
    clock.end = 10_000;
    clock.play();
    m.tick(COMMIT_MS + 5);
    clock.pause();
    m.flushAfter();
    expect(commits.at(-1)).toEqual([COMMIT_MS + 5, false]);
    expect(commits).toHaveLength(2);
  });
});
