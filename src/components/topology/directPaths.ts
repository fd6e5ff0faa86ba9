import { BALANCERS, isBalancer, isClient } from '../../sim/nodes.ts';
import { balancerPoint, pointsOf, vipBadgeSize, type Layout, type Point } from './layout.ts';
import { boxHalf, type Box, type Half } from './nodeBoxes.ts';

/**
 * The way a server's answer travels straight to its client when the balancer does not route it
 * back (direct routing and IP tunnelling). Twelve separate lines between three servers and four
 * clients made a web nobody could read, so the answers share one route, as they share the
 * servers' gateway in a real network: each server's leg runs into a hub, and from the hub a leg
 * runs out to each client. Each leg is the shortest way round the boxes (every node's, a VIP
 * badge), with a wide berth round the balancers: the answers are seen to pass them by. On a
 * wide picture the stretch from the VIP badge down to the standby is one box, so no answer
 * seems to pass between the balancers. The hub is where the legs are shortest together, away
 * from the balancers. Links.tsx draws the legs; PacketLayer moves each answer along its
 * server's leg, then its client's. Pure geometry, tested without a browser.
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

/** Hub places tried: a grid of this many columns and rows over the picture. */
const GRID = 20;

/** A box to go round: whose it is (a leg may leave its own node's box; '' for a VIP badge or the balancers' stretch), and its size. */
interface Obstacle {
  node: string;
  box: Box;
}

const around = (p: Point, h: Half, margin: number): Box => ({
  x: p.x - h.w - margin,
  y: p.y - h.h - margin,
  w: 2 * (h.w + margin),
  h: 2 * (h.h + margin),
});

const inside = (p: Point, b: Box) => p.x > b.x && p.x < b.x + b.w && p.y > b.y && p.y < b.y + b.h;

/** Whether the segment a–b passes through the inside of a box (Liang–Barsky clipping; touching an edge does not count). */
function crosses(a: Point, b: Point, r: Box): boolean {
  const dx = b.x - a.x,
    dy = b.y - a.y;
  let t0 = 0,
    t1 = 1;
  const edges: [number, number][] = [
    [-dx, a.x - r.x],
    [dx, r.x + r.w - a.x],
    [-dy, a.y - r.y],
    [dy, r.y + r.h - a.y],
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q <= 0) return false;
      continue;
    }
    const t = q / p;
    if (p < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    if (t0 >= t1) return false;
  }
  return t1 - t0 > 1e-9;
}

/** The places a shortest way can turn at: each box's corners, just outside it, inside the picture. */
function cornersOf(obstacles: readonly Obstacle[], width: number, floor: number): Point[] {
  const out: Point[] = [];
  for (const { box: b } of obstacles) {
    for (const [x, y] of [
      [b.x - 1, b.y - 1],
      [b.x + b.w + 1, b.y - 1],
      [b.x - 1, b.y + b.h + 1],
      [b.x + b.w + 1, b.y + b.h + 1],
    ] as const) {
      const p = { x, y };
      if (x > 0 && x < width && y > 0 && y < floor && !obstacles.some((o) => inside(p, o.box))) out.push(p);
    }
  }
  return out;
}

/**
 * The corners and the ends (the servers' and clients' centres), and which of them see each other
 * past the obstacles: built once per picture, so that trying a hub costs only its own sight lines.
 * A sight line may leave the box of the node it starts or ends at.
 */
interface Sight {
  nodes: Point[];
  /** The node whose box each node is the centre of (null for a corner). */
  own: (string | null)[];
  /** The first end's index: nodes before it are corners. */
  firstEnd: number;
  /** seen[i * n + j]: nodes i and j see each other. */
  seen: Uint8Array;
  obstacles: readonly Obstacle[];
}

function sightOf(corners: readonly Point[], ends: readonly { at: Point; node: string }[], obstacles: readonly Obstacle[]): Sight {
  const nodes = [...corners, ...ends.map((e) => e.at)];
  const own = [...corners.map(() => null), ...ends.map((e) => e.node)];
  const n = nodes.length;
  const seen = new Uint8Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const ok = !obstacles.some((o) => o.node !== own[i] && o.node !== own[j] && crosses(nodes[i]!, nodes[j]!, o.box));
      seen[i * n + j] = seen[j * n + i] = ok ? 1 : 0;
    }
  }
  return { nodes, own, firstEnd: corners.length, seen, obstacles };
}

