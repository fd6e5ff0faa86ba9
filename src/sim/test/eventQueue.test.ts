import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue } from '../eventQueue.ts';

describe('event queue', () => {
  it('pops by (time, push order) whatever mix of channels and heap it uses', () => {
    const op = fc.oneof(
      fc.record({ push: fc.constant(true), dt: fc.integer({ min: 0, max: 20 }), kind: fc.integer({ min: 0, max: 4 }) }),
      fc.record({ push: fc.constant(false) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const q = new EventQueue(3, 2);
        const ref: { t: number; o: number; kind: number }[] = [];
        let now = 0;
        let order = 0;
        const popBoth = () => {
          ref.sort((a, b) => a.t - b.t || a.o - b.o);
          const want = ref.shift();
          expect(q.pop()).toBe(want !== undefined);
          if (!want) return;
          expect([q.topTime, q.topKind, q.topPayload]).toEqual([want.t, want.kind, want.o]);
          now = want.t;
        };
        for (const o of ops) {
          if ('dt' in o) {
            q.push(now + o.dt, o.kind, order);
            ref.push({ t: now + o.dt, o: order++, kind: o.kind });
          } else popBoth();
          expect(q.size).toBe(ref.length);
        }
        while (ref.length) popBoth();
        expect(q.pop()).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});
