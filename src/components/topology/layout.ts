import type { Topology } from '../../sim/topology.ts';

/** Where each node sits in the topology's 1600×900 drawing; a request reads left to right. */
export const VIEW_W = 1600;
export const VIEW_H = 900;

export interface Point {
  x: number;
  y: number;
}

export interface Layout {
  clients: Map<string, Point>;
  dns: Point;
  balancers: Point[];
  servers: Map<string, Point>;
}

function column(n: number, top: number, bottom: number): number[] {
  if (n === 1) return [(top + bottom) / 2];
  const gap = (bottom - top) / (n - 1);
  return Array.from({ length: n }, (_, i) => top + i * gap);
}

export function layoutOf(t: Topology): Layout {
  const cy = column(t.clients.length, 220, 820);
  const sy = column(t.servers.length, 150, 800);
  return {
    clients: new Map(t.clients.map((c, i) => [c.address, { x: 150, y: cy[i]! }])),
    dns: { x: 490, y: 110 },
    balancers: [{ x: 760, y: 330 }, { x: 1120, y: 650 }],
    servers: new Map(t.servers.map((s, i) => [s.id, { x: 1420, y: sy[i]! }])),
  };
}
