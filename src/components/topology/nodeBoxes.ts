import { isBalancer, isClient, isDns } from '../../sim/nodes.ts';

/**
 * A node's box: how large NodeBox draws it, and where the drawing put it. Every node's group
 * carries `data-node` with the drawing's id (`client:<ip>`, `dns`, `lb1`, `s2`), the one key
 * by which packets, marks and tags find the box they must keep off.
 */

export type NodeKind = 'client' | 'dns' | 'balancer' | 'server';

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Half {
  w: number;
  h: number;
}

export function nodeKind(node: string): NodeKind {
  if (isClient(node)) return 'client';
  if (isDns(node)) return 'dns';
  return isBalancer(node) ? 'balancer' : 'server';
}

/** What a box holds besides its title: each line makes it taller, a status line wider. */
export interface BoxContent {
  subtitle?: boolean;
  note?: boolean;
  /** Lines about its health. */
  status?: number;
}

/**
 * Type on the stage, in screen px at type scale 1 (a laptop). The drawing is in screen pixels
 * (layout.ts), so these are the sizes the class sees; styles.css writes the same numbers times
 * `--stage-type`, the scale Topology sets on the SVG (larger in classroom mode and on a large
 * stage, smaller on a phone).
 */
export const TYPE = { title: 17, sub: 15, note: 14, status: 14, column: 15, vip: 15 } as const;
const LINE = 1.3;
/** Room above the first line and under the last. */
const PAD = 6;
/** Box widths at type scale 1: the longest usual line ("10.0.0.11:8080" in 15 px mono) and some air. */
const WIDTH: Record<NodeKind, number> = { client: 140, dns: 170, balancer: 150, server: 152 };
/** A server with status lines ("down for lb1", "연결 거부") is a little wider. */
const STATUS_WIDTH = 176;

/** Height of one status line at type scale 1. */
export const STATUS_LINE = TYPE.status * LINE;

/** Where a box's lines are written: baselines measured from the box's top edge, in px. */
export interface BoxLines {
  title: number;
  sub?: number;
  note?: number;
  /** The i-th status line's baseline. */
  status: (i: number) => number;
}

/** A line of type `size` that starts at `top`: its baseline sits a size below its top (1.3 line height). */
const baseline = (top: number, size: number) => top + size;

/** The box's size at type scale `k`, the height of its part above the status lines, and where its lines go. */
export function boxSize(kind: NodeKind, c: BoxContent, k = 1): { w: number; h: number; base: number; lines: BoxLines } {
  const status = c.status ?? 0;
  let y = PAD * k;
  const title = baseline(y, TYPE.title * k);
  y += TYPE.title * LINE * k;
  let sub: number | undefined, note: number | undefined;
  if (c.subtitle) {
    sub = baseline(y, TYPE.sub * k);
    y += TYPE.sub * LINE * k;
  }
  if (c.note) {
    note = baseline(y, TYPE.note * k);
    y += TYPE.note * LINE * k;
  }
  const base = y + PAD * k;
  const w = (kind === 'server' && status > 0 ? STATUS_WIDTH : WIDTH[kind]) * k;
  const line = STATUS_LINE * k;
  return {
    w,
    h: base + status * line,
    base,
    lines: { title, sub, note, status: (i) => baseline(base - PAD * k + i * line, TYPE.status * k) },
  };
}

/** What each kind of box usually holds (Topology decides; this is the guess before it is drawn). */
export const USUAL: Record<NodeKind, BoxContent> = {
  client: {},
  dns: { subtitle: true },
  balancer: { subtitle: true },
  server: { subtitle: true, note: true },
};

/** Half the width and height of a node's box at type scale `k`, as NodeBox draws it without status lines. */
export function boxHalf(node: string, k = 1): Half {
  const { w, h } = boxSize(nodeKind(node), USUAL[nodeKind(node)], k);
  return { w: w / 2, h: h / 2 };
}

export const halfOf = (b: Box): Half => ({ w: b.w / 2, h: b.h / 2 });

/** A `<rect>`'s own attributes: reading them never forces the browser to lay the page out. */
export function rectBox(r: Element | null): Box | null {
  if (!r) return null;
  const n = (name: string) => Number(r.getAttribute(name) ?? 0);
  return { x: n('x'), y: n('y'), w: n('width'), h: n('height') };
}

const NODES = 'g[data-node]';

/** The box of one node's group: its first rect. */
function groupBox(g: Element): Box | null {
  const b = rectBox(g.querySelector(':scope > rect'));
  return b && b.w > 0 && b.h > 0 ? b : null;
}

/** Every node's box as drawn (it grows with status lines), by `data-node` id. */
export function drawnBoxes(root: ParentNode): Map<string, Box> {
  const out = new Map<string, Box>();
  for (const g of root.querySelectorAll<SVGGElement>(NODES)) {
    const b = groupBox(g);
    if (b && g.dataset.node) out.set(g.dataset.node, b);
  }
  return out;
}

/** One node's box as drawn, or null before it is drawn. Compares ids instead of building a selector: ids hold dots and colons. */
export function drawnBox(root: ParentNode, node: string): Box | null {
  for (const g of root.querySelectorAll<SVGGElement>(NODES)) if (g.dataset.node === node) return groupBox(g);
  return null;
}
