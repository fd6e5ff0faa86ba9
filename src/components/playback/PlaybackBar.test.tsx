// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render } from '@testing-library/react';
import { LabProvider } from '../../store/context.tsx';
import { createLabStore } from '../../store/labStore.ts';
import { PlaybackBar } from './PlaybackBar.tsx';

const host = { now: () => 0, requestFrame: () => 0, cancelFrame: () => {} };
const scenario = {
  servers: [{ name: 's1' }],
  requests: [
    { at: 0, client: '203.0.113.10' },
    { at: 400, client: '192.0.2.77' },
  ],
};

vi.stubGlobal(
  'ResizeObserver',
  class {
    observe() {}
    disconnect() {}
  },
);
vi.stubGlobal('matchMedia', () => ({ matches: false, addEventListener() {}, removeEventListener() {} }));

afterEach(cleanup);

describe('the playback bar', () => {
  it('subscribes to the clock once, not at every commit, and still shows every seek', () => {
    const store = createLabStore({ lang: 'en', scenario, host });
    const { clock } = store.getState();
    const subscribe = vi.spyOn(clock, 'subscribe');
    const { container } = render(
      <LabProvider store={store}>
        <PlaybackBar />
      </LabProvider>,
    );
    const readout = container.querySelector('output')!;
    const range = container.querySelector<HTMLInputElement>('input[type="range"]')!;
    expect(subscribe).toHaveBeenCalledTimes(1);
    for (const t of [100, 250.5, 300]) act(() => store.getState().seek(t));
    expect(subscribe).toHaveBeenCalledTimes(1);
    expect(readout.textContent).toContain('300.0');
    expect(range.value).toBe('300');
    // Another language needs its own words: one new subscription, shown at once.
    act(() => store.getState().setLang('ko'));
    expect(subscribe).toHaveBeenCalledTimes(2);
    expect(readout.textContent).not.toBe('');
    expect(readout.textContent).toContain('300.0');
  });
});
