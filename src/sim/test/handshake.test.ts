import { describe, expect, it } from 'vitest';
import { simulateRun } from '../engine.ts';
import type { RequestRecord } from '../types.ts';
import { scenarioOf } from './helpers.ts';

const net = { clientLatencyMs: 10, serverLatencyMs: 1, dnsLatencyMs: 5, balancerMs: 0.1, proxyMs: 0.5 };
const one = [{ at: 0, client: '192.168.0.1', serviceMs: 5 }];
const runWith = (mode: 'L4' | 'L7', handshakes: boolean, extra: object = {}) =>
  simulateRun(
    scenarioOf({
      mode,
      servers: [{ name: 's1' }, { name: 's2' }],
      network: { ...net, handshakes },
      requests: one,
      ...extra,
    }),
  ).records;
const arrivalAtServer = (r: RequestRecord) => r.hops.find((h) => h.node === r.server && h.dir === 'request')!.at;
const flags = (r: RequestRecord, node?: string) => (r.tcp ?? []).filter((g) => !node || g.node === node).map((g) => `${g.node}:${g.flags}`);

describe("L4 with handshakes: the client's own handshake passes through the NAT", () => {
  const [off] = runWith('L4', false);
  const [on] = runWith('L4', true);

  it('costs one round trip from the client to the server and back before the request is sent', () => {
    const rtt = 2 * (net.clientLatencyMs + net.balancerMs + net.serverLatencyMs);
    expect(arrivalAtServer(on!)).toBeCloseTo(arrivalAtServer(off!) + rtt, 6);
    expect(on!.latencyMs).toBeCloseTo(off!.latencyMs + rtt, 6);
  });

  it('is SYN, SYN-ACK, ACK end to end, rewritten by the balancer like the request and response', () => {
    expect(flags(on!)).toEqual(['client:SYN', 'lb1:SYN', 's1:SYN', 's1:SYN-ACK', 'lb1:SYN-ACK', 'client:SYN-ACK', 'client:ACK']);
    const lbSyn = on!.tcp!.find((g) => g.node === 'lb1' && g.flags === 'SYN')!;
    expect(lbSyn.in!.dst).toBe('198.51.100.1:80');
    expect(lbSyn.out).toEqual(on!.hops.find((h) => h.node === 'lb1' && h.dir === 'request')!.out);
    const back = on!.tcp!.find((g) => g.node === 'lb1' && g.flags === 'SYN-ACK')!;
    expect(back.out!.src).toBe('198.51.100.1:80');
  });

  it('picks the server at the SYN: the NAT entry opens when the SYN passes', () => {
    const lbSyn = on!.tcp!.find((g) => g.node === 'lb1' && g.flags === 'SYN')!;
    expect(on!.nat!.openedAt).toBe(lbSyn.at);
    expect(on!.hops[0]!.node).toBe('client');
    expect(on!.hops[0]!.at).toBeGreaterThan(lbSyn.at);
  });

  it('a refusing server answers the SYN with RST, which the NAT passes back to the client: no retry', () => {
    const [r] = runWith('L4', true, {
      servers: [{ name: 's1', onFailure: 'refuse' }, { name: 's2' }],
      events: [{ at: 0, action: 'fail', target: 's1' }],
    });
    expect(r).toMatchObject({ server: 's1', outcome: 'reset', status: null });
    expect(r!.hops.map((h) => `${h.node}/${h.dir}${h.drop ? `:${h.drop}` : ''}`)).toEqual([
      'client/request',
      'lb1/request',
      's1/request:refused',
      's1/response',
      'lb1/response',
      'client/response:reset',
    ]);
  });

  it("L7: a refusing server answers nginx's SYN with RST, and nginx tries the next server", () => {
    const [r] = runWith('L7', true, {
      servers: [{ name: 's1', onFailure: 'refuse' }, { name: 's2' }],
      events: [{ at: 0, action: 'fail', target: 's1' }],
    });
    expect(r).toMatchObject({ server: 's2', outcome: 'ok' });
    expect(flags(r!, 's1')).toEqual(['s1:SYN', 's1:RST']);
  });
});

describe('L7 with handshakes: two connections, two handshakes', () => {
  const [off] = runWith('L7', false);
  const [on] = runWith('L7', true);

  it("the balancer answers the client's SYN itself, then opens its own connection to the server", () => {
    expect(flags(on!)).toEqual([
      'client:SYN',
      'lb1:SYN',
      'lb1:SYN-ACK',
      'client:SYN-ACK',
      'client:ACK',
      'lb1:SYN',
      's1:SYN',
      's1:SYN-ACK',
      'lb1:SYN-ACK',
      'lb1:ACK',
    ]);
    const first = on!.tcp!.find((g) => g.node === 'lb1' && g.flags === 'SYN-ACK')!;
    expect(first.out!.src).toBe('198.51.100.1:80');
    const serverSyn = on!.tcp!.find((g) => g.node === 's1' && g.flags === 'SYN')!;
    expect(serverSyn.in!.src.startsWith('10.0.0.2:')).toBe(true);
  });

  it('costs a client round trip plus a balancer-to-server round trip', () => {
    const rtt = 2 * net.clientLatencyMs + 2 * net.serverLatencyMs;
    expect(arrivalAtServer(on!)).toBeCloseTo(arrivalAtServer(off!) + rtt, 6);
    expect(on!.latencyMs).toBeCloseTo(off!.latencyMs + rtt, 6);
  });

  it("keeps the request's hops the data path: client, balancer (read), balancer (sent), server", () => {
    expect(on!.hops.map((h) => `${h.node}/${h.dir}`)).toEqual(off!.hops.map((h) => `${h.node}/${h.dir}`));
  });

  it('segments merge with hops in time order', () => {
    const path = [...on!.tcp!.map((g) => ({ at: g.at, seq: g.after - 0.5 })), ...on!.hops.map((h, i) => ({ at: h.at, seq: i }))].sort(
      (a, b) => a.seq - b.seq,
    );
    const times = path.map((p) => p.at);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });
});

it('off by default: no segments, and timings as before', () => {
  const r = simulateRun(scenarioOf({ servers: [{ name: 's1' }], requests: one })).records[0]!;
  expect(r.tcp).toBeUndefined();
});
