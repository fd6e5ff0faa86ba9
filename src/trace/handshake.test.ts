import { momentOf } from './trace.ts';
import { describe, expect, it } from 'vitest';
import { simulateRun } from '../sim/engine.ts';
import { scenarioOf } from '../sim/test/helpers.ts';
import { narrate } from '../components/explain/narrate.ts';
import { positionOf } from './packets.ts';
import { packStep, unpackStep } from './momentStep.ts';
import { buildTrace } from './trace.ts';

const trace = buildTrace(
  simulateRun(
    scenarioOf({
      mode: 'L7',
      servers: [{ name: 's1' }],
      network: { handshakes: true, clientLatencyMs: 10, serverLatencyMs: 1, dnsLatencyMs: 5 },
      requests: [{ at: 0, client: '192.168.0.1', serviceMs: 5 }],
    }),
  ),
);
const r = trace.records[0]!;

describe('handshakes in the trace', () => {
  it('every segment is a moment, and moments keep the order things happened in', () => {
    const steps = Array.from(trace.momentHop, (_, i) => unpackStep(momentOf(trace, i).hop));
    expect(steps.filter((s) => s.kind === 'segment')).toHaveLength(r.tcp!.length);
    const story = steps.map((s) => (s.kind === 'segment' ? r.tcp![s.segment]!.flags : s.kind === 'hop' ? `hop${s.hop}` : s.kind));
    // DNS, the client's handshake, the request to lb1, lb1's own handshake with s1, then the data.
    expect(story.slice(0, 7)).toEqual(['dns-query', 'dns-answer', 'SYN', 'SYN', 'SYN-ACK', 'SYN-ACK', 'ACK']);
    expect(story.slice(7)).toEqual(['hop0', 'hop1', 'SYN', 'SYN', 'SYN-ACK', 'SYN-ACK', 'ACK', 'hop2', 'hop3', 'hop4', 'hop5', 'hop6']);
  });

  it('draws a SYN on its way from the client to the balancer, then a SYN-ACK coming back', () => {
    const syn = r.tcp![0]!;
    const p = positionOf(r, 0, syn.at + 5);
    expect(p).toMatchObject({ kind: 'tcp', flags: 'SYN', from: 'client:192.168.0.1', to: 'lb1' });
    expect(p!.frac).toBeCloseTo(0.5, 6);
    const back = positionOf(r, 0, r.tcp![2]!.at + 5);
    expect(back).toMatchObject({ kind: 'tcp', flags: 'SYN-ACK', from: 'lb1', to: 'client:192.168.0.1' });
  });

  it("draws the balancer's own SYN toward the server after it read the request", () => {
    const lbSyn = r.tcp!.find((g, k) => k > 4 && g.node === 'lb1' && g.flags === 'SYN')!;
    const p = positionOf(r, 0, lbSyn.at + 0.5);
    expect(p).toMatchObject({ kind: 'tcp', flags: 'SYN', from: 'lb1', to: 's1' });
  });

  it('tells each segment in words, with its addresses', () => {
    const k = r.tcp!.findIndex((g) => g.node === 'lb1' && g.flags === 'SYN-ACK');
    expect(narrate(r, packStep({ kind: 'segment', segment: k }), 'en')).toBe(
      `lb1 sends SYN-ACK for #1: ${r.tcp![k]!.out!.src} → ${r.tcp![k]!.out!.dst}`,
    );
    expect(narrate(r, packStep({ kind: 'segment', segment: k }), 'ko')).toContain('SYN-ACK');
  });
});
