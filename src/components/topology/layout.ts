import { balancerIndex, BALANCERS, clientNodeId, DNS_NODE, type BalancerName } from '../../sim/nodes.ts';
import type { Topology } from '../../sim/topology.ts';
import { boxSize, TYPE, USUAL } from './nodeBoxes.ts';

/**
 * Where each node sits in the drawing. The drawing is in SCREEN PIXELS: the SVG's viewBox is
 * the drawing area's size in CSS px (useStageSize measures it), so one picture unit is one
 * screen pixel, and every size on the stage (type, boxes, strokes, packets) is plain px. The
 * nodes are spread over whatever size the stage has; nothing is scaled to fit.
 *
 * Wide stages read a request left to right (clients, the balancers, servers). A phone's stage
 * is too narrow for that: it reads top to bottom (clients in rows, DNS and the balancers,
 * servers in rows), as tall as it needs; the page scrolls.
 */
export type Orientation = 'wide' | 'tall';

export interface Point {
  x: number;
  y: number;
}

export interface Size {
  width: number;
  height: number;
}

export interface Layout {
  orientation: Orientation;
  /** The picture's size in px: the viewBox, equal to the SVG's size on screen (1 unit = 1 px). */
  width: number;
  height: number;
  /**
   * The type scale: 1 on a laptop's stage, about 1.5 in classroom mode at 1920, 0.86 on a
   * phone. Node boxes and the type in them (styles.css's `--stage-type`) are their base px
   * times this.
   */
  type: number;
  clients: Map<string, Point>;
  dns: Point;
  balancers: [Point, Point];
  servers: Map<string, Point>;
  /** The bottom of the part nodes and tags may use: `height` less the legend laid over the bottom edge. */
  floor: number;
  /** Where the column (or row) titles "Clients" and "Servers" are written (their baselines). */
  titles: { clients: Point; servers: Point };
}

export function balancerPoint(layout: Layout, name: BalancerName): Point {
  return layout.balancers[balancerIndex(name)];
}

/** Where each node id ("client:<ip>", "dns", "lb1", a server's name) is drawn. */
export function pointsOf(layout: Layout): Map<string, Point> {
  const m = new Map<string, Point>([[DNS_NODE, layout.dns]]);
  for (const name of BALANCERS) m.set(name, balancerPoint(layout, name));
  for (const [ip, p] of layout.clients) m.set(clientNodeId(ip), p);
  for (const [name, p] of layout.servers) m.set(name, p);
  return m;
}

/** Below this stage width (CSS px) the tall picture reads better than the wide one. */
export const TALL_BELOW_PX = 640;

/** The size before the stage is measured (server rendering, jsdom tests, the first frame). */
export const DEFAULT_SIZE: Size = { width: 960, height: 560 };

/** Margin between the picture's edge and the boxes, in px. */
const EDGE = 12;
/** The width of the why's current-weight bars beside a server at type scale 1 (ServerGlyphs' BAR_SIZE). */
const BARS = 136;

/**
 * The type scale for a stage `width` px wide: type grows with the stage up to a limit, larger
 * in classroom mode (projector type at 1920 without crowding a 1280 stage), never under 0.86
 * (12 px notes) on a phone.
 */
export function typeScale(width: number, classroom: boolean): number {
  const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
  return classroom ? clamp(width / 900, 1.25, 1.6) : clamp(width / 940, 0.86, 1.2);
}

/** The VIP badge's size ("VIP 198.51.100.1:80" in monospace type, 0.6 of the type a character), as VipBadge draws it. */
export function vipBadgeSize(vip: string, k: number): { w: number; h: number } {
  return { w: ([...`VIP ${vip}`].length * 0.61 * TYPE.vip + 24) * k, h: TYPE.vip * 1.8 * k };
}

function spread(n: number, from: number, to: number): number[] {
  if (n === 1) return [(from + to) / 2];
  const gap = (to - from) / (n - 1);
  return Array.from({ length: n }, (_, i) => from + i * gap);
}

