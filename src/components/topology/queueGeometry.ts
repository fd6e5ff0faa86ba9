import { isServer as server } from '../../sim/nodes.ts';
import type { RequestRecord } from '../../sim/types.ts';
import { pathOf } from '../../trace/packets.ts';
import type { Point } from './layout.ts';
import { boxHalf, type Box, type Half } from './nodeBoxes.ts';

/**
 * Where a node's queue of dots goes: the packets it holds (a server serving or keeping them
 * waiting, a balancer reading one) as a row of dots beside its box, so load shows at a glance.
 * A server's queue goes where more dots fit: the room to the right of its box (its links come
 * in from the left), row by row down the box's height, or rows under the box; every other
 * node's goes under its box. The slots are in the order they fill.
 */

export interface QueueSlots {
  slots: Point[];
  /** Slots per row: the count of those not drawn takes the last ones of a full queue. */
  perRow: number;
}

/** Gap between two dots, in picture units, as a share of a dot's radius. */
const GAP = 0.6;

/** The nearest box edge met going from `from` in one direction, among boxes that overlap the band. */
function roomTo(side: 'right' | 'below', from: number, band: [number, number], boxes: readonly Box[], limit: number): number {
  let edge = limit;
  for (const b of boxes) {
    const [lo, hi] = side === 'right' ? [b.y, b.y + b.h] : [b.x, b.x + b.w];
    if (hi <= band[0] || lo >= band[1]) continue;
    const near = side === 'right' ? b.x : b.y;
    if (near >= from) edge = Math.min(edge, near);
  }
  return edge - from;
}

/**
 * The slots of `node`'s queue for dots of radius `r` (picture units). `others` are the other
 * nodes' boxes, `bounds` the picture: a queue keeps off both. At most `rows` rows.
 */
export function queueSlots(
  node: string,
  at: Point,
  half: Half,
  r: number,
  others: readonly Box[],
  bounds: { width: number; height: number },
  rows = 3,
): QueueSlots {
  const step = 2 * r * (1 + GAP / 2);
  const gap = r * 0.8;
  const top = at.y - half.h,
    boxRight = at.x + half.w,
    bottom = at.y + half.h;
  const right = server(node) ? rightOf() : null;
  const room = roomTo('below', bottom + gap, [at.x - half.w, boxRight], others, bounds.height - 2);
  const n = Math.min(rows, Math.floor(room / step));
  const cols = Math.max(1, Math.floor((2 * half.w) / step));
  const under = n >= 1 ? grid(at.x - half.w + step / 2 + ((2 * half.w) % step) / 2, bottom + gap + step / 2, cols, n, step) : null;
  // Where more dots fit: right of a server (two columns at least) or under the box; right of
  // it in whatever room there is when neither fits (a column down the box's edge).
  if (right && right.perRow >= 2 && (!under || right.slots.length >= under.slots.length)) return right;
  if (under) return under;
  if (!right) return grid(at.x - half.w + step / 2, bottom + gap + step / 2, cols, 1, step);
  return right.perRow >= 1 ? right : grid(boxRight + gap + step / 2, top + step / 2, 1, rowsRight(), step);

  function rightOf(): QueueSlots {
    const room = roomTo('right', boxRight + gap, [top, bottom], others, bounds.width - 2);
    const cols = Math.floor(room / step);
    return grid(boxRight + gap + step / 2, top + step / 2, cols, rowsRight(), step);
  }
  function rowsRight(): number {
    return Math.max(1, Math.min(rows + 1, Math.floor((2 * half.h) / step)));
  }
}

function grid(x0: number, y0: number, cols: number, rows: number, step: number): QueueSlots {
  const slots: Point[] = [];
  for (let j = 0; j < rows; j++) for (let i = 0; i < cols; i++) slots.push({ x: x0 + i * step, y: y0 + j * step });
  return { slots, perRow: cols };
}

/**
 * How far a held packet is through its stay at the node (0 when it came, 1 when it leaves): the
 * in-service dot's ring fills over this, so a 2 s job visibly takes longer than a 20 ms one.
 * The stay runs from the first step at the node to the next step elsewhere (a stay split in two
 * hops, waiting then served, counts as one). Null when the packet is not held at time t.
 */
