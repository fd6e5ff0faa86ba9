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

/** What a box holds besides its title: each line makes it taller, a status line wider. */
export interface BoxContent {
  /** The wide picture's DNS box carries its whole answer on one line. */
  wide?: boolean;
  subtitle?: boolean;
  note?: boolean;
  /** Lines about its health. */
  status?: number;
}

/** Height of one status line. */
export const STATUS_LINE = 28;

export function nodeKind(node: string): NodeKind {
  if (isClient(node)) return 'client';
  if (isDns(node)) return 'dns';
  return isBalancer(node) ? 'balancer' : 'server';
}

/** The box's size and the height of its part above the status lines. */
export function boxSize(kind: NodeKind, c: BoxContent): { w: number; h: number; base: number } {
  const status = c.status ?? 0;
  const w = c.wide ? 450 : kind === 'client' ? 230 : kind === 'server' && status > 0 ? 270 : 250;
  const base = c.subtitle || c.note ? (c.note ? 108 : 84) : 60;
  return { w, h: base + status * STATUS_LINE, base };
}

/** What each kind of box usually holds in the wide picture (Topology decides; this is the guess before it is drawn). */
const USUAL: Record<NodeKind, BoxContent> = {
  client: {},
  dns: { wide: true, subtitle: true },
  balancer: { subtitle: true },
  server: { subtitle: true, note: true },
};

/** Half the width and height of a node's box, as NodeBox draws it without status lines. */
export function boxHalf(node: string): Half {
  const { w, h } = boxSize(nodeKind(node), USUAL[nodeKind(node)]);
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
