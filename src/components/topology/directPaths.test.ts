import { describe, expect, it } from 'vitest';
import classroom from '../../scenarios/classroom.json';
import { BALANCERS, isClient } from '../../sim/nodes.ts';
import { scenarioOf } from '../../sim/test/helpers.ts';
import { topologyOf } from '../../sim/topology.ts';
import { directRoutes } from './directPaths.ts';
import { directWay, labelPlace, wayAt } from './directWay.ts';
import { layoutOf, pointsOf, typeScale, vipBadgeSize, type Layout, type Point } from './layout.ts';
import { boxHalf } from './nodeBoxes.ts';

/** The stages the page draws: a laptop's, a projector's in classroom mode, phones' tall pictures. */
const topo = topologyOf(scenarioOf({ ...classroom, forwarding: 'dr' }));
const pictures: [string, Layout][] = [
  ['1280 laptop', layoutOf(topo, 'wide', { width: 945, height: 515 }, typeScale(945, false), 50)],
  ['1920 classroom', layoutOf(topo, 'wide', { width: 1430, height: 740 }, typeScale(1430, true), 60)],
  ['wide and short', layoutOf(topo, 'wide', { width: 700, height: 460 }, typeScale(700, false), 50)],
  ['390 phone', layoutOf(topo, 'tall', { width: 360, height: 0 }, typeScale(360, false))],
  ['600 tablet', layoutOf(topo, 'tall', { width: 600, height: 0 }, typeScale(600, false))],
];

/** How far a point is from a box (0 inside it). */
function apart(p: Point, at: Point, half: { w: number; h: number }): number {
  return Math.hypot(Math.max(0, Math.abs(p.x - at.x) - half.w), Math.max(0, Math.abs(p.y - at.y) - half.h));
}

describe.each(pictures)('the direct answers’ route on a %s stage', (_, layout) => {
  const k = layout.type;
  const routes = directRoutes(layout)!;
  const points = pointsOf(layout);
  const clients = [...points.keys()].filter(isClient);
  const ways = [...layout.servers.keys()].flatMap((s) =>
    clients.map((c) => ({ s, c, way: directWay(routes, s, c, boxHalf(s, k), boxHalf(c, k))! })),
  );
  const along = (way: (typeof ways)[number]['way']) => Array.from({ length: 201 }, (_, i) => wayAt(way, i / 200, { x: 0, y: 0 }));

  it('has a leg for each server and each client, from its centre to the hub', () => {
    expect([...routes.servers.keys()]).toEqual([...layout.servers.keys()]);
    expect([...routes.clients.keys()]).toEqual(clients);
    for (const [s, leg] of routes.servers) {
      expect(leg[0]).toEqual(points.get(s));
      expect(leg.at(-1)).toEqual(routes.hub);
    }
    for (const [c, leg] of routes.clients) {
      expect(leg[0]).toEqual(routes.hub);
      expect(leg.at(-1)).toEqual(points.get(c));
    }
  });

  it('no answer enters a balancer or the VIP badge over one (the answer passes the balancer by)', () => {
    const badge = vipBadgeSize(topo.vip, k);
    for (const { way } of ways) {
      for (const p of along(way)) {
        for (const lb of BALANCERS) {
          const at = points.get(lb)!;
          expect(apart(p, at, boxHalf(lb, k))).toBeGreaterThan(0);
          const top = at.y - boxHalf(lb, k).h - 6 * k - badge.h;
          expect(apart(p, { x: at.x, y: top + badge.h / 2 }, { w: badge.w / 2, h: badge.h / 2 })).toBeGreaterThan(0);
        }
      }
    }
  });

  // Only a wide stage places the balancers side by side (a narrow one stacks them): asked there alone.
  if (layout.orientation === 'wide')
    it('on a wide stage, none passes between the two balancers', () => {
      const [a, b] = layout.balancers;
      for (const { way } of ways) {
        for (const p of along(way)) {
          const between = p.y > a.y && p.y < b.y && p.x > Math.min(a.x, b.x) - 60 && p.x < Math.max(a.x, b.x) + 60;
          expect(between).toBe(false);
        }
      }
    });

  it('a packet starts outside its server’s box and stops outside its client’s, inside the picture', () => {
    for (const { s, c, way } of ways) {
      expect(apart(wayAt(way, 0, { x: 0, y: 0 }), points.get(s)!, boxHalf(s, k))).toBeGreaterThan(0);
      expect(apart(wayAt(way, 1, { x: 0, y: 0 }), points.get(c)!, boxHalf(c, k))).toBeGreaterThan(0);
      for (const p of along(way)) {
        expect(p.x).toBeGreaterThanOrEqual(0);
        expect(p.x).toBeLessThanOrEqual(layout.width);
        expect(p.y).toBeGreaterThanOrEqual(0);
        expect(p.y).toBeLessThanOrEqual(layout.floor);
      }
    }
  });

  it('the label "direct answer" stays in the picture and covers no balancer', () => {
    const { rect } = labelPlace(routes, layout, 13 * 0.6);
    expect(rect.x).toBeGreaterThanOrEqual(0);
    expect(rect.x + rect.w).toBeLessThanOrEqual(layout.width);
    for (const lb of BALANCERS) {
      const at = points.get(lb)!,
        h = boxHalf(lb, k);
      const overlaps = rect.x < at.x + h.w && at.x - h.w < rect.x + rect.w && rect.y < at.y + h.h && at.y - h.h < rect.y + rect.h;
      expect(overlaps).toBe(false);
    }
  });
});
