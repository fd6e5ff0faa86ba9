import { describe, expect, it } from 'vitest';
import { compareScaling, DEFAULT_SCALING_LOAD } from './scaling.ts';

describe('scale-up against scale-out, same traffic', () => {
  const [up, out, upFailing, outFailing] = compareScaling();

  it('gives the same throughput when healthy; the big machine answers each request faster', () => {
    expect(up!.requests).toBe(out!.requests);
    expect(up!.ok).toBe(up!.requests);
    expect(out!.ok).toBe(out!.requests);
    expect(up!.latencyMeanMs).toBeLessThan(out!.latencyMeanMs);
  });

  it('costs more for one large machine than for several small ones', () => {
    expect(up!.costPerHour).toBeGreaterThan(out!.costPerHour);
  });

  it('runs behind nginx (L7)', () => {
    expect(DEFAULT_SCALING_LOAD.mode).toBe('L7');
  });

  it('loses the whole service when the one machine fails; scale-out keeps serving (nginx retries elsewhere)', () => {
    expect(upFailing!.ok / upFailing!.requests).toBeLessThan(0.8);
    expect(outFailing!.ok).toBe(outFailing!.requests);
  });

  it('behind an L4 kernel NAT without health checks, the requests pinned to the failed machine are reset', () => {
    const [, , upL4, outL4] = compareScaling({ ...DEFAULT_SCALING_LOAD, mode: 'L4' });
    // No retry: scale-out loses requests too, though fewer than scale-up, which loses all of the outage's.
    expect(outL4!.ok).toBeLessThan(outL4!.requests);
    expect(outL4!.ok).toBeGreaterThan(upL4!.ok);
    // Scale-up has nowhere to retry: it loses the same requests either way.
    expect(upL4!.ok).toBe(upFailing!.ok);
  });
});
