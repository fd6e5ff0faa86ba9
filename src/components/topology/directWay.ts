import { pointsOf, type Layout, type Point } from './layout.ts';
import { boxHalf, type Box, type Half } from './nodeBoxes.ts';

/**
 * The direct answers' route as the stage uses it while drawing: its shape, the way one answer
 * travels along it, and where its label goes. Working the route out (directPaths.ts) is loaded
 * only when a forwarding mode needs it (direct routing, IP tunnelling); this part is small and
 * goes with the page.
 */
export interface DirectRoutes {
  /** Where the legs meet, and where the route's label goes. */
  hub: Point;
  /** The route's heading at the hub (a unit vector, from the servers towards the clients). */
  dir: Point;
  /** Each server's leg, from its centre to the hub, as a smoothed line of points. */
  servers: Map<string, Point[]>;
  /** Each client's leg, from the hub to its centre (a drawing node id, "client:<ip>"). */
  clients: Map<string, Point[]>;
}

/** The SVG path of a leg. */
export function legPath(points: readonly Point[]): string {
  return points.map((p, i) => `${i ? 'L' : 'M'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join('');
}

/** The box of a node centred at p, `margin` px larger on every side. */
export const around = (p: Point, h: Half, margin: number): Box => ({
  x: p.x - h.w - margin,
  y: p.y - h.h - margin,
  w: 2 * (h.w + margin),
  h: 2 * (h.h + margin),
});

export const inside = (p: Point, b: Box) => p.x > b.x && p.x < b.x + b.w && p.y > b.y && p.y < b.y + b.h;

/** Room kept between a box's edge and a packet's centre (as packetGeometry's CLEAR). */
const CLEAR = 20;

/**
 * One answer's way from a server to a client: its server's leg then its client's, from where
 * it leaves the server's box (with room for the packet) to where it reaches the client's; a
 * packet moves along it at one speed (by length).
 */
export interface DirectWay {
  points: Point[];
  /** The length along `points` up to each point. */
  at: Float64Array;
  /** Where the packet starts and stops, as lengths along `points`. */
  start: number;
  end: number;
}

export function directWay(routes: DirectRoutes, server: string, client: string, from: Half, to: Half): DirectWay | null {
  const a = routes.servers.get(server),
    b = routes.clients.get(client);
  if (!a || !b) return null;
  const points = [...a, ...b.slice(1)];
  const at = new Float64Array(points.length);
  for (let i = 1; i < points.length; i++) at[i] = at[i - 1]! + Math.hypot(points[i]!.x - points[i - 1]!.x, points[i]!.y - points[i - 1]!.y);
  const way: DirectWay = { points, at, start: 0, end: at[points.length - 1]! };
  const first = points[0]!,
    last = points[points.length - 1]!;
  const leave = around(first, from, CLEAR),
    reach = around(last, to, CLEAR);
  const total = way.end;
  const p = { x: 0, y: 0 };
  const steps = 400;
  let start = 0,
    end = total;
  for (let i = 0; i <= steps && inside(wayAt(way, i / steps, p), leave); i++) start = (total * (i + 1)) / steps;
  for (let i = steps; i >= 0 && inside(wayAt(way, i / steps, p), reach); i--) end = (total * (i - 1)) / steps;
  way.start = Math.min(start, total);
  way.end = Math.max(end, way.start);
  return way;
}

/** Where a packet a share f of the way along its direct way is, written into `out`. */
export function wayAt(w: DirectWay, f: number, out: Point): Point {
  const s = w.start + (w.end - w.start) * f;
  // The last point at or before s (binary search over the lengths).
  let lo = 0,
    hi = w.at.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (w.at[mid]! <= s) lo = mid;
    else hi = mid - 1;
  }
  const a = w.points[lo]!,
    b = w.points[Math.min(lo + 1, w.points.length - 1)]!;
  const span = (w.at[Math.min(lo + 1, w.at.length - 1)] ?? 0) - w.at[lo]!;
  const t = span > 0 ? (s - w.at[lo]!) / span : 0;
  out.x = a.x + (b.x - a.x) * t;
  out.y = a.y + (b.y - a.y) * t;
  return out;
}

/** The type of the route's label at type scale 1, in px (as a node's note). */
export const LABEL_PX = 14;

/**
 * Where the route's label ("direct answer") is written: beside the hub, clear of the packets
 * passing it (half a packet and half a line away), on the side of the route where it covers no
 * box and stays in the picture: above a level route first. `ems` is the text's width in ems
 * (packetLabels' textEms); `rect` is what the header tag and the pills keep off.
 */
export function labelPlace(
  routes: DirectRoutes,
  layout: Layout,
  ems: number,
  halfOf: (node: string) => Half = (n) => boxHalf(n, layout.type),
): { x: number; y: number; anchor: 'start' | 'middle' | 'end'; rect: Box } {
  const size = LABEL_PX * layout.type;
  const w = ems * size,
    h = size * 1.3;
  const away = 18 + size;
  const n = { x: -routes.dir.y, y: routes.dir.x };
  const up = n.y > 0 || (n.y === 0 && n.x < 0) ? { x: -n.x, y: -n.y } : n;
  const boxes = [...pointsOf(layout)].map(([node, p]) => around(p, halfOf(node), 0));
  const legs = [...routes.servers.values(), ...routes.clients.values()];
  const place = (side: Point) => {
    const c = { x: routes.hub.x + side.x * away, y: routes.hub.y + side.y * away };
    const anchor: 'start' | 'middle' | 'end' = side.x > 0.7 ? 'start' : side.x < -0.7 ? 'end' : 'middle';
    const left = anchor === 'start' ? c.x : anchor === 'end' ? c.x - w : c.x - w / 2;
    const rect = { x: left, y: c.y - h / 2, w, h };
    const out = rect.x < 0 || rect.y < 0 || rect.x + w > layout.width || rect.y + h > layout.floor;
    const hits = boxes.filter((b) => rect.x < b.x + b.w && b.x < rect.x + w && rect.y < b.y + b.h && b.y < rect.y + h).length;
    // Over a leg, the words would sit on the packets' way.
    const onLeg = legs.some((leg) => leg.some((p) => inside(p, rect)));
    return { x: c.x, y: c.y + size * 0.35, anchor, rect, cost: (out ? 10 : 0) + 3 * hits + (onLeg ? 1 : 0) };
  };
  const sides = [up, { x: -up.x, y: -up.y }, { x: up.y, y: -up.x }, { x: -up.y, y: up.x }];
  const { cost: _, ...best } = sides.map(place).reduce((a, b) => (b.cost < a.cost ? b : a));
  return best;
}
