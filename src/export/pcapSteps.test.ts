import { describe, expect, it } from 'vitest';
import type { Drop, Hop, RequestRecord, TcpSegment } from '../sim/types.ts';
import { resetHops, stepsOf } from './pcapSteps.ts';

const C = '203.0.113.10:50000';
const VIP = '198.51.100.1:80';
const LB = '10.0.0.2:40000';
const S = '10.0.0.12:8080';
const h = (src: string, dst: string) => ({ src, dst });

function hop(node: string, dir: Hop['dir'], inH: Hop['in'], out: Hop['out'], drop?: Drop): Hop {
  return { at: 0, node, dir, in: inH, out, ...(drop ? { drop } : {}) };
}

describe('resetHops', () => {
  it('finds no reset in a request answered normally', () => {
    const hops = [
      hop('client', 'request', null, h(C, VIP)),
      hop('lb1', 'request', h(C, VIP), h(LB, S)),
      hop('s2', 'request', h(LB, S), null),
      hop('s2', 'response', null, h(S, LB)),
      hop('lb1', 'response', h(S, LB), h(VIP, C)),
      hop('client', 'response', h(VIP, C), null),
    ];
    expect(resetHops(hops)).toEqual([false, false, false, false, false, false]);
  });

  it('L7: the refusing server answers with a reset, and the request that reached it was data', () => {
    const hops = [
      hop('lb1', 'request', null, h(LB, S)),
      hop('s2', 'request', h(LB, S), null, 'refused'),
      hop('s2', 'response', null, h(S, LB)),
      hop('lb1', 'response', h(S, LB), null, 'refused'),
    ];
    expect(resetHops(hops)).toEqual([false, false, true, false]);
  });

  it('L4: the reset passes through the NAT to the client, both copies resets', () => {
    const hops = [
      hop('lb1', 'request', h(C, VIP), h(VIP, S)),
      hop('s2', 'request', h(VIP, S), null, 'refused'),
      hop('s2', 'response', null, h(S, VIP)),
      hop('lb1', 'response', h(S, VIP), h(VIP, C)),
      hop('client', 'response', h(VIP, C), null, 'reset'),
    ];
    expect(resetHops(hops)).toEqual([false, false, true, true, false]);
  });

  it('a balancer without the state resets the server; the response it got was data', () => {
    const hops = [
      hop('s1', 'response', null, h(S, VIP)),
      hop('lb1', 'response', h(S, VIP), null, 'lost'),
      hop('lb2', 'response', h(S, VIP), h(VIP, S), 'reset'),
      hop('client', 'response', null, null, 'timeout'),
    ];
    expect(resetHops(hops)).toEqual([false, false, true, false]);
  });
});

describe('stepsOf', () => {
  it('puts each handshake segment before the hop numbered by its `after`', () => {
    const seg = (after: number, flags: TcpSegment['flags']): TcpSegment => ({ at: 0, node: 'client', flags, in: null, out: null, after });
    const hops = [hop('client', 'request', null, h(C, VIP)), hop('lb1', 'request', h(C, VIP), null)];
    const r = { hops, tcp: [seg(0, 'SYN'), seg(0, 'SYN-ACK'), seg(1, 'ACK'), seg(2, 'RST')] } as unknown as RequestRecord;
    const names = stepsOf(r).map((s) => (s.segment ? s.segment.flags : `hop${hops.indexOf(s.hop)}`));
    expect(names).toEqual(['SYN', 'SYN-ACK', 'hop0', 'ACK', 'hop1', 'RST']);
  });
});
