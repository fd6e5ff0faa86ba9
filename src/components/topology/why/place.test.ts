import { describe, expect, it } from 'vitest';
import { topologyOf } from '../../../sim/topology.ts';
import { parseScenario } from '../../../sim/scenario.ts';
import classroom from '../../../scenarios/classroom.json';
import { layoutOf, type Layout } from '../layout.ts';
import { beside, crosses, overlaps, place, placeAll, type Rect, type World } from './place.ts';

/** Node boxes as NodeBox draws them (servers 250×108, balancers 250×84), for a plain stage. */
function worldOf(l: Layout): { world: World; servers: Rect[]; lb: Rect[] } {
  const at = (p: { x: number; y: number }, w: number, h: number): Rect => ({ x: p.x - w / 2, y: p.y - h / 2, w, h });
  const servers = [...l.servers.values()].map((p) => at(p, 250, 108));
  const lb = l.balancers.map((p) => at(p, 250, 84));
  const clients = [...l.clients.values()].map((p) => at(p, 230, 60));
  const links = l.balancers.flatMap((b) => [...l.servers.values()].map((s) => ({ x1: b.x, y1: b.y, x2: s.x, y2: s.y })));
  return {
    world: {
      bounds: { x: 0, y: 0, w: l.width, h: l.height },
      solid: [...servers, ...lb, ...clients, at(l.dns, 450, 84)],
      links,
      soft: [],
    },
    servers,
    lb,
  };
}

const parsed = parseScenario(classroom);
if (!parsed.ok) throw new Error(parsed.error);
const topo = topologyOf(parsed.scenario);

describe('placing tags on the stage', () => {
  it('tells overlaps and crossings', () => {
    expect(overlaps({ x: 0, y: 0, w: 10, h: 10 }, { x: 9, y: 9, w: 5, h: 5 })).toBe(true);
    expect(overlaps({ x: 0, y: 0, w: 10, h: 10 }, { x: 11, y: 0, w: 5, h: 5 })).toBe(false);
    expect(crosses({ x1: -5, y1: 5, x2: 15, y2: 5 }, { x: 0, y: 0, w: 10, h: 10 })).toBe(true);
    expect(crosses({ x1: -5, y1: 20, x2: 15, y2: 20 }, { x: 0, y: 0, w: 10, h: 10 })).toBe(false);
    expect(beside({ x: 100, y: 100, w: 50, h: 20 }, { w: 30, h: 10 }, 'left')).toEqual({ x: 62, y: 105, w: 30, h: 10 });
  });

  for (const orientation of ['wide', 'tall'] as const) {
    it(`puts a bar by every server, covering no node, in the ${orientation} picture`, () => {
      const l = layoutOf(topo, orientation);
      const { world, servers } = worldOf(l);
      const spots = placeAll(servers, { w: 272, h: 48 }, ['left', 'above', 'below', 'right'], world);
      expect(spots.every((s) => s !== null)).toBe(true);
      for (const s of spots) {
        for (const solid of world.solid) expect(overlaps(s!, solid)).toBe(false);
        expect(s!.x >= 0 && s!.y >= 0 && s!.x + s!.w <= l.width && s!.y + s!.h <= l.height).toBe(true);
      }
      // One side for all: the bars read as a column (wide) or a row (tall).
      const side = spots.map((s, i) => Math.sign(Math.round(s!.x - servers[i]!.x)));
      expect(new Set(side).size).toBe(1);
    });
  }

  it('finds a free side by a balancer for the hash tag and the ring', () => {
    const l = layoutOf(topo, 'wide');
    const { world, lb } = worldOf(l);
    const tag = place(lb[0]!, { w: 380, h: 50 }, ['right', 'left', 'below', 'above'], world);
    expect(tag).not.toBeNull();
    expect(world.solid.some((s) => overlaps(tag!, s))).toBe(false);
  });

  it('gives up rather than cover a node', () => {
    const box = { x: 0, y: 0, w: 100, h: 100 };
    expect(place(box, { w: 50, h: 50 }, ['left'], { bounds: box, solid: [box], links: [], soft: [] })).toBeNull();
  });
});
