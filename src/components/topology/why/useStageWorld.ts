import { useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { isBalancer } from '../../../sim/nodes.ts';
import { pointsOf, type Layout } from '../layout.ts';
import { halvesOf } from '../packetGeometry.ts';
import { dotRadius, queueArea, queuePlace } from '../queueGeometry.ts';
import { drawnBoxes, rectBox } from '../nodeBoxes.ts';
import type { Rect, Segment, World } from './place.ts';

/** The stage as the tags must see it: what is drawn where, and how large its type is. */
export interface StageWorld {
  world: World;
  /** Each node's box (with any text that spills out of it), by data-node id. */
  nodes: Map<string, Rect>;
  /** The stage's type scale (layout.type: larger in classroom mode and on a large stage): tags grow with it. */
  scale: number;
}

function box(el: SVGGraphicsElement): Rect {
  const b = el.getBBox();
  return { x: b.x, y: b.y, w: b.width, h: b.height };
}

/** What only changes with the type: the column titles' boxes. */
interface TextMeasure {
  key: string;
  titles: Rect[];
}

/**
 * getBBox forces a layout of the whole drawing, packets included: done only
 * when the type can have changed (picture, language, classroom mode), not at every commit.
 */
function measureText(svg: SVGSVGElement, layout: Layout, last: TextMeasure | null): TextMeasure {
  const titles = [...svg.querySelectorAll<SVGTextElement>('.column-title')];
  const key = [
    layout.orientation,
    layout.width,
    layout.height,
    layout.floor,
    layout.type,
    document.documentElement.className,
    ...titles.map((t) => t.textContent),
  ].join(' ');
  if (last?.key === key) return last;
  return { key, titles: titles.map(box) };
}

const CROSS = /translate\(([-\d.]+),([-\d.]+)\)/;
/** The ✕ on a marked-down link (Links.tsx), with its outline. */
const CROSS_R = 12;

function measure(svg: SVGSVGElement, layout: Layout, text: TextMeasure): StageWorld {
  const nodes: Map<string, Rect> = drawnBoxes(svg);
  const solid: Rect[] = [...text.titles, ...nodes.values()];
  const vip = rectBox(svg.querySelector('.vip-badge > rect'));
  if (vip) solid.push(vip);
  for (const el of svg.querySelectorAll('.link-cross')) {
    const m = CROSS.exec(el.getAttribute('transform') ?? '');
    if (m) solid.push({ x: Number(m[1]) - CROSS_R, y: Number(m[2]) - CROSS_R, w: 2 * CROSS_R, h: 2 * CROSS_R });
  }
  const links: Segment[] = [];
  for (const l of svg.querySelectorAll<SVGLineElement>('line.link')) {
    links.push({ x1: l.x1.baseVal.value, y1: l.y1.baseVal.value, x2: l.x2.baseVal.value, y2: l.y2.baseVal.value });
  }
  // Where packets wait at a server or a balancer: the packet layer's own queue places.
  const soft: Rect[] = [];
  const points = pointsOf(layout);
  const halves = halvesOf(points, nodes);
  const r = 0.75 * dotRadius(document.documentElement.classList.contains('classroom'));
  for (const id of nodes.keys()) {
    if (!layout.servers.has(id) && !isBalancer(id)) continue;
    const area = queueArea(queuePlace(id, points, halves, r, layout), r);
    if (area) soft.push(area);
  }
  return {
    world: { bounds: { x: 0, y: 0, w: layout.width, h: layout.floor }, solid, links, soft },
    nodes,
    scale: layout.type,
  };
}

const round = (r: Rect) => `${Math.round(r.x)},${Math.round(r.y)},${Math.round(r.w)},${Math.round(r.h)}`;
function keyOf(w: StageWorld): string {
  return [
    w.scale.toFixed(2),
    ...[...w.nodes].map(([id, r]) => `${id}:${round(r)}`),
    ...w.world.solid.map(round),
    ...w.world.links.map((l) => `${l.x1},${l.y1},${l.x2},${l.y2}`),
  ].join(' ');
}

/**
 * Reads the drawing after a render that may have moved it (`watch` changes: the committed
 * time, the language; node boxes grow with status lines and with classroom type), and renders
 * again only when something moved. Per commit it reads attributes only; text is measured when
 * the type changes.
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
  const text = useRef<TextMeasure | null>(null);
  useLayoutEffect(() => {
    const svg = anchor.current?.ownerSVGElement;
    if (!svg) return;
    text.current = measureText(svg, layout, text.current);
    const w = measure(svg, layout, text.current);
    const key = keyOf(w);
    // Measuring the drawn boxes is the point: their sizes exist only once they are in the DOM.
    // oxlint-disable-next-line react/set-state-in-effect -- a layout measurement, settled before paint
    if (key !== state?.key) setState({ key, world: w });
  }, [anchor, layout, watch, tick, state?.key]);
  return state?.world ?? null;
}
