import { describe, expect, it } from 'vitest';
import { compareScaling } from './scaling.ts';

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

  it('loses the whole service when the one machine fails; scale-out keeps serving', () => {
    expect(upFailing!.ok / upFailing!.requests).toBeLessThan(0.8);
    expect(outFailing!.ok / outFailing!.requests).toBeGreaterThan(0.97);
  });
});
