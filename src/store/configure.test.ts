import { describe, expect, it } from 'vitest';
import { createLabStore } from './labStore.ts';
import type { ClockHost } from './clock.ts';
import classroom from '../scenarios/classroom.json';
import type { ScenarioInput } from '../sim/scenario.ts';

const host: ClockHost = { now: () => 0, requestFrame: () => 1, cancelFrame: () => undefined };
const lab = () => {
  const store = createLabStore({ lang: 'en', scenario: classroom as ScenarioInput, host });
  return () => store.getState();
};

describe('configure: settings of the scenario itself', () => {
  it('merges into the scenario and reruns, keeping the user events and the time', async () => {
    const s = lab();
    s().seek(3000);
    await s().act({ action: 'fail', target: 'lb1' });
    expect(await s().configure({ healthCheck: { intervalMs: 1000 } })).toBeNull();
    // classroom.json is L4: keepalived's TCP_CHECK with its own retry and delay_before_retry.
    expect(s().scenario.healthCheck).toMatchObject({ intervalMs: 1000, keepalived: { retries: 1, retryDelayMs: 1000 } });
    expect(s().trace.probes.length).toBeGreaterThan(0);
    expect(s().userEvents).toEqual([{ action: 'fail', target: 'lb1', at: 3000 }]);
    expect(s().time).toBe(3000);
    // A key set to undefined is removed: health checks off.
    expect(await s().configure({ healthCheck: undefined })).toBeNull();
    expect(s().scenario.healthCheck).toBeNull();
    expect(s().trace.probes).toEqual([]);
  });

  it('refuses a bad setting with the validator message, and changes nothing', async () => {
    const s = lab();
    const before = s().scenario;
    const problem = await s().configure({ healthCheck: { fall: 0 } });
    expect(problem?.en).toBe('"healthCheck.fall" must be at least 1 (got 0)');
    expect(s().notice).toBe(problem);
    expect(s().scenario).toBe(before);
  });
});
