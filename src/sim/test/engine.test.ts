import { describe, expect, it } from 'vitest';
import { INSTANT, requests, run } from './helpers.ts';

const three = [{ name: 's1' }, { name: 's2' }, { name: 's3' }];

// nginx's algorithms: these run in L7, where nginx picks (L4 is IPVS's: ipvsEngine.test.ts).
describe('the engine answers DESIGN.md vectors', () => {
  it('weighted round robin {5,1,1}', () => {
    const recs = run({
      mode: 'L7',
      algorithm: 'weighted-round-robin',
      servers: [{ name: 's1', weight: 5 }, { name: 's2' }, { name: 's3' }],
      requests: requests(7),
    });
    expect(recs.map((r) => r.server).join(' ')).toBe('s1 s1 s2 s1 s3 s1 s1');
  });

  it.each([
    ['192.168.0.1', 's1', 153],
    ['172.16.5.200', 's2', 3526],
    ['127.0.0.1', 's3', 4040],
  ])('ip_hash %s -> %s (hash %i)', (client, server, hash) => {
    const [rec] = run({ mode: 'L7', algorithm: 'ip-hash', servers: three, requests: [{ at: 0, client }] });
    expect(rec!.server).toBe(server);
    expect(rec!.decision!.ipHash![0]!.hash).toBe(hash);
  });

  it('ip_hash rehashes past a peer that is down: 192.168.0.1 with s1 down -> s2 (hash 5086)', () => {
    const [rec] = run({
      mode: 'L7',
      algorithm: 'ip-hash',
      servers: [{ name: 's1', down: true }, { name: 's2' }, { name: 's3' }],
      requests: [{ at: 0, client: '192.168.0.1' }],
    });
    expect(rec!.server).toBe('s2');
    expect(rec!.decision!.ipHash!.map((r) => [r.peer, r.hash, r.rejected])).toEqual([
      ['s1', 153, 'down'],
      ['s2', 5086, null],
    ]);
  });

  it('ip_hash rehashes past a peer at its connection limit', () => {
    // s1 refuses the first request (it is limited to 0 free connections by a held request).
    const recs = run({
      mode: 'L7',
      algorithm: 'ip-hash',
      servers: [{ name: 's1', maxConns: 1 }, { name: 's2' }, { name: 's3' }],
      network: INSTANT,
      requests: [
        { at: 0, client: '192.168.0.1', serviceMs: 1000 },
        { at: 1, client: '192.168.0.1' },
      ],
    });
    expect(recs[0]!.server).toBe('s1');
    expect(recs[1]!.server).toBe('s2');
    const rounds = recs[1]!.decision!.ipHash!;
    expect(rounds.map((r) => [r.peer, r.hash, r.rejected])).toEqual([
      ['s1', 153, 'max-conns'],
      ['s2', 5086, null],
    ]);
  });

  it('least connections: three held, four quick -> s1 s2 s3 s3 s2 s3 s1', () => {
    const recs = run({
      mode: 'L7',
      algorithm: 'least-connections',
      servers: three,
      network: INSTANT,
      requests: [
        { at: 0, client: '10.9.9.9', serviceMs: 10_000 },
        { at: 1, client: '10.9.9.9', serviceMs: 10_000 },
        { at: 2, client: '10.9.9.9', serviceMs: 10_000 },
        ...[3, 4, 5, 6].map((at) => ({ at, client: '10.9.9.9', serviceMs: 0.5 })),
      ],
    });
    expect(recs.map((r) => r.server).join(' ')).toBe('s1 s2 s3 s3 s2 s3 s1');
    expect(recs[3]!.decision!.tied).toEqual(['s1', 's2', 's3']);
    expect(recs[2]!.decision!.tied).toBeNull();
  });

  it('a set-weight event reconfigures like a reload', () => {
    const recs = run({
      mode: 'L7',
      algorithm: 'weighted-round-robin',
      servers: [{ name: 's1' }, { name: 's2' }],
      network: INSTANT,
      requests: requests(6),
      events: [{ at: 1.5, action: 'set-weight', target: 's2', weight: 3 }],
    });
    expect(recs.map((r) => r.server).join(' ')).toBe('s1 s2 s2 s1 s2 s2');
  });
});

