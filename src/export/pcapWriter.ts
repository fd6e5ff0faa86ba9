/**
 * A classic libpcap file (the format tcpdump writes, which Wireshark and tshark read):
 * little-endian, nanosecond timestamps (magic 0xa1b23c4d) so the engine's fractional
 * milliseconds survive, Ethernet link type. The file is written front to back in pieces of
 * about 1 MiB, each handed on as soon as it is full: a writer holds one piece, whatever the
 * run's size (a command line writes each to stdout, the page's worker passes them on).
 */

export const PCAP_MAGIC_NS = 0xa1b23c4d;
export const LINKTYPE_ETHERNET = 1;
const GLOBAL_HEADER = 24;
const RECORD_HEADER = 16;
const SNAPLEN = 65535;
export const PIECE_BYTES = 1 << 20;

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

/** Where the file's pieces go, in order; a piece is the receiver's to keep (it is never reused). */
export type PieceSink = (piece: Uint8Array) => void;

/** Writes frames, in the order they come, as a pcap file's pieces. */
export class PcapWriter {
  private piece: Uint8Array;
  private view: DataView;
  private used = 0;
  /** Frames written so far. */
  count = 0;
  /** Bytes handed on or waiting in the piece. */
  size = 0;

  constructor(
    private readonly sink: PieceSink,
    private readonly pieceBytes = PIECE_BYTES,
  ) {
    this.piece = new Uint8Array(pieceBytes);
    this.view = new DataView(this.piece.buffer);
    const v = this.view;
    v.setUint32(0, PCAP_MAGIC_NS, true);
    v.setUint16(4, 2, true);
    v.setUint16(6, 4, true);
    // thiszone and sigfigs stay 0.
    v.setUint32(16, SNAPLEN, true);
    v.setUint32(20, LINKTYPE_ETHERNET, true);
    this.used = GLOBAL_HEADER;
    this.size = GLOBAL_HEADER;
  }

  /**
   * Room for the next frame, at simulated time `atMs`: `length` zeroed bytes, to be filled in
   * before the next call. Frames must come in time order.
   */
  readonly frame = (atMs: number, length: number): Uint8Array => {
    if (this.used + RECORD_HEADER + length > this.piece.length) {
      this.flush();
      this.piece = new Uint8Array(Math.max(this.pieceBytes, RECORD_HEADER + length));
      this.view = new DataView(this.piece.buffer);
    }
    const { sec, nsec } = wallClock(atMs);
    const o = this.used;
    this.view.setUint32(o, sec, true);
    this.view.setUint32(o + 4, nsec, true);
    this.view.setUint32(o + 8, length, true);
    this.view.setUint32(o + 12, length, true);
    this.used += RECORD_HEADER + length;
    this.size += RECORD_HEADER + length;
    this.count++;
    return this.piece.subarray(o + RECORD_HEADER, o + RECORD_HEADER + length);
  };

  /** Hands on what the current piece holds (nothing when it is empty). */
  flush(): void {
    if (this.used === 0) return;
    this.sink(this.piece.subarray(0, this.used));
    this.piece = new Uint8Array(0);
    this.used = 0;
  }
}

/** The pieces of a file as one array (for tests and small runs). */
export function joinPieces(pieces: readonly Uint8Array[]): Uint8Array {
  let size = 0;
  for (const p of pieces) size += p.length;
  const out = new Uint8Array(size);
  let o = 0;
  for (const p of pieces) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
