import type { Header, RequestRecord } from '../../sim/types.ts';
import type { PacketPosition } from '../../trace/packets.ts';
import { isBalancer } from '../../sim/nodes.ts';
import { carriedHeader, headerChange, type HeaderChange } from '../inspector/headerDiff.ts';
import type { TagExtra } from './forwardingDrawing.ts';

/**
 * The header tag (src, dst) on one packet, and which of its fields a balancer rewrote.
 *
 * Which packet: the selected request's while it is under way. With nothing selected the tag
 * follows one request from before the balancer until it is answered: the newest one heading
 * into a balancer when the last one finished. Following one packet through the crossing is
 * what shows the rewrite (its fields flip as it leaves the balancer); jumping to whichever
 * packet is newest each frame would show a different packet's header every few frames.
 */

/** The IP header a packet carries at its position (DNS is not drawn with one). */
export function headerAt(p: PacketPosition, r: RequestRecord): Header | null {
  if (p.kind === 'dns') return null;
  if (p.kind === 'tcp') {
    const seg = p.segment === undefined ? undefined : r.tcp?.[p.segment];
    return seg ? (seg.out ?? seg.in) : null;
  }
  return p.hop >= 0 ? carriedHeader(r, p.hop) : null;
}

/** Index into `packets` of the packet the tag follows, or -1. */
export function focusOf(packets: readonly PacketPosition[], selected: number | null, previous: number | null): number {
  if (selected !== null) return packets.findIndex((p) => p.id === selected && p.kind !== 'dns');
  if (previous !== null) {
    const i = packets.findIndex((p) => p.record === previous && p.kind !== 'dns');
    if (i >= 0) return i;
  }
  for (let i = packets.length - 1; i >= 0; i--) {
    const p = packets[i]!;
    if (p.kind !== 'dns' && p.kind !== 'response' && p.from !== p.to && isBalancer(p.to)) return i;
  }
  for (let i = packets.length - 1; i >= 0; i--) {
    const p = packets[i]!;
    if (p.kind !== 'dns' && (isBalancer(p.from) || isBalancer(p.to))) return i;
  }
  return -1;
}

export interface TagView {
  header: Header;
  /** The fields the balancer the packet just left rewrote (marked while it carries them). */
  changed: HeaderChange;
  /** The forwarding mode's extra line (direct routing's MAC, a tunnel's outer header), or null. */
  extra: TagExtra | null;
  /** When (the caller's clock) they changed; the glow fades from then. */
  changedAt: number;
}

/** The forwarding mode's extra line for a packet (forwardingDrawing.ts's tagExtra, bound to the scenario). */
export type ExtraOf = (p: PacketPosition, r: RequestRecord, header: Header) => TagExtra | null;

const noExtra: ExtraOf = () => null;

/** Whether two extra lines read the same (a tag redrawn only when what it says changes). */
function sameExtra(a: TagExtra | null, b: TagExtra | null): boolean {
  if (!a || !b) return a === b;
  if (a.kind === 'mac' || b.kind === 'mac') return a.kind === b.kind && a.dst === b.dst && a.changed === b.changed;
  return a.src === b.src && a.dst === b.dst && a.off === b.off && a.changed === b.changed;
}

const NONE: HeaderChange = { src: false, dst: false };

/**
 * What the balancer the packet just left rewrote on it: the header it sent compared with the
 * one it received. Read from the record, not from earlier frames, so a packet reached by
 * seeking shows its rewrite too. In L7 the balancer's own handshake toward the server is a new
 * connection, not a rewrite, so segments are not compared there.
 */
export function rewriteOf(p: PacketPosition, r: RequestRecord, mode: 'L4' | 'L7'): HeaderChange {
  if (p.from === p.to || !isBalancer(p.from)) return NONE;
  if (p.kind === 'tcp') {
    if (mode === 'L7' || p.segment === undefined) return NONE;
    const seg = r.tcp?.[p.segment];
    return seg && seg.node === p.from ? headerChange(seg.in, seg.out) : NONE;
  }
  if (p.kind === 'dns' || p.hop < 0) return NONE;
  const hop = r.hops[p.hop];
  if (!hop || hop.node !== p.from) return NONE;
  // L7 (and a held packet) splits the stop in two hops: what came in is on the one before.
  const before = r.hops[p.hop - 1];
  const arrived = hop.in ?? (before && before.node === hop.node && before.dir === hop.dir ? before.in : null);
  return headerChange(arrived, hop.out);
}

/**
 * Follows the focused packet frame by frame, and notes when a rewrite first shows, so its glow
 * starts then (once per crossing, not every frame).
 */
export class TagTracker {
  private record: number | null = null;
  private view: TagView | null = null;

  get focus(): number | null {
    return this.record;
  }

  clear(): void {
    this.record = null;
    this.view = null;
  }

  update(p: PacketPosition, r: RequestRecord, mode: 'L4' | 'L7', now: number, extraOf: ExtraOf = noExtra): TagView | null {
    if (p.record !== this.record) {
      this.clear();
      this.record = p.record;
    }
    const header = headerAt(p, r);
    if (!header) return (this.view = null);
    const prev = this.view;
    // Direct routing keeps src and dst as they were: its one rewrite is the extra line's.
    const extra = extraOf(p, r, header);
    if (prev && prev.header.src === header.src && prev.header.dst === header.dst && sameExtra(prev.extra, extra)) return prev;
    const changed = rewriteOf(p, r, mode);
    const flipped = changed.src || changed.dst || (extra?.changed ?? false);
    this.view = { header, changed, extra, changedAt: flipped ? now : -Infinity };
    return this.view;
  }
}