describe('changing the upstream list while running', () => {
  it('a removed server gets nothing after its removal; an added one joins the rotation', () => {
    const recs = run({
      mode: 'L7',
      algorithm: 'round-robin',
      servers: three,
      network: INSTANT,
      requests: requests(9),
      events: [
        { at: 2.5, action: 'remove-server', target: 's2' },
        { at: 5.5, action: 'add-server', server: { name: 's4' } },
      ],
    });
    // Each change is a reload: the rotation starts again from the first server.
    expect(recs.map((r) => r.server).join(' ')).toBe('s1 s2 s3 s1 s3 s1 s1 s3 s4');
  });

  it('ip_hash remaps clients when the total weight changes (the remapping surprise)', () => {
    const clients = ['192.168.0.1', '172.16.5.200', '127.0.0.1', '10.20.30.40', '203.0.113.10', '198.18.7.21'];
    const before = run({
      algorithm: 'ip-hash',
      servers: three,
      requests: clients.map((client, at) => ({ at, client })),
    });
    const after = run({
      algorithm: 'ip-hash',
      servers: three,
      requests: clients.map((client, at) => ({ at: 100 + at, client })),
      events: [{ at: 50, action: 'add-server', server: { name: 's4' } }],
    });
    const moved = clients.filter((_, i) => before[i]!.server !== after[i]!.server && after[i]!.server !== 's4');
    expect(moved.length).toBeGreaterThan(0);
  });

  it('rejects an event naming an unknown server', () => {
    expect(() => run({ servers: three, requests: requests(1), events: [{ at: 0, action: 'remove-server', target: 's7' }] })).toThrow(
      '"events" names a server that the scenario does not have',
    );
  });

  it('with every server removed, L7 (nginx) answers 502 and L4 (kernel NAT) resets the connection', () => {
    const input = {
      servers: [{ name: 's1' }],
      network: INSTANT,
      requests: requests(2),
      events: [{ at: 0.5, action: 'remove-server', target: 's1' }],
    };
    const l7 = run({ ...input, mode: 'L7' });
    expect(l7.map((r) => [r.server, r.outcome, r.status])).toEqual([
      ['s1', 'ok', 200],
      [null, 'unavailable', 502],
    ]);
    expect(l7[1]!.hops.map((h) => `${h.node}/${h.dir}`)).toEqual(['client/request', 'lb1/request', 'lb1/response', 'client/response']);
    const l4 = run(input);
    expect(l4.map((r) => [r.server, r.outcome, r.status])).toEqual([
      ['s1', 'ok', 200],
      [null, 'unavailable', null],
    ]);
    expect(l4[1]!.hops.map((h) => `${h.node}/${h.dir}${h.drop ? `:${h.drop}` : ''}`)).toEqual([
      'client/request',
      'lb1/request',
      'lb1/response',
      'client/response:reset',
    ]);
  });
});

describe('traffic changed while running', () => {
  it('a "request" event sends one request from the chosen client, numbered after the list', () => {
    const recs = run({
      servers: three,
      requests: requests(2),
      events: [{ at: 500, action: 'request', client: '100.64.3.9', path: '/one' }],
    });
    expect(recs.map((r) => [r.id, r.client, r.path, r.at])).toEqual([
      [1, '192.168.0.1', '/', 0],
      [2, '192.168.0.1', '/', 1],
      [3, '100.64.3.9', '/one', 500],
    ]);
  });

  it('a "set-load" event changes the rate from that moment, ids in arrival order', () => {
    const recs = run({
      servers: three,
      load: { clients: 2, ratePerSec: 2, durationMs: 20_000 },
      events: [{ at: 10_000, action: 'set-load', ratePerSec: 40, clients: 6 }],
    });
    const before = recs.filter((r) => r.at < 10_000).length;
    const after = recs.filter((r) => r.at >= 10_000).length;
    expect(before).toBeGreaterThan(5);
    expect(before).toBeLessThan(45);
    expect(after).toBeGreaterThan(250);
    expect(new Set(recs.filter((r) => r.at < 10_000).map((r) => r.client)).size).toBeLessThanOrEqual(2);
    expect(new Set(recs.filter((r) => r.at >= 10_000).map((r) => r.client)).size).toBe(6);
    expect(recs.map((r) => r.id)).toEqual(recs.map((_, i) => i + 1));
    expect(recs.map((r) => r.at)).toEqual([...recs.map((r) => r.at)].sort((a, b) => a - b));
  });
});

