import { describe, expect, it } from 'vitest';
import { packStep, unpackStep, type MomentStep } from './momentStep.ts';

describe('a moment step, packed for the Worker', () => {
  it('keeps the numbers traces already hold (hops from 0, DNS -1 and -2, segment k at -3 - k)', () => {
    expect(packStep({ kind: 'hop', hop: 0 })).toBe(0);
    expect(packStep({ kind: 'hop', hop: 7 })).toBe(7);
    expect(packStep({ kind: 'dns-query' })).toBe(-1);
    expect(packStep({ kind: 'dns-answer' })).toBe(-2);
    expect(packStep({ kind: 'segment', segment: 0 })).toBe(-3);
    expect(packStep({ kind: 'segment', segment: 4 })).toBe(-7);
  });

  it('unpacks what it packs, and every packed number names exactly one step', () => {
    const steps: MomentStep[] = [
      { kind: 'dns-query' },
      { kind: 'dns-answer' },
      ...[0, 1, 5, 200].map((hop) => ({ kind: 'hop' as const, hop })),
      ...[0, 1, 5, 200].map((segment) => ({ kind: 'segment' as const, segment })),
    ];
    for (const s of steps) expect(unpackStep(packStep(s))).toEqual(s);
    for (let n = -50; n <= 50; n++) expect(packStep(unpackStep(n))).toBe(n);
  });
});
