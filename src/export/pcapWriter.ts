/**
 * A classic libpcap file (the format tcpdump writes, which Wireshark and tshark read):
 * little-endian, nanosecond timestamps (magic 0xa1b23c4d) so the engine's fractional
 * milliseconds survive, Ethernet link type. Frames are written into 1 MiB chunks as they are
 * made and the file is allocated once at its exact size, so memory grows with the run and
 * nothing more (a small ArrayBuffer, or even an object, per frame costs far more).
 */

export const PCAP_MAGIC_NS = 0xa1b23c4d;
export const LINKTYPE_ETHERNET = 1;
const GLOBAL_HEADER = 24;
const RECORD_HEADER = 16;
const SNAPLEN = 65535;
const CHUNK = 1 << 20;

/**
 * Simulated time 0 on the wall clock: 2026-01-01T00:00:00Z (a constant, so the same run always
 * makes the same file).
 */
export const EPOCH_SECONDS = 1_767_225_600;

/** Seconds and nanoseconds since the Unix epoch of a simulated time. */
export function wallClock(atMs: number): { sec: number; nsec: number } {
  const ns = Math.round(Math.max(0, atMs) * 1e6);
  const sec = Math.floor(ns / 1e9);
  return { sec: EPOCH_SECONDS + sec, nsec: ns - sec * 1e9 };
}

function grown<T extends Float64Array | Uint32Array>(a: T, make: (n: number) => T): T {
  const b = make(a.length * 2);
  b.set(a);
  return b;
}

/** The frames of a capture as they are made, in any order; `bytes()` writes the file in time order. */
export class FrameList {
  private chunks: Uint8Array[] = [new Uint8Array(CHUNK)];
  private used = 0;
  private at = new Float64Array(1024);
  /** Per frame: its chunk, its offset in the chunk, its length. */
  private where = new Uint32Array(3 * 1024);
  count = 0;

  /** Room for one frame at simulated time `atMs`: zeroed, `length` bytes, to be filled in. */
  readonly add = (atMs: number, length: number): Uint8Array => {
    let chunk = this.chunks[this.chunks.length - 1]!;
    if (this.used + length > chunk.length) {
      chunk = new Uint8Array(Math.max(CHUNK, length));
      this.chunks.push(chunk);
      this.used = 0;
    }
    if (this.count === this.at.length) {
      this.at = grown(this.at, (n) => new Float64Array(n));
      this.where = grown(this.where, (n) => new Uint32Array(n));
    }
    const i = this.count++;
    this.at[i] = atMs;
    this.where[3 * i] = this.chunks.length - 1;
    this.where[3 * i + 1] = this.used;
    this.where[3 * i + 2] = length;
    const bytes = chunk.subarray(this.used, this.used + length);
    this.used += length;
    return bytes;
  };

  /** The frames' indexes in time order (stable: frames at the same time keep the order they were made in). */
  order(): Uint32Array {
    const order = new Uint32Array(this.count);
    for (let i = 0; i < order.length; i++) order[i] = i;
    const at = this.at;
    // Typed-array sort with a comparator is not promised stable, so ties fall back to the index.
    return order.sort((a, b) => at[a]! - at[b]! || a - b);
  }

  /** The pcap file. */
  bytes(): Uint8Array {
    let size = GLOBAL_HEADER;
    for (let i = 0; i < this.count; i++) size += RECORD_HEADER + this.where[3 * i + 2]!;
    const out = new Uint8Array(size);
    const v = new DataView(out.buffer);
    v.setUint32(0, PCAP_MAGIC_NS, true);
    v.setUint16(4, 2, true);
    v.setUint16(6, 4, true);
    // thiszone and sigfigs stay 0.
    v.setUint32(16, SNAPLEN, true);
    v.setUint32(20, LINKTYPE_ETHERNET, true);
    let o = GLOBAL_HEADER;
    for (const i of this.order()) {
      const { sec, nsec } = wallClock(this.at[i]!);
      const chunk = this.chunks[this.where[3 * i]!]!;
      const start = this.where[3 * i + 1]!;
      const length = this.where[3 * i + 2]!;
      v.setUint32(o, sec, true);
      v.setUint32(o + 4, nsec, true);
      v.setUint32(o + 8, length, true);
      v.setUint32(o + 12, length, true);
      out.set(chunk.subarray(start, start + length), o + RECORD_HEADER);
      o += RECORD_HEADER + length;
    }
    return out;
  }
}
