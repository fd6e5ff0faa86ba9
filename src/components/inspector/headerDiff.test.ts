import { describe, expect, it } from 'vitest';
import { run } from '../../sim/test/helpers.ts';
import { carriedHeader, headerChange, hopChange, hopIndexAt, ipOf, portOf } from './headerDiff.ts';

const three = [{ name: 's1' }, { name: 's2' }, { name: 's3' }];
const [r] = run({ servers: three, requests: [{ at: 0, client: '203.0.113.10', serviceMs: 5 }] });
const rec = r!;
const at = rec.hops.map((h) => h.at);

describe('headerChange', () => {
  it('marks the fields a node rewrote', () => {
    const a = { src: '1.2.3.4:5000', dst: '198.51.100.1:80' };
    expect(headerChange(a, a)).toEqual({ src: false, dst: false });
    expect(headerChange(a, { src: '198.51.100.1:36000', dst: '10.0.0.11:8080' })).toEqual({ src: true, dst: true });
    expect(headerChange(a, { ...a, dst: '10.0.0.11:8080' })).toEqual({ src: false, dst: true });
  });

  it('counts nothing as changed where the packet starts or ends', () => {
    const a = { src: '1.2.3.4:5000', dst: '198.51.100.1:80' };
    expect(headerChange(null, a)).toEqual({ src: false, dst: false });
    expect(headerChange(a, null)).toEqual({ src: false, dst: false });
  });

  it('sees full NAT at the balancer both ways, and nothing changed elsewhere', () => {
    expect(rec.hops.map((h) => `${h.node} ${h.dir}`)).toEqual([
      'client request',
      'lb1 request',
      's1 request',
      's1 response',
      'lb1 response',
      'client response',
    ]);
    expect(rec.hops.map((h) => hopChange(h))).toEqual([
      { src: false, dst: false },
      { src: true, dst: true },
      { src: false, dst: false },
      { src: false, dst: false },
      { src: true, dst: true },
      { src: false, dst: false },
    ]);
  });
});

describe('hopIndexAt and carriedHeader', () => {
  it('is -1 before the first packet and the last hop at or before t after', () => {
    expect(hopIndexAt(rec, at[0]! - 0.5)).toBe(-1);
    expect(hopIndexAt(rec, at[0]!)).toBe(0);
    expect(hopIndexAt(rec, (at[1]! + at[2]!) / 2)).toBe(1);
    expect(hopIndexAt(rec, rec.doneAt + 100)).toBe(rec.hops.length - 1);
  });

  it('gives the header the packet carries: as it left, or as it arrived where it stops', () => {
    const client = rec.nat!.client,
      vip = rec.nat!.vip,
      local = rec.nat!.local,
      server = rec.nat!.server;
    expect(vip).toBe('198.51.100.1:80');
    expect(server).toBe('10.0.0.11:8080');
    expect(carriedHeader(rec, 0)).toEqual({ src: client, dst: vip });
    expect(carriedHeader(rec, 1)).toEqual({ src: local, dst: server });
    expect(carriedHeader(rec, 2)).toEqual({ src: local, dst: server });
    expect(carriedHeader(rec, 3)).toEqual({ src: server, dst: local });
    expect(carriedHeader(rec, 4)).toEqual({ src: vip, dst: client });
    expect(carriedHeader(rec, 5)).toEqual({ src: vip, dst: client });
    expect(carriedHeader(rec, -1)).toBeNull();
  });
});

describe('address helpers', () => {
  it('splits ip:port', () => {
    expect(ipOf('10.0.0.11:8080')).toBe('10.0.0.11');
    expect(portOf('10.0.0.11:8080')).toBe('8080');
  });
});
