import { describe, expect, it } from 'vitest';
import natWalkthrough from '../scenarios/nat-walkthrough.json';
import failover from '../scenarios/failover.json';
import serverFailure from '../scenarios/server-failure.json';
import { simulateRun } from '../sim/engine.ts';
import { scenarioOf } from '../sim/test/helpers.ts';
import { EPOCH_SECONDS, pcapOf, splitEndpoint } from './pcap.ts';
import { dnsAnswer, dnsQuery } from './pcapDns.ts';
import { pcapFileName } from './pcapName.ts';
import { vrrpAdvert } from './pcapVrrp.ts';

/** A reader as small as a test allows: libpcap records, then Ethernet, IPv4, TCP/UDP fields. */
interface Packet {
  sec: number;
  nsec: number;
  bytes: Uint8Array;
}

function readPcap(file: Uint8Array): Packet[] {
  const v = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const out: Packet[] = [];
  for (let o = 24; o < file.length;) {
    const len = v.getUint32(o + 8, true);
    out.push({ sec: v.getUint32(o, true), nsec: v.getUint32(o + 4, true), bytes: file.subarray(o + 16, o + 16 + len) });
    o += 16 + len;
  }
  return out;
}

/** RFC 1071 written again, independently: the sum of a region with its checksum in it folds to 0xffff. */
function onesSum(parts: Uint8Array[]): number {
  let sum = 0;
  for (const p of parts) for (let i = 0; i < p.length; i += 2) sum += (p[i]! << 8) | (p[i + 1] ?? 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return sum;
}

const ip = (b: Uint8Array, at: number) => `${b[at]}.${b[at + 1]}.${b[at + 2]}.${b[at + 3]}`;

function parseIpv4(f: Uint8Array) {
  const v = new DataView(f.buffer, f.byteOffset, f.byteLength);
  expect(v.getUint16(12)).toBe(0x0800);
  const ipHeader = f.subarray(14, 34);
  const total = v.getUint16(16);
  const protocol = f[23]!;
  const l4 = f.subarray(34, 14 + total);
  const pseudo = new Uint8Array(12);
  pseudo.set(f.subarray(26, 34), 0);
  pseudo[9] = protocol;
  pseudo[10] = l4.length >> 8;
  pseudo[11] = l4.length & 0xff;
  return {
    src: ip(f, 26),
    dst: ip(f, 30),
    ttl: f[22]!,
    protocol,
    ipSum: onesSum([ipHeader]),
    l4Sum: onesSum([pseudo, l4]),
    srcPort: v.getUint16(34),
    dstPort: v.getUint16(36),
    tcpFlags: f[47]!,
    seq: v.getUint32(38),
    payload: l4.subarray(protocol === 6 ? 20 : 8),
  };
}

const ms = (p: Packet) => (p.sec - EPOCH_SECONDS) * 1000 + p.nsec / 1e6;
const ethertype = (p: Packet) => (p.bytes[12]! << 8) | p.bytes[13]!;
/** The IPv4 frames, parsed, with their packets. */
const ipv4 = (packets: Packet[]) => packets.filter((p) => ethertype(p) === 0x0800).map((p) => ({ p, f: parseIpv4(p.bytes) }));

describe('pcapOf', () => {
  const scenario = scenarioOf(natWalkthrough);
  const run = simulateRun(scenario);
  const file = pcapOf(scenario, run);
  const packets = readPcap(file);

  it('starts with the libpcap header: little-endian, nanoseconds, version 2.4, Ethernet', () => {
    expect([...file.subarray(0, 24)]).toEqual([0x4d, 0x3c, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 1, 0, 0, 0]);
  });

  it('writes the first hop as it left the client: checksums verify, addresses and ports are the hop’s `out`', () => {
    const r = run.records[0]!;
    const hop = r.hops[0]!;
    const tcp = ipv4(packets).filter(({ f }) => f.protocol === 6);
    const { p, f } = tcp[0]!;
    expect(f.ipSum).toBe(0xffff);
    expect(f.l4Sum).toBe(0xffff);
    expect(f.ttl).toBe(64);
    const src = splitEndpoint(hop.out!.src);
    const dst = splitEndpoint(hop.out!.dst);
    expect([f.src, f.srcPort, f.dst, f.dstPort]).toEqual([src.ip, src.port, dst.ip, dst.port]);
    expect(f.tcpFlags).toBe(0x18); // PSH, ACK
    expect(new TextDecoder().decode(f.payload)).toMatch(/^GET \/ HTTP\/1\.1\r\nHost: www\.example\.com\r\n/);
    expect(ms(p)).toBeCloseTo(hop.at, 6);
  });

  it('writes one TCP frame per hop with an `out`, in time order, with its addresses (the documented rule)', () => {
    const expected = run.records
      .flatMap((r) => r.hops)
      .filter((h) => h.out)
      .map((h) => ({ at: h.at, src: h.out!.src, dst: h.out!.dst }))
      .sort((a, b) => a.at - b.at);
    const got = ipv4(packets)
      .filter(({ f }) => f.protocol === 6)
      .map(({ p, f }) => ({ at: Math.round(ms(p) * 1e6) / 1e6, src: `${f.src}:${f.srcPort}`, dst: `${f.dst}:${f.dstPort}` }));
    expect(got).toEqual(expected);
    // The NAT rewrite is there: the balancer's `out` differs from the client's.
    expect(new Set(got.map((g) => g.src)).size).toBeGreaterThan(2);
  });

  it('keeps fractional milliseconds in nanosecond timestamps', () => {
    const hop = run.records[0]!.hops.find((h) => h.out && !Number.isInteger(h.at))!;
    expect(hop).toBeDefined();
    expect(packets.some((p) => p.sec === EPOCH_SECONDS + Math.floor(hop.at / 1000) && p.nsec === Math.round((hop.at % 1000) * 1e6))).toBe(
      true,
    );
  });

  it('is in time order, and the same run makes the same bytes', () => {
    const times = packets.map(ms);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(pcapOf(scenario, run)).toEqual(file);
  });

  it('writes a DNS query and answer per lookup, with valid UDP checksums', () => {
    const udp = ipv4(packets)
      .map(({ f }) => f)
      .filter((f) => f.protocol === 17);
    const lookups = run.records.filter((r) => r.dns).length;
    expect(udp).toHaveLength(2 * lookups);
    for (const f of udp) expect(f.l4Sum).toBe(0xffff);
    expect(udp[0]!.dstPort).toBe(53);
    expect(udp[1]!.srcPort).toBe(53);
  });

  it('writes VRRP adverts and gratuitous ARPs for the VRRP records', () => {
    const adverts = run.vrrp.filter((v) => v.kind === 'advert').length;
    const garps = run.vrrp.filter((v) => v.kind === 'garp').reduce((n, v) => n + (v.count ?? 1), 0);
    expect(adverts).toBeGreaterThan(0);
    expect(garps).toBeGreaterThan(0);
    const vrrp = ipv4(packets).filter(({ f }) => f.protocol === 112);
    expect(vrrp).toHaveLength(adverts);
    for (const { p, f } of vrrp) {
      expect([f.dst, f.ttl, f.ipSum]).toEqual(['224.0.0.18', 255, 0xffff]);
      const advert = p.bytes.subarray(34, 54);
      expect([advert[1], advert[2], onesSum([advert])]).toEqual([51, scenario.balancers.priorities[0], 0xffff]);
    }
    const arp = packets.filter((p) => ethertype(p) === 0x0806);
    expect(arp).toHaveLength(garps);
    // Sender and target IP are both the VIP; the sender MAC is the virtual router's.
    expect(ip(arp[0]!.bytes, 28)).toBe(scenario.network.vip);
    expect(ip(arp[0]!.bytes, 38)).toBe(scenario.network.vip);
    expect([...arp[0]!.bytes.subarray(22, 28)]).toEqual([0, 0, 0x5e, 0, 1, 51]);
  });

  it('writes health checks as SYN, and SYN-ACK then the balancer’s RST when they succeed', () => {
    const s = scenarioOf(serverFailure);
    const full = simulateRun(s);
    expect(full.probes.length).toBeGreaterThan(0);
    const withProbes = readPcap(pcapOf(s, full)).length;
    const without = readPcap(pcapOf(s, { records: full.records, vrrp: full.vrrp })).length;
    const ok = full.probes.filter((p) => p.ok).length;
    expect(withProbes - without).toBe(full.probes.length + 2 * ok);
  });
});

describe('pcapOf on a failover', () => {
  it('sends a packet sent again with the same sequence number (a retransmission), and nothing else', () => {
    const s = scenarioOf(failover);
    const run = simulateRun(s);
    const again = run.records.reduce((n, r) => {
      const seen = new Set<string>();
      for (const h of r.hops) {
        if (!h.out) continue;
        const key = `${h.node} ${h.dir} ${h.out.src}>${h.out.dst}`;
        if (seen.has(key)) n++;
        seen.add(key);
      }
      return n;
    }, 0);
    expect(again).toBeGreaterThan(0);
    const data = ipv4(readPcap(pcapOf(s, run)))
      .map(({ f }) => f)
      .filter((f) => f.protocol === 6 && f.payload.length > 0);
    const keys = data.map((f) => `${f.src}:${f.srcPort}>${f.dst}:${f.dstPort}#${f.seq}`);
    expect(keys.length - new Set(keys).size).toBe(again);
  });
});

describe('pcapFileName', () => {
  it('names the file after the layer and the algorithm', () => {
    expect(pcapFileName(scenarioOf({ ...failover, mode: 'L7' }))).toBe('load-balancer-lab-l7-least-connections.pcap');
  });
});

describe('pcap payloads', () => {
  it('encodes VRRPv2 and VRRPv3 adverts with checksums that verify', () => {
    const vip = Uint8Array.of(198, 51, 100, 1);
    const src = Uint8Array.of(10, 0, 0, 2);
    const dst = Uint8Array.of(224, 0, 0, 18);
    const v2 = vrrpAdvert({ version: 2, priority: 150, advertIntervalMs: 1000, vip, src, dst });
    expect([...v2.subarray(0, 6)]).toEqual([0x21, 51, 150, 1, 0, 1]);
    expect([...v2.subarray(8, 12)]).toEqual([198, 51, 100, 1]);
    expect(v2).toHaveLength(20);
    expect(onesSum([v2])).toBe(0xffff);
    const v3 = vrrpAdvert({ version: 3, priority: 100, advertIntervalMs: 1000, vip, src, dst });
    expect([...v3.subarray(0, 6)]).toEqual([0x31, 51, 100, 1, 0, 100]); // 100 centiseconds
    const pseudo = Uint8Array.of(...src, ...dst, 0, 112, 0, v3.length);
    expect(onesSum([pseudo, v3])).toBe(0xffff);
  });

  it('encodes a DNS query and its A answer in wire format', () => {
    const lookup = { at: 0, answeredAt: 10, name: 'www.example.com', answer: '198.51.100.1' };
    const name = [3, 119, 119, 119, 7, 101, 120, 97, 109, 112, 108, 101, 3, 99, 111, 109, 0];
    expect([...dnsQuery(7, lookup)]).toEqual([0, 7, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, ...name, 0, 1, 0, 1]);
    const answer = [...dnsAnswer(7, lookup, 300_000)];
    expect(answer.slice(0, 12)).toEqual([0, 7, 0x81, 0x80, 0, 1, 0, 1, 0, 0, 0, 0]);
    expect(answer.slice(12 + name.length + 4)).toEqual([0xc0, 12, 0, 1, 0, 1, 0, 0, 0x01, 0x2c, 0, 4, 198, 51, 100, 1]);
  });
});
