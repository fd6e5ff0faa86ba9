// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import { LabProvider } from './context.tsx';
import { createLabStore } from './labStore.ts';
import { OffscreenHold, useCommittedTime } from './offscreen.tsx';

const host = { now: () => 0, requestFrame: () => 0, cancelFrame: () => {} };
const scenario = { servers: [{ name: 's1' }], requests: [{ at: 0, client: '203.0.113.10' }] };

/** An IntersectionObserver the test drives: `show(false)` scrolls every watched box away. */
let observers: IntersectionObserverCallback[] = [];
function show(on: boolean) {
  for (const cb of observers) cb([{ isIntersecting: on } as IntersectionObserverEntry], {} as IntersectionObserver);
}
vi.stubGlobal(
  'IntersectionObserver',
  class {
    constructor(cb: IntersectionObserverCallback) {
      observers.push(cb);
    }
    observe() {}
    disconnect() {}
  },
);

function Time({ label }: { label: string }) {
  return (
    <p>
      {label} {useCommittedTime()}
    </p>
  );
}

afterEach(() => {
  cleanup();
  observers = [];
});

describe('a detail panel scrolled out of view holds its time while playing', () => {
  it('holds while off screen and playing, catches up on pause and on coming back', () => {
    const store = createLabStore({ lang: 'en', scenario, host });
    render(
      <LabProvider store={store}>
        <Time label="stage" />
        <OffscreenHold>
          <Time label="detail" />
        </OffscreenHold>
      </LabProvider>,
    );
    act(() => store.setState({ time: 100, playing: true }));
    act(() => show(false));
    act(() => store.setState({ time: 200 }));
    expect(screen.getByText('stage 200')).toBeTruthy();
    expect(screen.getByText('detail 100')).toBeTruthy();
    act(() => store.setState({ playing: false }));
    expect(screen.getByText('detail 200')).toBeTruthy();
    // Play again from 200 while still out of view: held there as the clock moves on.
    act(() => store.setState({ playing: true }));
    act(() => store.setState({ time: 300 }));
    expect(screen.getByText('stage 300')).toBeTruthy();
    expect(screen.getByText('detail 200')).toBeTruthy();
    act(() => show(true));
    expect(screen.getByText('detail 300')).toBeTruthy();
  });
});
