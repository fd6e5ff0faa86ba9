import { BALANCERS, isBalancer, isClient } from '../../sim/nodes.ts';
import { around, inside, type DirectRoutes } from './directWay.ts';
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
/** Hub places tried: a grid of this many columns and rows over the picture. */
const GRID = 20;

/** A box to go round: whose it is (a leg may leave its own node's box; '' for a VIP badge or the balancers' stretch), and its size. */
interface Obstacle {
  node: string;
  box: Box;
}

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
    const x0 = boxes.reduce((m, b) => Math.min(m, b.x), Infinity) - berth,
      y0 = boxes.reduce((m, b) => Math.min(m, b.y), Infinity) - berth;
    const x1 = boxes.reduce((m, b) => Math.max(m, b.x + b.w), -Infinity) + berth,
      y1 = boxes.reduce((m, b) => Math.max(m, b.y + b.h), -Infinity) + berth;
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
