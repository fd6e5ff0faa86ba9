import { describe, expect, it } from 'vitest';
import type { LcDecision } from '../algorithms/ipvs/lc.ts';
import type { ShDecision } from '../algorithms/ipvs/sh.ts';
import { INSTANT, requests, run } from './helpers.ts';

/**
 * L4 is IPVS: the engine's picks against vectors worked out from Linux's
 * net/netfilter/ipvs/ (ip_vs_rr.c, ip_vs_wrr.c, ip_vs_lc.c, ip_vs_wlc.c, ip_vs_sh.c; the list's
 * order from __ip_vs_update_dest in ip_vs_ctl.c; connection states from ip_vs_proto_tcp.c;
 * persistence from ip_vs_sched_persist in ip_vs_core.c), and the forwarding modes hop by hop
 * (ip_vs_xmit.c: ip_vs_nat_xmit, ip_vs_dr_xmit, ip_vs_tunnel_xmit).
 */

const three = [{ name: 's1' }, { name: 's2' }, { name: 's3' }];
const seq = (input: object) =>
  run(input)
    .map((r) => r.server)
    .join(' ');
const path = (r: { hops: { node: string; dir: string; drop?: string }[] }) =>
  r.hops.map((h) => `${h.node}/${h.dir}${h.drop ? `:${h.drop}` : ''}`).join(' ');

describe("IPVS's schedulers pick in L4", () => {
  // ip_vs_wrr_schedule: cw starts at the largest weight and steps down by the gcd, each pass
  // walking the list from the front.
  it.each([
    [[5, 1, 1], 's1 s1 s1 s1 s1 s2 s3'],
    [[3, 2, 1], 's1 s1 s2 s1 s2 s3'],
    [[2, 3, 1], 's2 s1 s2 s1 s2 s3'],
  ])('wrr %j: %s (nginx would interleave)', (weights, expected) => {
    const servers = weights.map((weight, i) => ({ name: `s${i + 1}`, weight }));
    expect(seq({ algorithm: 'weighted-round-robin', servers, requests: requests(expected.split(' ').length) })).toBe(expected);
  });

  it('wrr in L7 stays nginx’s smooth order', () => {
    expect(
      seq({
        mode: 'L7',
        algorithm: 'weighted-round-robin',
        servers: [{ name: 's1', weight: 5 }, { name: 's2' }, { name: 's3' }],
        requests: requests(7),
      }),
    ).toBe('s1 s1 s2 s1 s3 s1 s1');
  });

  it('rr: a removed server leaves the walk; an added one goes to the FRONT of the list (list_add_rcu)', () => {
    const out = seq({
      servers: three,
      network: INSTANT,
      requests: requests(9),
      events: [
        { at: 2.5, action: 'remove-server', target: 's2' },
        { at: 5.5, action: 'add-server', server: { name: 's4' } },
      ],
    });
    // The list becomes s4 s1 s3; rr goes on after its last pick (s1), never restarting.
    expect(out).toBe('s1 s2 s3 s1 s3 s1 s3 s4 s1');
  });

  it('lc: the least (active << 8) + inactive, weights ignored, ties to the first in the list', () => {
    const recs = run({
      algorithm: 'least-connections',
      servers: [{ name: 's1', weight: 5 }, { name: 's2' }, { name: 's3' }],
      network: INSTANT,
      requests: [
        ...[0, 1, 2].map((at) => ({ at, client: '10.9.9.9', serviceMs: 10_000 })),
        ...[3, 4, 5, 6].map((at) => ({ at, client: '10.9.9.9', serviceMs: 0.5 })),
      ],
    });
    expect(recs.map((r) => r.server).join(' ')).toBe('s1 s2 s3 s1 s2 s3 s1');
    // The fifth: s1 holds one active and one closed connection (TIME_WAIT, counted inactive).
    const d = recs[4]!.ipvs as LcDecision;
    expect(d.scheduler).toBe('lc');
    expect(d.rows.map((r) => [r.id, r.active, r.inactive, r.overhead])).toEqual([
      ['s1', 1, 1, 257],
      ['s2', 1, 0, 256],
      ['s3', 1, 0, 256],
    ]);
  });

  it('a closed connection counts inactive for TIME_WAIT (2 min), then leaves the table', () => {
    const recs = run({
      algorithm: 'least-connections',
      servers: three,
      network: INSTANT,
      requests: [
        { at: 0, client: '10.9.9.9', serviceMs: 1 },
        { at: 119_000, client: '10.9.9.9' },
        { at: 121_000, client: '10.9.9.9' },
      ],
    });
    const inactive = (i: number) => (recs[i]!.ipvs as LcDecision).rows[0]!.inactive;
    expect([inactive(1), inactive(2)]).toEqual([1, 0]);
    expect(recs.map((r) => r.server)).toEqual(['s1', 's2', 's1']);
  });

  it('wlc weighs: 3,1,1 with every connection held', () => {
    const servers = [{ name: 's1', weight: 3 }, { name: 's2' }, { name: 's3' }];
    const reqs = Array.from({ length: 8 }, (_, at) => ({ at, client: '10.9.9.9', serviceMs: 10_000 }));
    // s1 takes three for each one of the others; 256·1 vs 768/3 ties go to the first.
    expect(seq({ algorithm: 'weighted-least-connections', servers, network: INSTANT, requests: reqs })).toBe('s1 s2 s3 s1 s1 s1 s2 s3');
  });

  it('sh: the whole source address, hash_32 to one of 256 buckets filled in list order', () => {
    const recs = run({
      algorithm: 'ip-hash',
      servers: three,
      requests: ['192.168.0.1', '172.16.5.200', '127.0.0.1'].map((client, at) => ({ at, client })),
    });
    const d = recs.map((r) => r.ipvs as ShDecision);
    expect(d.map((x) => [x.key, x.bucket, x.chosen])).toEqual([
      [3232235521, 192, 's1'],
      [2886731208, 103, 's2'],
      // nginx's ip_hash sends 127.0.0.1 to s3; IPVS's bucket 154 holds s2.
      [2130706433, 154, 's2'],
    ]);
  });

  it('no destination: IPVS answers with ICMP port unreachable; the client’s connection is refused', () => {
    const [r] = run({
      servers: three,
      network: INSTANT,
      requests: [{ at: 1, client: '1.1.1.1' }],
      events: ['s1', 's2', 's3'].map((target) => ({ at: 0, action: 'remove-server' as const, target })),
    });
    expect(r).toMatchObject({ outcome: 'unavailable', server: null, decision: null });
    expect(r!.ipvs).toMatchObject({ scheduler: 'rr', chosen: null, error: 'no destination available' });
    expect(path(r!)).toBe('client/request lb1/request lb1/response client/response:reset');
  });

  it('persistence_timeout: a client stays on its server while its template holds, and is scheduled anew after', () => {
    const recs = run({
      persistenceTimeoutMs: 10_000,
      servers: three,
      network: INSTANT,
      requests: [
        { at: 0, client: '1.1.1.1' },
        { at: 1, client: '2.2.2.2' },
        { at: 2, client: '1.1.1.1' },
        { at: 3, client: '1.1.1.1' },
        { at: 20_000, client: '1.1.1.1' },
      ],
    });
    expect(recs.map((r) => `${r.server}${r.persistent ? '*' : ''}`).join(' ')).toBe('s1 s2 s1* s1* s3');
    expect(recs[2]!.ipvs).toBeNull();
  });
});

