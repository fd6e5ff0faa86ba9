import { describe, expect, it } from 'vitest';
import classroom from '../../scenarios/classroom.json';
import type { ScenarioInput } from '../../sim/scenario.ts';
import type { ClockHost } from '../../store/clock.ts';
import { createLabStore } from '../../store/labStore.ts';
import { switchLayer } from './layerSwitch.ts';

const host: ClockHost = { now: () => 0, requestFrame: () => 1, cancelFrame: () => undefined };
const base = classroom as ScenarioInput;

describe('switching layer: what only L4 has gives way, and the notice says so', () => {
  it('to L4: the L7 settings go, nothing to tell', () => {
    const s = switchLayer('L4', { ...base, mode: 'L7', cache: { pathPrefixes: ['/static'] } }, []);
    expect(s.patch).toMatchObject({ mode: 'L4', cache: undefined });
    expect(s.said).toBeNull();
  });

  it('to L7 from plain full NAT and an nginx algorithm: nothing else changes, nothing to tell', () => {
    const s = switchLayer('L7', base, [{ at: 10, action: 'set-algorithm', algorithm: 'ip-hash' }]);
    expect(s.said).toBeNull();
    expect(s.patch.algorithm).toBeUndefined();
    expect(s.events([{ at: 10, action: 'set-algorithm', algorithm: 'ip-hash' }])).toEqual([
      { at: 10, action: 'set-algorithm', algorithm: 'ip-hash' },
    ]);
  });

  it("to L7 with weighted least connections (IPVS's wlc), wherever it was chosen: least connections, said in both languages", () => {
    const wlc = { at: 3000, action: 'set-algorithm', algorithm: 'weighted-least-connections' } as const;
    const s = switchLayer('L7', { ...base, algorithm: 'weighted-least-connections', events: [wlc] }, [wlc]);
    expect(s.patch.algorithm).toBe('least-connections');
    expect(s.patch.events).toEqual([{ ...wlc, algorithm: 'least-connections' }]);
    expect(s.events([wlc])).toEqual([{ ...wlc, algorithm: 'least-connections' }]);
    expect(s.said?.en).toMatch(/least connections/);
    expect(s.said?.ko).toMatch(/최소 연결/);
  });

  it('to L7 from direct routing: the forwarding mode and the persistence timeout go, and the notice names the mode', () => {
    const s = switchLayer('L7', { ...base, forwarding: 'dr', persistenceTimeoutMs: 60_000 }, []);
    expect('forwarding' in s.patch && s.patch.forwarding === undefined).toBe(true);
    expect('persistenceTimeoutMs' in s.patch && s.patch.persistenceTimeoutMs === undefined).toBe(true);
    expect(s.said?.en).toMatch(/direct routing — L2/);
    expect(s.said?.ko).toMatch(/직접 라우팅 — L2/);
  });

  it("the health checks' counts give way to the other layer's checker (HAProxy's in L7, keepalived's TCP_CHECK in L4), said in both languages", () => {
    const toL4 = switchLayer('L4', { ...base, mode: 'L7', healthCheck: { intervalMs: 1000, fall: 5, rise: 2 } }, []);
    expect(toL4.patch.healthCheck).toEqual({ intervalMs: 1000 });
    expect(toL4.said?.en).toMatch(/keepalived's TCP_CHECK/);
    expect(toL4.said?.ko).toMatch(/keepalived의 TCP_CHECK/);
    const toL7 = switchLayer('L7', { ...base, healthCheck: { timeoutMs: 700, retries: 3, retryDelayMs: 500 } }, []);
    expect(toL7.patch.healthCheck).toEqual({ timeoutMs: 700 });
    expect(toL7.said?.en).toMatch(/HAProxy's/);
    // Nothing of the other checker's: the checks stay as they are, nothing to tell.
    const same = switchLayer('L4', { ...base, mode: 'L7', healthCheck: { intervalMs: 1000 } }, []);
    expect('healthCheck' in same.patch).toBe(false);
    expect(same.said).toBeNull();
  });

  it('the store runs the switch: L4 with dr and wlc chosen while running becomes an L7 run with least connections', async () => {
    const store = createLabStore({ lang: 'en', scenario: base, host });
    const s = () => store.getState();
    expect(await s().configure({ forwarding: 'dr' })).toBeNull();
    expect(s().scenario.forwarding).toBe('dr');
    s().seek(2000);
    expect(await s().act({ action: 'set-algorithm', algorithm: 'weighted-least-connections' })).toBeNull();
    const change = switchLayer('L7', s().base, s().userEvents);
    expect(await s().configure(change.patch, change.events)).toBeNull();
    expect(s().scenario.mode).toBe('L7');
    expect(s().scenario.forwarding).toBe('full-nat');
    expect(s().userEvents).toEqual([{ at: 2000, action: 'set-algorithm', algorithm: 'least-connections' }]);
    expect(s().time).toBe(2000);
  });
});