export function heldProgress(r: RequestRecord, t: number): number | null {
  const steps = pathOf(r);
  for (let i = 0; i < steps.length - 1; i++) {
    if (!(t >= steps[i]!.at && t < steps[i + 1]!.at)) continue;
    const node = steps[i]!.node;
    if (steps[i + 1]!.node !== node) return null;
    let a = i,
      b = i + 1;
    while (a > 0 && steps[a - 1]!.node === node) a--;
    while (b < steps.length - 1 && steps[b]!.node === node) b++;
    const from = steps[a]!.at,
      to = steps[b]!.at;
    return to > from ? Math.min(1, Math.max(0, (t - from) / (to - from))) : 1;
  }
  return null;
}

/** The rectangle a queue's dots can take (its slots and a dot's radius around them): what other labels keep off. */
export function queueArea(place: QueueSlots, r: number): Box | null {
  if (!place.slots.length) return null;
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const s of place.slots) {
    x0 = Math.min(x0, s.x);
    y0 = Math.min(y0, s.y);
    x1 = Math.max(x1, s.x);
    y1 = Math.max(y1, s.y);
  }
  const x = x0 - r,
    y = y0 - r;
  return { x, y, w: x1 + r - x, h: y1 + r - y };
}

/** The rectangle around the first `n` slots (their dots and rings): a full queue's outline. */
export function slotsFrame(place: QueueSlots, n: number, r: number): Box | null {
  if (n <= 0 || !place.slots.length) return null;
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let k = 0; k < n && k < place.slots.length; k++) {
    const s = place.slots[k]!;
    x0 = Math.min(x0, s.x);
    y0 = Math.min(y0, s.y);
    x1 = Math.max(x1, s.x);
    y1 = Math.max(y1, s.y);
  }
  // Around the rings (1.22 r, the selected one's 1.3 times that) with a little air.
  const m = r * 1.7;
  return { x: x0 - m, y: y0 - m, w: x1 - x0 + 2 * m, h: y1 - y0 + 2 * m };
}

/**
 * Where a full queue's tag ("queue full 8/8", w×h) goes: under its outline, else right of it,
 * over it or left of it: the first place inside the picture that covers no box or why mark
 * (`obstacles`), else the one that covers least.
 */
export function fullTagPlace(
  frame: Box,
  w: number,
  h: number,
  obstacles: readonly (Box & { weight?: number })[],
  bounds: { width: number; height: number },
): Point {
  const gap = 3;
  const inside = (x: number, y: number): Point => ({
    x: Math.max(2, Math.min(x, bounds.width - w - 2)),
    y: Math.max(2, Math.min(y, bounds.height - h - 2)),
  });
  const places = [
    inside(frame.x, frame.y + frame.h + gap),
    inside(frame.x + frame.w + gap, frame.y + frame.h / 2 - h / 2),
    inside(frame.x, frame.y - h - gap),
    inside(frame.x - w - gap, frame.y + frame.h / 2 - h / 2),
  ];
  let best = places[0]!,
    least = Infinity;
  for (const p of places) {
    let cost = 0;
    for (const o of obstacles) {
      const ow = Math.min(p.x + w, o.x + o.w) - Math.max(p.x, o.x);
      const oh = Math.min(p.y + h, o.y + o.h) - Math.max(p.y, o.y);
      if (ow > 0 && oh > 0) cost += ow * oh * (o.weight ?? 1);
    }
    if (cost === 0) return p;
    if (cost < least) [best, least] = [p, cost];
  }
  return best;
}

/** A request dot's radius in screen px (responses, DNS and segments are drawn to match); a queued dot is 0.75 of it. */
export function dotRadius(classroom: boolean): number {
  return classroom ? 14 : 9;
}

const boxAround = (at: Point, h: Half): Box => ({ x: at.x - h.w, y: at.y - h.h, w: 2 * h.w, h: 2 * h.h });

/**
 * Where `node`'s queue goes, keeping off every other node (as drawn: `halves` around `points`):
 * the one answer the packets and the why marks (which keep off the queues) both use.
 */
export function queuePlace(
  node: string,
  points: ReadonlyMap<string, Point>,
  halves: ReadonlyMap<string, Half>,
  r: number,
  bounds: { width: number; height: number },
): QueueSlots {
  const others: Box[] = [];
  for (const [n, h] of halves) {
    const at = points.get(n);
    if (n !== node && at) others.push(boxAround(at, h));
  }
  return queueSlots(node, points.get(node)!, halves.get(node) ?? boxHalf(node), r, others, bounds);
}