describe('the forwarding modes, hop by hop', () => {
  const one = (forwarding: string) => run({ forwarding, servers: three, requests: [{ at: 0, client: '203.0.113.10' }] })[0]!;

  it('full NAT (the default): both addresses rewritten; the answer comes back through the balancer', () => {
    const r = one('full-nat');
    expect(path(r)).toBe('client/request lb1/request s1/request s1/response lb1/response client/response');
    const lb = r.hops[1]!;
    expect(lb.out).toEqual({ src: `198.51.100.1:${r.nat!.local.split(':')[1]}`, dst: '10.0.0.11:8080' });
  });

  it('LVS-NAT: only the destination is rewritten; the server sees the client and answers through its gateway, the balancer', () => {
    const r = one('nat');
    const client = r.nat!.client;
    expect(path(r)).toBe('client/request lb1/request s1/request s1/response lb1/response client/response');
    expect(r.hops[1]!.out).toEqual({ src: client, dst: '10.0.0.11:8080' });
    expect(r.hops[3]!.out).toEqual({ src: '10.0.0.11:8080', dst: client });
    expect(r.hops[4]!.out).toEqual({ src: '198.51.100.1:80', dst: client });
  });

  it('direct routing (L2): the IP header stays client → VIP, the destination MAC becomes the server’s; the server answers the client itself', () => {
    const r = one('dr');
    const client = r.nat!.client;
    expect(path(r)).toBe('client/request lb1/request s1/request s1/response client/response');
    expect(r.hops[1]!.out).toEqual({ src: client, dst: '198.51.100.1:80', mac: { src: '02:00:0a:00:00:02', dst: '02:00:0a:00:00:0b' } });
    expect(r.hops[2]!.in).toEqual(r.hops[1]!.out);
    expect(r.hops[3]!.out).toEqual({ src: '198.51.100.1:80', dst: client });
    // The server listens on the VIP's port: nothing translates ports.
    expect(r.nat!.server).toBe('10.0.0.11:80');
  });

  it('tunnelling (L3): an outer header balancer → server wraps the packet; the server answers the client itself', () => {
    const r = one('tun');
    expect(path(r)).toBe('client/request lb1/request s1/request s1/response client/response');
    expect(r.hops[1]!.out).toEqual({ src: r.nat!.client, dst: '198.51.100.1:80', outer: { src: '10.0.0.2', dst: '10.0.0.11' } });
    expect(r.hops[3]!.out!.src).toBe('198.51.100.1:80');
  });

  it('a balancer failing while the server works: direct routing’s answer still arrives, full NAT’s is lost', () => {
    const trip = (forwarding: string) =>
      run({
        forwarding,
        servers: three,
        requests: [{ at: 0, client: '1.1.1.1', serviceMs: 500 }],
        events: [{ at: 200, action: 'fail', target: 'lb1' }],
      })[0]!;
    expect(trip('dr').outcome).toBe('ok');
    expect(trip('full-nat').outcome).toBe('timeout');
  });

  it('refuses an L7 scenario with another forwarding mode, and a dr server on another port, naming the field', () => {
    expect(() => run({ mode: 'L7', forwarding: 'dr', servers: three, requests: requests(1) })).toThrow(/"forwarding"/);
    expect(() => run({ forwarding: 'tun', servers: [{ name: 's1', port: 8080 }], requests: requests(1) })).toThrow(/"servers"/);
    expect(() => run({ mode: 'L7', algorithm: 'weighted-least-connections', servers: three, requests: requests(1) })).toThrow(
      /"algorithm"/,
    );
  });
});
