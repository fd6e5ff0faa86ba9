import { balancerIndex, type BalancerName } from '../../sim/nodes.ts';
import type { Topology } from '../../sim/topology.ts';

/**
 * Where each node sits in the drawing. Wide screens read a request left to right (clients,
 * the balancers, servers) in a 1600×900 picture. A phone's stage is too narrow for that: the
 * same picture would put addresses at 5 px, so it reads top to bottom in a picture 900 units
 * wide (clients in rows of three, DNS and the balancers, servers in rows of three), which
 * keeps labels at 9 px or more on a 390 px screen. The last row has room under it for the
 * algorithm's bars when a server's box grows with status lines.
 */
export type Orientation = 'wide' | 'tall';

export interface Point {
  x: number;
  y: number;
}

export interface Layout {
  orientation: Orientation;
  width: number;
  height: number;
  clients: Map<string, Point>;
  dns: Point;
  balancers: [Point, Point];
  servers: Map<string, Point>;
  /** Where the column (or row) titles "Clients" and "Servers" are written. */
  titles: { clients: Point; servers: Point };
}

export function balancerPoint(layout: Layout, name: BalancerName): Point {
  return layout.balancers[balancerIndex(name)];
}

/** Below this stage width (CSS px) the tall picture reads better than the wide one. */
export const TALL_BELOW_PX = 640;

function spread(n: number, from: number, to: number): number[] {
  if (n === 1) return [(from + to) / 2];
  const gap = (to - from) / (n - 1);
  return Array.from({ length: n }, (_, i) => from + i * gap);
}

function wide(t: Topology): Layout {
  const cy = spread(t.clients.length, 220, 820);
  const sy = spread(t.servers.length, 150, 800);
  return {
    orientation: 'wide',
    width: 1600,
    height: 900,
    clients: new Map(t.clients.map((c, i) => [c.address, { x: 150, y: cy[i]! }])),
    dns: { x: 490, y: 110 },
    balancers: [
      { x: 760, y: 330 },
      { x: 1120, y: 650 },
    ],
    servers: new Map(t.servers.map((s, i) => [s.id, { x: 1420, y: sy[i]! }])),
    titles: { clients: { x: 150, y: 60 }, servers: { x: 1420, y: 60 } },
  };
}

const PER_ROW = 3;
const TALL_W = 900;

/** Rows of three, centred: the last row's boxes sit in the middle when it is not full. */
function rows<T>(items: readonly T[], top: number, rowGap: number): Map<T, Point> {
  const at = new Map<T, Point>();
  items.forEach((item, i) => {
    const row = Math.floor(i / PER_ROW);
    const inRow = Math.min(PER_ROW, items.length - row * PER_ROW);
    const xs = spread(inRow, 150, TALL_W - 150);
    at.set(item, { x: inRow === 1 ? TALL_W / 2 : xs[i % PER_ROW]!, y: top + row * rowGap });
  });
  return at;
}

function tall(t: Topology): Layout {
  const clientRows = Math.ceil(t.clients.length / PER_ROW);
  const serverRows = Math.ceil(t.servers.length / PER_ROW);
  const clients = rows(
    t.clients.map((c) => c.address),
    110,
    100,
  );
  const afterClients = 110 + (clientRows - 1) * 100;
  const lb1 = { x: 640, y: afterClients + 250 };
  const lb2 = { x: 260, y: afterClients + 400 };
  const serverTop = afterClients + 620;
  const servers = rows(
    t.servers.map((s) => s.id),
    serverTop,
    170,
  );
  return {
    orientation: 'tall',
    width: TALL_W,
    height: serverTop + (serverRows - 1) * 170 + 170,
    clients,
    dns: { x: 245, y: afterClients + 140 },
    balancers: [lb1, lb2],
    servers: servers,
    titles: { clients: { x: TALL_W / 2, y: 44 }, servers: { x: TALL_W / 2, y: serverTop - 95 } },
  };
}

export function layoutOf(t: Topology, orientation: Orientation = 'wide'): Layout {
  return orientation === 'tall' ? tall(t) : wide(t);
}
