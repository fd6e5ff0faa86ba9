/**
 * Where a tag drawn on the stage may go: beside the thing it explains, never over a node's box
 * or text, inside the picture, crossing as few links as it can. Pure geometry, so each
 * picture (wide, tall) and each crowd of servers can be tested without a browser.
 */

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Segment {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface Size {
  w: number;
  h: number;
}

/** Sides of a box, in the order they are tried. */
export type Side = 'left' | 'right' | 'above' | 'below' | 'above-left' | 'below-left' | 'above-right' | 'below-right';

/** What a tag must stay clear of. */
export interface World {
  bounds: Rect;
  /** Never covered: node boxes and their text, column titles, the VIP badge, tags placed already. */
  solid: Rect[];
  /** Better not covered: links (crossing one costs `LINK_COST`). */
  links: Segment[];
  /** Better not covered: where packets wait at a node (costs `SOFT_COST`). */
  soft: Rect[];
}

const LINK_COST = 10;
/** Covering a queue hides the load it shows, worse than crossing a couple of links (a tag is opaque over a line). */
const SOFT_COST = 25;
/** A tag this close to a solid thing reads as touching it. */
export const GAP = 8;

export function overlaps(a: Rect, b: Rect, margin = 0): boolean {
  return a.x < b.x + b.w + margin && b.x < a.x + a.w + margin && a.y < b.y + b.h + margin && b.y < a.y + a.h + margin;
}

export function inside(a: Rect, bounds: Rect): boolean {
  return a.x >= bounds.x && a.y >= bounds.y && a.x + a.w <= bounds.x + bounds.w && a.y + a.h <= bounds.y + bounds.h;
}

/** Whether a segment passes through a rectangle (Liang–Barsky clipping). */
export function crosses(s: Segment, r: Rect): boolean {
  const dx = s.x2 - s.x1,
    dy = s.y2 - s.y1;
  let t0 = 0,
    t1 = 1;
  const edges: [number, number][] = [
    [-dx, s.x1 - r.x],
    [dx, r.x + r.w - s.x1],
    [-dy, s.y1 - r.y],
    [dy, r.y + r.h - s.y1],
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q < 0) return false;
      continue;
    }
    const t = q / p;
    if (p < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    if (t0 > t1) return false;
  }
  return true;
}

/** The rectangle of a tag of `size` on `side` of `box`, `gap` away from it. */
export function beside(box: Rect, size: Size, side: Side, gap = GAP): Rect {
  const cx = box.x + box.w / 2 - size.w / 2,
    cy = box.y + box.h / 2 - size.h / 2;
  const left = box.x - gap - size.w,
    right = box.x + box.w + gap;
  const above = box.y - gap - size.h,
    below = box.y + box.h + gap;
  switch (side) {
    case 'left':
      return { x: left, y: cy, w: size.w, h: size.h };
    case 'right':
      return { x: right, y: cy, w: size.w, h: size.h };
    case 'above':
      return { x: cx, y: above, w: size.w, h: size.h };
    case 'below':
      return { x: cx, y: below, w: size.w, h: size.h };
    // Corners: level with the box's top or bottom edge, off to one side.
    case 'above-left':
      return { x: left, y: box.y, w: size.w, h: size.h };
    case 'below-left':
      return { x: left, y: box.y + box.h - size.h, w: size.w, h: size.h };
    case 'above-right':
      return { x: right, y: box.y, w: size.w, h: size.h };
    case 'below-right':
      return { x: right, y: box.y + box.h - size.h, w: size.w, h: size.h };
  }
}

/** How much a free spot costs (links and waiting packets it covers), or null when it is not free. */
export function cost(r: Rect, world: World): number | null {
  if (!inside(r, world.bounds)) return null;
  if (world.solid.some((s) => overlaps(r, s, GAP / 2))) return null;
  return world.links.filter((l) => crosses(l, r)).length * LINK_COST + world.soft.filter((s) => overlaps(r, s)).length * SOFT_COST;
}

/** The cheapest free spot beside `box` (earlier sides win ties), or null when none is free. */
export function place(box: Rect, size: Size, sides: readonly Side[], world: World): Rect | null {
  let best: Rect | null = null,
    bestCost = Infinity;
  for (const side of sides) {
    const r = beside(box, size, side);
    const c = cost(r, world);
    if (c !== null && c < bestCost) {
      best = r;
      bestCost = c;
    }
  }
  return best;
}

/**
 * One tag beside each box. The same side for every box when one side is free for all (a
 * column of bars reads as a chart), the cheapest such; otherwise each on its own cheapest
 * side. A box with no free spot gets none. Tags placed are solid for the ones after them.
 */
export function placeAll(boxes: readonly Rect[], size: Size, sides: readonly Side[], world: World): (Rect | null)[] {
  let uniform: { rects: Rect[]; cost: number } | null = null;
  for (const side of sides) {
    const rects = boxes.map((b) => beside(b, size, side));
    let total = 0;
    for (let i = 0; i < rects.length && total !== Infinity; i++) {
      const c = cost(rects[i]!, { ...world, solid: [...world.solid, ...rects.slice(0, i)] });
      total = c === null ? Infinity : total + c;
    }
    if (total < (uniform?.cost ?? Infinity)) uniform = { rects, cost: total };
  }
  if (uniform) return uniform.rects;
  const placed: Rect[] = [];
  return boxes.map((b) => {
    const r = place(b, size, sides, { ...world, solid: [...world.solid, ...placed] });
    if (r) placed.push(r);
    return r;
  });
}