/**
 * Shortest ways from `hub` to every end round the obstacles, over the corners (Dijkstra on the
 * sight lines). Each end's way as points from the hub, or null when it has none.
 */
function waysFrom(sight: Sight, hub: Point): (Point[] | null)[] {
  const { nodes, own, firstEnd, seen, obstacles } = sight;
  const n = nodes.length;
  const dist = new Float64Array(n).fill(Infinity);
  const prev = new Int32Array(n).fill(-1);
  const done = new Uint8Array(n);
  // From the hub: the nodes it sees (the end's own box apart) start at their distance.
  for (let v = 0; v < n; v++) {
    if (obstacles.some((o) => o.node !== own[v] && crosses(hub, nodes[v]!, o.box))) continue;
    dist[v] = Math.hypot(nodes[v]!.x - hub.x, nodes[v]!.y - hub.y);
  }
  for (;;) {
    let u = -1;
    for (let i = 0; i < n; i++) if (!done[i] && dist[i]! < Infinity && (u < 0 || dist[i]! < dist[u]!)) u = i;
    if (u < 0) break;
    done[u] = 1;
    // An end is where a way stops: no way passes through a node's box.
    if (u >= firstEnd) continue;
    for (let v = 0; v < n; v++) {
      if (done[v] || !seen[u * n + v]) continue;
      const d = dist[u]! + Math.hypot(nodes[v]!.x - nodes[u]!.x, nodes[v]!.y - nodes[u]!.y);
      if (d < dist[v]!) {
        dist[v] = d;
        prev[v] = u;
      }
    }
  }
  const out: (Point[] | null)[] = [];
  for (let end = firstEnd; end < n; end++) {
    if (dist[end] === Infinity) {
      out.push(null);
      continue;
    }
    const way: Point[] = [];
    for (let i = end; i >= 0; i = prev[i]!) way.push(nodes[i]!);
    way.push(hub);
    out.push(way.reverse());
  }
  return out;
}

/** How far a way's corners are rounded, and how finely the rounding is sampled. */
const ROUND = 40;
const ROUND_STEPS = 6;

/** A way with its corners rounded (a quadratic curve through each), as points. */
function rounded(way: readonly Point[], k: number): Point[] {
  if (way.length < 3) return way.slice();
  const out: Point[] = [way[0]!];
  for (let i = 1; i < way.length - 1; i++) {
    const [a, c, b] = [way[i - 1]!, way[i]!, way[i + 1]!];
    const la = Math.hypot(c.x - a.x, c.y - a.y),
      lb = Math.hypot(b.x - c.x, b.y - c.y);
    const r = Math.min(ROUND * k, la / 2, lb / 2);
    const p = { x: c.x + ((a.x - c.x) * r) / (la || 1), y: c.y + ((a.y - c.y) * r) / (la || 1) };
    const q = { x: c.x + ((b.x - c.x) * r) / (lb || 1), y: c.y + ((b.y - c.y) * r) / (lb || 1) };
    for (let s = 0; s <= ROUND_STEPS; s++) {
      const t = s / ROUND_STEPS,
        u = 1 - t;
      out.push({ x: u * u * p.x + 2 * u * t * c.x + t * t * q.x, y: u * u * p.y + 2 * u * t * c.y + t * t * q.y });
    }
  }
  out.push(way[way.length - 1]!);
  return out;
}

const length = (way: readonly Point[]) => way.reduce((n, p, i) => (i ? n + Math.hypot(p.x - way[i - 1]!.x, p.y - way[i - 1]!.y) : 0), 0);

/**
 * The boxes the route goes round: every node's (a balancer's, and the VIP badge over it, with a
 * wide berth), and on a wide picture the whole stretch of the balancers.
 */
