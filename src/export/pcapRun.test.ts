import { describe, expect, it } from 'vitest';
import classroom from '../scenarios/classroom.json';
import failover from '../scenarios/failover.json';
import serverFailure from '../scenarios/server-failure.json';
import l7Routing from '../scenarios/l7-routing.json';
import { simulateRun } from '../sim/engine.ts';
import { scenarioOf } from '../sim/test/helpers.ts';
import { MSS } from './packetBytes.ts';
import { pcapOf } from './pcap.ts';
import { PcapRun } from './pcapRun.ts';
import { EPOCH_SECONDS, joinPieces } from './pcapWriter.ts';
import type { Scenario } from '../sim/scenario.ts';

function streamed(s: Scenario, upToMs?: number): { file: Uint8Array; pieces: number } {
  const pieces: Uint8Array[] = [];
  const run = new PcapRun(s, (p) => pieces.push(p), upToMs === undefined ? {} : { upToMs });
  while (!run.step());
  return { file: joinPieces(pieces), pieces: pieces.length };
}

/** Each frame's time (simulated ms) and bytes. */
function frames(file: Uint8Array): { ms: number; bytes: Uint8Array }[] {
  const v = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const out: { ms: number; bytes: Uint8Array }[] = [];
  for (let o = 24; o < file.length;) {
    const len = v.getUint32(o + 8, true);
    out.push({
      ms: (v.getUint32(o, true) - EPOCH_SECONDS) * 1000 + v.getUint32(o + 4, true) / 1e6,
      bytes: file.subarray(o + 16, o + 16 + len),
    });
    o += 16 + len;
  }
  return out;
}

/** Many requests at once: a long one in flight while many short ones finish before it. */
const busy = scenarioOf({
  mode: 'L7',
  network: { handshakes: true },
  servers: [{ name: 's1' }, { name: 's2' }],
  requests: Array.from({ length: 2400 }, (_, i) => ({ at: i * 1.25, client: `203.0.113.${i % 7}`, serviceMs: i % 50 === 0 ? 900 : 20 })),
});

describe('PcapRun', () => {
  it.each([
    ['classroom', scenarioOf(classroom)],
    ['failover', scenarioOf(failover)],
    ['server-failure', scenarioOf(serverFailure)],
    ['a long request among many short ones', busy],
  ])('writes, while the run goes, the same file as pcapOf after it (%s)', (_, s) => {
    const whole = pcapOf(s, simulateRun(s));
    const { file } = streamed(s);
    expect(file.length).toBe(whole.length);
    expect(Buffer.compare(Buffer.from(file), Buffer.from(whole))).toBe(0);
  });

  it('hands the file on in pieces as they fill, while the run goes, and holds only the packets in flight', () => {
    const handedAt: number[] = [];
    const run = new PcapRun(busy, () => handedAt.push(run.simulatedMs), { chunkEvents: 500 });
    let mostWaiting = 0;
    while (!run.step())
      mostWaiting = Math.max(mostWaiting, (run as unknown as { capture: { queue: { size: number } } }).capture.queue.size);
    expect(handedAt.length).toBeGreaterThan(1);
    // The file is about 2.2 MB: its first 1 MiB piece leaves about halfway.
    expect(handedAt[0]).toBeLessThan(run.simulatedMs * 0.75);
    // What waits is what was made since the oldest request in flight started (one of 900 ms
    // among 20 ms ones: about 900 ms of packets), not the run's 3 s.
    expect(mostWaiting).toBeLessThan(run.frames / 3);
  });

  it('up to a moment: the packets up to it, the same as the whole run’s, and nothing after', () => {
    const s = scenarioOf(failover);
    const all = frames(streamed(s).file);
    const upTo = all[Math.floor(all.length / 2)]!.ms;
    const part = frames(streamed(s, upTo).file);
    expect(part.length).toBeLessThan(all.length);
    expect(part.length).toBeGreaterThan(0);
    expect(part.every((f) => f.ms <= upTo + 1e-6)).toBe(true);
    expect(part.map((f) => f.ms)).toEqual(all.filter((f) => f.ms <= upTo + 1e-6).map((f) => f.ms));
    expect(pcapOf(s, simulateRun(s), upTo)).toEqual(streamed(s, upTo).file);
  });
});

describe('HTTP messages longer than the MSS', () => {
  // 100 headers of 200 characters: a request of about 21 kB (one 21,000-byte frame before).
  const headers = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`X-Big-${i}`, String(i % 10).repeat(200)]));
  const s = scenarioOf({
    ...l7Routing,
    requests: [
      { at: 0, client: '203.0.113.10', path: '/', headers },
      { at: 5, client: '192.0.2.77', path: '/map', headers },
    ],
  });
  const tcp = frames(pcapOf(s, simulateRun(s)))
    .map((f) => f.bytes)
    .filter((b) => b[23] === 6);
  const v = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);

  it('go as segments of at most the MSS, each with its own IP total length', () => {
    expect(tcp.length).toBeGreaterThan(4 * 15);
    for (const b of tcp) {
      const total = v(b).getUint16(16);
      expect(total).toBe(b.length > 60 ? b.length - 14 : total);
      expect(total - 40).toBeLessThanOrEqual(MSS);
    }
  });

  it('numbered on from each other, PSH on the last', () => {
    // Each direction's data segments in file order: every segment starts where the one before ended.
    const next = new Map<string, number>();
    let full = 0;
    for (const b of tcp) {
      const d = v(b);
      const flags = b[47]!;
      const length = d.getUint16(16) - 40;
      if (length === 0 || flags & 0x04) continue;
      const key = [...b.subarray(26, 38)].join('.');
      const seq = d.getUint32(38);
      const expected = next.get(key);
      if (expected !== undefined) expect(seq).toBe(expected);
      next.set(key, (seq + length) >>> 0);
      if (length === MSS) {
        full++;
        expect(flags & 0x08).toBe(0);
      } else expect(flags & 0x08).toBe(0x08);
    }
    expect(full).toBeGreaterThan(30);
  });
});