describe('full NAT as in the notes', () => {
  const [rec] = run({ servers: three, requests: [{ at: 0, client: '203.0.113.10', path: '/x' }] });
  const hop = (node: string, dir: string) => rec!.hops.find((h) => h.node === node && h.dir === dir)!;

  it('walks client -> lb1 -> server -> lb1 -> client', () => {
    expect(rec!.hops.map((h) => `${h.node}/${h.dir}`)).toEqual([
      'client/request',
      'lb1/request',
      's1/request',
      's1/response',
      'lb1/response',
      'client/response',
    ]);
    expect(rec!.hops.map((h) => h.at)).toEqual([...rec!.hops.map((h) => h.at)].sort((a, b) => a - b));
  });

  it('rewrites dst VIP -> server and src client -> VIP with a new port on the way in', () => {
    const lb = hop('lb1', 'request');
    expect(lb.in!.dst).toBe('198.51.100.1:80');
    expect(lb.in!.src).toMatch(/^203\.0\.113\.10:(49[1-9]\d\d|5\d{4}|6\d{4})$/);
    expect(lb.out!.dst).toBe('10.0.0.11:8080');
    expect(lb.out!.src).toMatch(/^198\.51\.100\.1:\d+$/);
    expect(lb.out!.src).not.toBe('198.51.100.1:80');
    expect(hop('s1', 'request').in).toEqual(lb.out);
  });

  it('rewrites src server -> VIP and dst -> the client on the way out', () => {
    const lb = hop('lb1', 'response');
    expect(lb.in).toEqual({ src: '10.0.0.11:8080', dst: hop('lb1', 'request').out!.src });
    expect(lb.out).toEqual({ src: '198.51.100.1:80', dst: hop('lb1', 'request').in!.src });
    expect(hop('client', 'response').in).toEqual(lb.out);
  });

  it('keeps a connection-tracking entry for the flow', () => {
    expect(rec!.nat).toMatchObject({
      client: hop('lb1', 'request').in!.src,
      vip: '198.51.100.1:80',
      local: hop('lb1', 'request').out!.src,
      server: '10.0.0.11:8080',
    });
    expect(rec!.nat!.closedAt).toBeGreaterThan(rec!.nat!.openedAt);
  });

  it('asks DNS once per client, and DNS answers the VIP', () => {
    const recs = run({ servers: three, requests: requests(3, '203.0.113.10') });
    expect(recs[0]!.dns).toMatchObject({ name: 'www.example.com', answer: '198.51.100.1' });
    expect(recs[1]!.dns).toBeNull();
    // Requests sent while the lookup is pending wait for it and keep their order.
    expect(recs.map((r) => r.server)).toEqual(['s1', 's2', 's3']);
  });

  it("can show the balancer's own inside address to the servers instead", () => {
    const [r] = run({
      servers: three,
      network: { natSource: 'balancer' },
      requests: [{ at: 0, client: '203.0.113.10' }],
    });
    expect(r!.hops[1]!.out!.src).toMatch(/^10\.0\.0\.2:\d+$/);
    expect(r!.hops[4]!.out!.src).toBe('198.51.100.1:80');
  });
});

describe('servers', () => {
  it('queues beyond their concurrency and serve faster with more speed', () => {
    const recs = run({
      servers: [{ name: 'big', concurrency: 1, speed: 2 }],
      network: INSTANT,
      requests: [
        { at: 0, client: '10.0.0.99', serviceMs: 10 },
        { at: 0, client: '10.0.0.99', serviceMs: 10 },
      ],
    });
    expect(recs.map((r) => r.latencyMs)).toEqual([5, 10]);
  });
});
