import { isBalancer, isClient, isServer } from '../../sim/nodes.ts';
import { directWay, wayAt, type DirectRoutes, type DirectWay } from './directWay.ts';
import { vipBadgeSize, type Orientation, type Point } from './layout.ts';
import { boxHalf, halfOf, type Box, type Half } from './nodeBoxes.ts';

/**
 * Where packets may be drawn without hiding a node's words. A packet on a link travels from
 * the edge of one box to the edge of the other (not centre to centre, which put the DNS square
 * over a client's address); a packet held at a node waits in a queue beside its box.
 */

/** Room kept between a box's edge and a packet's centre: a packet is about 36 units across. */
const CLEAR = 20;

export interface Segment {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** A server's direct answer to a client (directPaths.ts): the packet follows this way instead of the line. */
  way?: DirectWay;
}

/** Where a packet a share `f` of the way along a segment is drawn, written into `out` (a frame allocates nothing). */
export function pointOn(s: Segment, f: number, out: Point): Point {
  if (s.way) wayAt(s.way, f, out);
  else {
    out.x = s.x0 + (s.x1 - s.x0) * f;
    out.y = s.y0 + (s.y1 - s.y0) * f;
  }
  return out;
}

/**
 * Each node's half-size: as drawn (`drawn`, from nodeBoxes' drawnBoxes: a box grows with its
 * status lines, and its size is the drawing's to decide), else as NodeBox usually draws it.
 */
export function halvesOf(points: Map<string, Point>, drawn: Map<string, Box>): Map<string, Half> {
  const out = new Map<string, Half>();
  for (const node of points.keys()) {
    const b = drawn.get(node);
    out.set(node, b ? halfOf(b) : boxHalf(node));
  }
  return out;
}

/** Share of the vector from a box's centre at which a line leaves the box. */
function exitShare(half: Half, dx: number, dy: number): number {
  const sx = dx === 0 ? Infinity : half.w / Math.abs(dx);
  const sy = dy === 0 ? Infinity : half.h / Math.abs(dy);
  return Math.min(sx, sy);
}

/** The part of the line from a to b that lies outside both boxes (with room for a packet). */
export function edgeSegment(a: Point, b: Point, from: Half, to: Half): Segment {
  const dx = b.x - a.x,
    dy = b.y - a.y;
  const len = Math.hypot(dx, dy) || 1;
  let s0 = exitShare(from, dx, dy) + CLEAR / len;
  let s1 = 1 - exitShare(to, dx, dy) - CLEAR / len;
  // Boxes too close for a packet between them: it crosses the middle of the gap instead.
  if (s1 < s0) s0 = s1 = (s0 + s1) / 2;
  return { x0: a.x + dx * s0, y0: a.y + dy * s0, x1: a.x + dx * s1, y1: a.y + dy * s1 };
}

/**
 * Segments by origin and destination, built once per layout: a frame only looks them up. A pair
 * on the direct answers' route (`direct`: a server's answer straight to its client) follows it.
 */
export function segmentCache(points: Map<string, Point>, halves: Map<string, Half>, direct: DirectRoutes | null = null) {
  const byFrom = new Map<string, Map<string, Segment | null>>();
  return (from: string, to: string): Segment | null => {
    let row = byFrom.get(from);
    if (!row) byFrom.set(from, (row = new Map()));
    let s = row.get(to);
    if (s === undefined) {
      const a = points.get(from),
        b = points.get(to);
      const fromHalf = halves.get(from) ?? boxHalf(from),
        toHalf = halves.get(to) ?? boxHalf(to);
      s = a && b ? edgeSegment(a, b, fromHalf, toHalf) : null;
      const way = s && direct ? directWay(direct, from, to, fromHalf, toHalf) : null;
      if (way) {
        const p0 = wayAt(way, 0, { x: 0, y: 0 }),
          p1 = wayAt(way, 1, { x: 0, y: 0 });
        s = { x0: p0.x, y0: p0.y, x1: p1.x, y1: p1.y, way };
      }
      row.set(to, s);
    }
    return s;
  };
}

/**
 * Where marks (a drop, a cache hit, a block) beside a node start, and how they stack. `half` is
 * the box as drawn (a server's grows with its status lines); `bottom` is the picture's height,
 * which a mark under the last row of the tall picture must not pass.
 */
