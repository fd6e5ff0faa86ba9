import { useEffect, useLayoutEffect, useState, type RefObject } from 'react';
import type { Layout } from '../layout.ts';
import type { Rect, Segment, World } from './place.ts';

/** The stage as the tags must see it: what is drawn where, and how large its type is. */
export interface StageWorld {
  world: World;
  /** Each node's box (with any text that spills out of it), by data-node id. */
  nodes: Map<string, Rect>;
  /** The type's scale against the plain stage (classroom mode draws it larger): tags grow with it. */
  scale: number;
}

function box(el: SVGGraphicsElement): Rect {
  const b = el.getBBox();
  return { x: b.x, y: b.y, w: b.width, h: b.height };
}

/** Where packets wait at a node (PacketLayer stacks them in rows of six under its centre). */
function waiting(p: { x: number; y: number }): Rect {
  return { x: p.x - 86, y: p.y + 46, w: 186, h: 62 };
}

function measure(svg: SVGSVGElement, layout: Layout): StageWorld {
  const nodes = new Map<string, Rect>();
  const solid: Rect[] = [];
  for (const g of svg.querySelectorAll<SVGGElement>('g.node[data-node]')) {
    const r = box(g);
    nodes.set(g.dataset.node!, r);
    solid.push(r);
  }
  for (const el of svg.querySelectorAll<SVGGraphicsElement>('.column-title, .vip-badge, .link-cross')) solid.push(box(el));
  const links: Segment[] = [];
  for (const l of svg.querySelectorAll<SVGLineElement>('line.link')) {
    links.push({ x1: l.x1.baseVal.value, y1: l.y1.baseVal.value, x2: l.x2.baseVal.value, y2: l.y2.baseVal.value });
  }
  const soft = [...layout.balancers, ...layout.servers.values()].map(waiting);
  const title = svg.querySelector('.node-title');
  const base = layout.orientation === 'tall' ? 27 : 26;
  const size = title ? parseFloat(getComputedStyle(title).fontSize) : base;
  const scale = Number.isFinite(size) ? Math.max(1, Math.min(1.6, size / base)) : 1;
  return { world: { bounds: { x: 0, y: 0, w: layout.width, h: layout.height }, solid, links, soft }, nodes, scale };
}

const round = (r: Rect) => `${Math.round(r.x)},${Math.round(r.y)},${Math.round(r.w)},${Math.round(r.h)}`;
function keyOf(w: StageWorld): string {
  return [w.scale.toFixed(2), ...[...w.nodes].map(([id, r]) => `${id}:${round(r)}`), ...w.world.solid.map(round),
    ...w.world.links.map((l) => `${l.x1},${l.y1},${l.x2},${l.y2}`)].join(' ');
}

/**
 * Measures the drawing after a render that may have moved it (`watch` changes: the committed
 * time, the language; node boxes grow with status lines and with classroom type), and renders
 * again only when something moved: a handful of getBBox calls per commit.
 */
export function useStageWorld(anchor: RefObject<SVGGElement | null>, layout: Layout, watch: string): StageWorld | null {
  const [state, setState] = useState<{ key: string; world: StageWorld } | null>(null);
  const [tick, remeasure] = useState(0);
  // Classroom mode changes the type by a class on <html>, after React has drawn: look again then.
  useEffect(() => {
    const o = new MutationObserver(() => remeasure((n) => n + 1));
    o.observe(document.documentElement, { attributes: true, attributeFilter: ['class'] });
    return () => o.disconnect();
  }, []);
  useLayoutEffect(() => {
    const svg = anchor.current?.ownerSVGElement;
    if (!svg) return;
    const w = measure(svg, layout);
    const key = keyOf(w);
    // Measuring the drawn boxes is the point: their sizes exist only once they are in the DOM.
    // oxlint-disable-next-line react/set-state-in-effect -- a layout measurement, settled before paint
    if (key !== state?.key) setState({ key, world: w });
  }, [anchor, layout, watch, tick, state?.key]);
  return state?.world ?? null;
}
