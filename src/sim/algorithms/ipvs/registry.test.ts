import { describe, expect, it } from 'vitest';
import { ALGORITHMS } from '../pick.ts';
import type { IpvsDest } from './dest.ts';
import { IPVS_SCHEDULERS } from './registry.ts';

function dests(weights: number[]): IpvsDest[] {
  return weights.map((weight, i) => ({ id: `s${i + 1}`, weight, overloaded: false, activeConns: 0, inactConns: 0 }));
}

const pkt = { clientIp: '10.0.0.1', clientPort: 40000 };

describe('IPVS_SCHEDULERS', () => {
  it('names every lab algorithm (weighted-least-connections included), each with its kernel scheduler and file', () => {
    expect(Object.keys(IPVS_SCHEDULERS).sort()).toEqual([...ALGORITHMS].sort());
    expect(ALGORITHMS).toContain('weighted-least-connections');
    for (const [name, entry] of Object.entries(IPVS_SCHEDULERS)) {
      expect(entry.source, name).toBe(`net/netfilter/ipvs/ip_vs_${entry.kernel}.c`);
    }
    expect(IPVS_SCHEDULERS['ip-hash'].kernel).toBe('sh');
    expect(IPVS_SCHEDULERS['least-connections'].kernel).toBe('lc');
  });
  it('each instance answers with its own decision record', () => {
    for (const entry of Object.values(IPVS_SCHEDULERS)) {
      const list = dests([1, 1]);
      const d = entry.create(list).schedule(list, pkt);
      // sh: 10.0.0.1 is bucket 39 (sh.test.ts), odd, so s2's; the others start with s1.
      expect([d.scheduler, d.chosen]).toEqual([entry.kernel, entry.kernel === 'sh' ? 's2' : 's1']);
    }
  });
  it("weighted-round-robin is IPVS's wrr: 5,1,1 gives s1 five times in a row", () => {
    const list = dests([5, 1, 1]);
    const wrr = IPVS_SCHEDULERS['weighted-round-robin'].create(list);
    expect(Array.from({ length: 7 }, () => wrr.schedule(list, pkt).chosen).join(' ')).toBe('s1 s1 s1 s1 s1 s2 s3');
  });
  it('an instance keeps its state through destChanged (wrr: back to the head)', () => {
    const list = dests([1, 1, 1]);
    const wrr = IPVS_SCHEDULERS['weighted-round-robin'].create(list);
    wrr.schedule(list, pkt);
    wrr.schedule(list, pkt);
    wrr.destChanged(list, { kind: 'upd', id: 's2', before: list });
    expect(wrr.schedule(list, pkt).chosen).toBe('s1');
  });
});