function obstaclesOf(layout: Layout, halfOf: (node: string) => Half): Obstacle[] {
  const k = layout.type;
  const margin = 8 * k;
  // A phone's tall picture leaves narrow gaps between the balancers and DNS: a smaller berth there.
  const berth = layout.orientation === 'wide' ? 3 * margin : margin;
  const out: Obstacle[] = [];
  for (const [node, p] of pointsOf(layout)) out.push({ node, box: around(p, halfOf(node), isBalancer(node) ? berth : margin) });
  // The VIP badge hangs over whichever balancer holds the VIP: both places are kept off.
  const badge = vipBadgeSize('255.255.255.255:65535', k);
  const badges = BALANCERS.map((lb) => {
    const p = balancerPoint(layout, lb);
    return { x: p.x - badge.w / 2, y: p.y - halfOf(lb).h - 6 * k - badge.h, w: badge.w, h: badge.h };
  });
  for (const b of badges) out.push({ node: '', box: { x: b.x - berth, y: b.y - berth, w: b.w + 2 * berth, h: b.h + berth } });
  if (layout.orientation === 'wide') {
    // The balancers stand one over the other in the middle: a route between them reads as
    // passing through them, so the stretch from the VIP badge down to the standby is one box.
    const boxes = [...BALANCERS.map((lb) => around(balancerPoint(layout, lb), halfOf(lb), 0)), ...badges];
    const x0 = Math.min(...boxes.map((b) => b.x)) - berth,
      y0 = Math.min(...boxes.map((b) => b.y)) - berth;
    const x1 = Math.max(...boxes.map((b) => b.x + b.w)) + berth,
      y1 = Math.max(...boxes.map((b) => b.y + b.h)) + berth;
    out.push({ node: '', box: { x: x0, y: y0, w: x1 - x0, h: y1 - y0 } });
  }
  return out;
}

const centroid = (ps: readonly Point[]): Point => ({
  x: ps.reduce((s, p) => s + p.x, 0) / ps.length,
  y: ps.reduce((s, p) => s + p.y, 0) / ps.length,
});

/**
 * The direct answers' route on this picture, or null when no server or no client is drawn.
 * `halfOf` gives a node's box (as NodeBox usually draws it, by default).
 */
export function directRoutes(layout: Layout, halfOf: (node: string) => Half = (n) => boxHalf(n, layout.type)): DirectRoutes | null {
  const points = pointsOf(layout);
  const servers = [...layout.servers].map(([node, at]) => ({ node, at }));
  const clients = [...points].filter(([n]) => isClient(n)).map(([node, at]) => ({ node, at }));
  if (!servers.length || !clients.length) return null;
  const k = layout.type;
  const obstacles = obstaclesOf(layout, halfOf);
  const corners = cornersOf(obstacles, layout.width, layout.floor);
  const sight = sightOf(corners, [...servers, ...clients], obstacles);
  // The hub keeps away from the balancers (near one, the route reads as passing through it)
  // and from the picture's edge (its label needs room).
  const berth = Math.min(170 * k, 0.3 * Math.min(layout.width, layout.floor));
  const edge = 40 * k;
  let best: { hub: Point; cost: number; ways: (Point[] | null)[] } | null = null;
  for (let i = 1; i < GRID; i++) {
    for (let j = 1; j < GRID; j++) {
      const hub = { x: (layout.width * i) / GRID, y: (layout.floor * j) / GRID };
      if (hub.y < edge || hub.y > layout.floor - edge || hub.x < edge || hub.x > layout.width - edge) continue;
      if (obstacles.some((o) => inside(hub, o.box))) continue;
      const ways = waysFrom(sight, hub);
      if (ways.some((w) => !w)) continue;
      let cost = ways.reduce((n, w) => n + length(w!), 0);
      for (const lb of layout.balancers) cost += 8 * Math.max(0, berth - Math.hypot(hub.x - lb.x, hub.y - lb.y));
      if (!best || cost < best.cost) best = { hub, cost, ways };
    }
  }
  if (!best) return null;
  const from = centroid(servers.map((s) => s.at)),
    to = centroid(clients.map((c) => c.at));
  const len = Math.hypot(to.x - from.x, to.y - from.y) || 1;
  const ways = best.ways.map((w) => rounded(w!, k));
  return {
    hub: best.hub,
    dir: { x: (to.x - from.x) / len, y: (to.y - from.y) / len },
    // The ways run from the hub: a server's leg runs the other way, into it.
    servers: new Map(servers.map((s, i) => [s.node, ways[i]!.slice().reverse()])),
    clients: new Map(clients.map((c, i) => [c.node, ways[servers.length + i]!])),
  };
}

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