export function markSpot(
  node: string,
  at: Point,
  orientation: Orientation,
  k: number,
  half: Half = boxHalf(node),
  bottom = Infinity,
): Point {
  // Under a balancer, below its queue of held packets.
  if (isBalancer(node)) return { x: at.x, y: at.y + half.h + 56 + k * 42 };
  // A server's queue of dots hangs under its box in the tall picture: its mark goes over the box.
  if (orientation === 'tall' && isServer(node)) return { x: at.x, y: Math.max(21, at.y - half.h - 24 - k * 42) };
  if (orientation === 'tall') return { x: at.x, y: Math.min(at.y + half.h + 22 + k * 42, bottom - 21) };
  if (isClient(node)) return { x: at.x + 210, y: at.y + k * 42 };
  // Left of a server and above the middle, where its links come in: the middle itself is where
  // the algorithm's bar for the server is drawn. Those that do not fit above (the top server)
  // go below the middle.
  const above = Math.max(0, Math.floor((at.y - 46 - 21) / 42) + 1);
  if (k < above) return { x: at.x - half.w - 110, y: at.y - 46 - k * 42 };
  return { x: at.x - half.w - 110, y: at.y + 46 + (k - above) * 42 };
}

/**
 * Drops grouped by node and kind, in the order each group first dropped, with how many: one
 * mark says "✗ queue full: SYN dropped ×4" where a swamped server drops SYNs many times a second.
 */
export function dropGroups<D extends { node: string; drop: string }>(list: readonly D[]): (D & { count: number })[] {
  const out: (D & { count: number })[] = [];
  for (const d of list) {
    const same = out.find((g) => g.node === d.node && g.drop === d.drop);
    if (same) same.count++;
    else out.push({ ...d, count: 1 });
  }
  return out;
}

/** Marks kept beside one node at once; more would hide it or its neighbours. */
export function maxMarks(node: string, orientation: Orientation): number {
  return orientation === 'tall' && !isBalancer(node) ? 1 : 3;
}

export interface Rect extends Box {
  /** How bad covering it is, per unit of area (1 unless said). */
  weight?: number;
}

/**
 * What a label beside a packet should not cover: every node's box, and the VIP badge over the
 * balancer that holds the VIP (`vipOn`; over both when not given).
 */
export function obstaclesOf(points: Map<string, Point>, halves = new Map<string, Half>(), vipOn?: string): Rect[] {
  const out: Rect[] = [];
  for (const [node, at] of points) {
    const half = halves.get(node) ?? boxHalf(node);
    out.push({ x: at.x - half.w, y: at.y - half.h, w: 2 * half.w, h: 2 * half.h });
    // The VIP badge hangs 6 px over its balancer's box (see VipBadge), at the box's type scale:
    // as wide as the longest VIP, "VIP 255.255.255.255:65535".
    if (isBalancer(node) && (vipOn === undefined || vipOn === node)) {
      const k = half.h / boxHalf(node).h;
      const badge = vipBadgeSize('255.255.255.255:65535', k);
      out.push({ x: at.x - badge.w / 2, y: at.y - half.h - 6 * k - badge.h, w: badge.w, h: badge.h });
    }
  }
  return out;
}

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h * (b.weight ?? 1) : 0;
}

/** Places for a label around a packet, in the order tried: beside it, then under or over, then the corners. */
const SIDES = ['right', 'left', 'below', 'above', 'belowRight', 'belowLeft', 'aboveRight', 'aboveLeft'] as const;
export type Side = (typeof SIDES)[number];
/** A pill sits on a corner of its packet, above and to the right when that is clear. */
export const PILL_SIDES: readonly Side[] = ['aboveRight', 'belowRight', 'aboveLeft', 'belowLeft', 'right', 'left', 'above', 'below'];

/**
 * Where a w×h label goes beside a packet at (x, y): the first place (keeping `previous` while it
 * is still clear, so the label does not hop about) where it covers nothing, inside the picture;
 * if every place covers something, the one that covers least.
 */
export function placeBeside(
  x: number,
  y: number,
  w: number,
  h: number,
  obstacles: readonly Rect[],
  bounds: { width: number; height: number },
  previous: Side | null,
  order: readonly Side[] = SIDES,
  gap = 26,
): { x: number; y: number; side: Side } {
  const at = (side: Side): Rect => {
    const dx = side === 'right' || side.endsWith('Right') ? x + gap : side === 'left' || side.endsWith('Left') ? x - gap - w : x - w / 2;
    const dy = side.startsWith('below') ? y + gap : side.startsWith('above') ? y - gap - h : y - h / 2;
    return {
      x: Math.max(2, Math.min(dx, bounds.width - w - 2)),
      y: Math.max(2, Math.min(dy, bounds.height - h - 2)),
      w,
      h,
    };
  };
  const cost = (r: Rect) => obstacles.reduce((n, o) => n + overlap(r, o), 0);
  let best: { r: Rect; side: Side; cost: number } | null = null;
  for (const side of previous ? [previous, ...order.filter((s) => s !== previous)] : order) {
    const r = at(side);
    const c = cost(r);
    if (c === 0) return { x: r.x, y: r.y, side };
    if (!best || c < best.cost) best = { r, side, cost: c };
  }
  return { x: best!.r.x, y: best!.r.y, side: best!.side };
}