function wide(t: Topology, { width: W, height: full }: Size, k: number, reserve: number): Layout {
  // The nodes keep above the legend laid over the bottom edge.
  const H = full - reserve;
  const client = boxSize('client', USUAL.client, k);
  const server = boxSize('server', USUAL.server, k);
  const balancer = boxSize('balancer', USUAL.balancer, k);
  const dns = boxSize('dns', USUAL.dns, k);
  const titleY = EDGE + TYPE.column * k;
  const top = titleY + 10 * k;
  const cx = EDGE + client.w / 2;
  // Room right of the servers for their waiting packets, and under the last for a status line.
  const sx = W - EDGE - 40 * k - server.w / 2;
  const cy = spread(t.clients.length, top + client.h / 2 + 50 * k, H - EDGE - client.h / 2);
  const sy = spread(t.servers.length, top + server.h / 2, H - EDGE - server.h / 2 - 20 * k);
  // DNS near the top, between the clients and the first balancer; the VIP badge sits over lb1.
  const dnsX = Math.max(cx + client.w / 2 + dns.w / 2 + 30 * k, 0.3 * W);
  // The standby down to the right, but clear of the algorithm's bars left of the servers (BARS).
  const lb2x = Math.max(
    Math.min(0.62 * W, sx - server.w / 2 - BARS * k - balancer.w / 2 - 24 * k),
    cx + client.w / 2 + 40 * k + balancer.w / 2,
  );
  return {
    orientation: 'wide',
    width: W,
    height: full,
    floor: H,
    type: k,
    clients: new Map(t.clients.map((c, i) => [c.address, { x: cx, y: cy[i]! }])),
    dns: { x: dnsX, y: top + dns.h / 2 },
    balancers: [
      { x: Math.max(0.44 * W, cx + client.w / 2 + 40 * k + balancer.w / 2), y: Math.max(0.38 * H, top + dns.h + 70 * k + balancer.h / 2) },
      { x: lb2x, y: 0.76 * H },
    ],
    servers: new Map(t.servers.map((s, i) => [s.id, { x: sx, y: sy[i]! }])),
    titles: { clients: { x: cx, y: titleY }, servers: { x: sx, y: titleY } },
  };
}

/** Up to three in a row, fewer when three boxes of width `w` do not fit. */
function perRow(W: number, w: number): number {
  return Math.max(1, Math.min(3, Math.floor((W - 2 * EDGE + 10) / (w + 10))));
}

/** Rows of `n`, centred: the last row's boxes sit in the middle when it is not full. */
function rows<T>(items: readonly T[], n: number, W: number, w: number, top: number, rowGap: number): Map<T, Point> {
  const at = new Map<T, Point>();
  items.forEach((item, i) => {
    const row = Math.floor(i / n);
    const inRow = Math.min(n, items.length - row * n);
    const xs = spread(inRow, EDGE + w / 2, W - EDGE - w / 2);
    at.set(item, { x: inRow === 1 ? W / 2 : xs[i % n]!, y: top + row * rowGap });
  });
  return at;
}

function tall(t: Topology, W: number, k: number): Layout {
  const client = boxSize('client', USUAL.client, k);
  const server = boxSize('server', USUAL.server, k);
  const balancer = boxSize('balancer', USUAL.balancer, k);
  const dns = boxSize('dns', USUAL.dns, k);
  const cn = perRow(W, client.w),
    sn = perRow(W, server.w);
  const clientRows = Math.ceil(t.clients.length / cn);
  const serverRows = Math.ceil(t.servers.length / sn);
  const titleY = EDGE + TYPE.column * k;
  const clientTop = titleY + 12 * k + client.h / 2;
  const clientGap = client.h + 14 * k;
  const clients = rows(
    t.clients.map((c) => c.address),
    cn,
    W,
    client.w,
    clientTop,
    clientGap,
  );
  const afterClients = clientTop + (clientRows - 1) * clientGap + client.h / 2;
  // DNS on the left, lb1 on the right under the VIP badge (kept inside the picture), lb2 under DNS on the left.
  const dnsAt = { x: EDGE + dns.w / 2, y: afterClients + 40 * k + dns.h / 2 };
  const lb1 = { x: W - EDGE - Math.max(balancer.w, vipBadgeSize(t.vip, k).w) / 2, y: afterClients + 70 * k + balancer.h / 2 };
  const lb2 = {
    x: Math.max(EDGE + balancer.w / 2, 0.3 * W),
    y: Math.max(dnsAt.y + dns.h / 2, lb1.y + balancer.h / 2) + 50 * k + balancer.h / 2,
  };
  // Room above and below each row of servers for the algorithm's bars.
  const serverTitle = lb2.y + balancer.h / 2 + 40 * k + TYPE.column * k;
  const serverGap = server.h + 64 * k;
  const serverTop = serverTitle + 46 * k + server.h / 2;
  const servers = rows(
    t.servers.map((s) => s.id),
    sn,
    W,
    server.w,
    serverTop,
    serverGap,
  );
  const height = Math.ceil(serverTop + (serverRows - 1) * serverGap + server.h / 2 + 56 * k + EDGE);
  return {
    orientation: 'tall',
    width: W,
    height,
    floor: height,
    type: k,
    clients,
    dns: dnsAt,
    balancers: [lb1, lb2],
    servers,
    titles: { clients: { x: W / 2, y: titleY }, servers: { x: W / 2, y: serverTitle } },
  };
}

/**
 * The picture for a stage of `size` px (the tall one takes only the width: its height is what
 * its rows need), at type scale `type` (typeScale; 1 when not given), its nodes clear of the
 * `reserve` px at the bottom that a legend laid over the wide picture takes.
 */
export function layoutOf(t: Topology, orientation: Orientation = 'wide', size: Size = DEFAULT_SIZE, type = 1, reserve = 0): Layout {
  return orientation === 'tall' ? tall(t, size.width, type) : wide(t, size, type, reserve);
}
