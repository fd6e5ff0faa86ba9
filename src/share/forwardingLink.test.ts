import { describe, expect, it } from 'vitest';
import classroom from '../scenarios/classroom.json';
import type { ScenarioInput } from '../sim/scenario.ts';
import type { ClockHost } from '../store/clock.ts';
import { createLabStore } from '../store/labStore.ts';
import { linkTo, openFromHash } from './links.ts';

const still: ClockHost = { now: () => 0, requestFrame: () => 1, cancelFrame: () => {} };
const newStore = () => createLabStore({ lang: 'en', scenario: classroom as ScenarioInput, host: still });

describe('a shared link carries the forwarding mode (the toolbar\'s "Forwarding")', () => {
  it.each(['nat', 'dr', 'tun'] as const)('%s: the link opens the same mode and the same run', async (forwarding) => {
    const a = newStore();
    expect(await a.getState().configure({ forwarding })).toBeNull();
    a.getState().seek(1500);
    const b = newStore();
    expect(await openFromHash(b, new URL(await linkTo(a, 'http://127.0.0.1/')).hash, true)).toBe(true);
    expect(b.getState().scenario.forwarding).toBe(forwarding);
    expect(b.getState().base.forwarding).toBe(forwarding);
    expect(b.getState().trace.records).toEqual(a.getState().trace.records);
  });

  it('full NAT, the default, is left out of the scenario the link carries', async () => {
    const a = newStore();
    await a.getState().configure({ forwarding: 'dr' });
    // The combobox sets full NAT by removing the key (StageSettings).
    await a.getState().configure({ forwarding: undefined });
    expect('forwarding' in a.getState().base).toBe(false);
    expect(a.getState().scenario.forwarding).toBe('full-nat');
  });
});
