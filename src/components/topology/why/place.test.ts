import { describe, expect, it } from 'vitest';
import { topologyOf } from '../../../sim/topology.ts';
import { parseScenario } from '../../../sim/scenario.ts';
import classroom from '../../../scenarios/classroom.json';
import { layoutOf, typeScale, vipBadgeSize, type Layout } from '../layout.ts';
import { boxHalf } from '../nodeBoxes.ts';
import { hashTagSize } from './HashTag.tsx';
import { beside, crosses, inside, overlaps, place, placeAll, type Rect, type World } from './place.ts';
import { BAR_SIZE } from './ServerGlyphs.tsx';

/** Node boxes as NodeBox draws them at the layout's type scale. */
function worldOf(l: Layout): { world: World; servers: Rect[]; lb: Rect[] } {
  const at = (p: { x: number; y: number }, node: string): Rect => {
    const h = boxHalf(node, l.type);
    return { x: p.x - h.w, y: p.y - h.h, w: 2 * h.w, h: 2 * h.h };
  };
  const servers = [...l.servers].map(([id, p]) => at(p, id));
  const lb = l.balancers.map((p, i) => at(p, `lb${i + 1}`));
  const clients = [...l.clients].map(([ip, p]) => at(p, `client:${ip}`));
  // The VIP badge over lb1, as VipBadge draws it.
  const badge = vipBadgeSize(topo.vip, l.type);
  const vip = { x: l.balancers[0].x - badge.w / 2, y: lb[0]!.y - 6 * l.type - badge.h, ...badge };
  const links = l.balancers.flatMap((b) => [...l.servers.values()].map((s) => ({ x1: b.x, y1: b.y, x2: s.x, y2: s.y })));
  return {
    world: {
      bounds: { x: 0, y: 0, w: l.width, h: l.height },
      solid: [...servers, ...lb, ...clients, at(l.dns, 'dns'), vip],
      links,
      soft: [],
    },
    servers,
    lb,
  };
}

/** The stages the lab is used at: a laptop, a projector in classroom mode, a tablet, a phone. */
const STAGES = [
  { name: 'laptop', orientation: 'wide', size: { width: 940, height: 540 }, classroom: false },
  { name: 'projector', orientation: 'wide', size: { width: 1380, height: 820 }, classroom: true },
  { name: 'laptop in classroom mode', orientation: 'wide', size: { width: 900, height: 500 }, classroom: true },
  { name: 'tablet', orientation: 'wide', size: { width: 796, height: 494 }, classroom: false },
  { name: 'phone', orientation: 'tall', size: { width: 366, height: 0 }, classroom: false },
] as const;

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

  for (const stage of STAGES) {
    it(`puts a bar by every server, covering no node, on a ${stage.name}'s stage`, () => {
      const l = layoutOf(topo, stage.orientation, stage.size, typeScale(stage.size.width, stage.classroom));
      const { world, servers } = worldOf(l);
      // No two nodes overlap, and every one is inside the picture.
      world.solid.forEach((a, i) => {
        expect(inside(a, world.bounds), `node ${i}`).toBe(true);
        world.solid.slice(i + 1).forEach((b, j) => expect(overlaps(a, b), `nodes ${i} and ${i + 1 + j}`).toBe(false));
      });
      const size = { w: BAR_SIZE.w * l.type, h: BAR_SIZE.h * l.type };
      const spots = placeAll(servers, size, ['left', 'above', 'below', 'right'], world);
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
    const l = layoutOf(topo, 'wide', STAGES[0].size);
    const { world, lb } = worldOf(l);
    const tag = place(lb[0]!, hashTagSize('hash(203.0.113) → s2'), ['right', 'left', 'below', 'above'], world);
    expect(tag).not.toBeNull();
    expect(world.solid.some((s) => overlaps(tag!, s))).toBe(false);
  });

  it('gives up rather than cover a node', () => {
    const box = { x: 0, y: 0, w: 100, h: 100 };
    expect(place(box, { w: 50, h: 50 }, ['left'], { bounds: box, solid: [box], links: [], soft: [] })).toBeNull();
  });
});
