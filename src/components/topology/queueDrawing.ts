import type { PacketPosition } from '../../trace/packets.ts';
import { SHAPES } from './packetShapes.ts';
import { textEms } from './packetLabels.ts';
import { fullTagPlace, slotsFrame, type QueueSlots } from './queueGeometry.ts';
import type { Rect } from './packetGeometry.ts';

const SVG = 'http://www.w3.org/2000/svg';

interface Dot {
  shape: SVGPathElement;
  ring: SVGCircleElement;
}

/** A full accept queue's mark: an outline round its dots and a tag saying so. */
interface FullMark {
  g: SVGGElement;
  frame: SVGRectElement;
  tag: SVGRectElement;
  text: SVGTextElement;
}

interface NodeQueue {
  g: SVGGElement;
  dots: Dot[];
  count: SVGTextElement;
  shown: boolean;
  full: FullMark | null;
}

/** A full queue's words: on its tag, and its accessible name. */
export interface FullWords {
  text: string;
  name: string;
}

export interface QueueStyle {
  /** A dot's radius, picture units. */
  r: number;
  /** Type size of the count of those not drawn, picture units. */
  size: number;
  /** The picture's width: the count stays inside it. */
  width: number;
  selected: number | null;
  /** The packet's classes (shape, colour, tone), as on a link. */
  classOf(p: PacketPosition): string;
  /** How far through its stay at the node a packet is (0..1), or null. */
  progressOf(p: PacketPosition): number | null;
  /** What the tag of a full queue covers least: the boxes and the why marks (asked only for a full queue). */
  obstacles(): readonly Rect[];
  height: number;
}

/**
 * Each node's queue: one dot per packet it holds, in the order they came, each with a ring that
 * fills over its stay (a long job's ring fills slowly); when more wait than fit, the last places
 * say how many more ("+21", in large type). A bounded number of elements per node, however
 * long the queue: a swamped server costs no more frames than a busy one.
 *
 * Each queue's group carries `data-queue` (the node), `data-count` (packets held) and
 * `data-dots` (dots drawn) for tests and tools.
 */
export class QueueDrawing {
  private readonly queues = new Map<string, NodeQueue>();

  /** `marks`: where full queues' marks go, outside the packets' aria-hidden layer (they have a name). */
  constructor(
    private readonly root: SVGGElement,
    private readonly marks: SVGGElement,
  ) {}

  /**
   * Draws `node`'s queue; returns where each packet's dot is (by index into `held`), NaN when not
   * drawn. `full`: the server's accept queue is full, and the words that say so (else null).
   * Returns the full queue's tag as placed, for the pills to keep off it.
   */
  draw(
    node: string,
    held: readonly PacketPosition[],
    place: QueueSlots,
    s: QueueStyle,
    at: Float64Array,
    full: FullWords | null = null,
  ): Rect | null {
    const q = this.queueOf(node);
    const total = held.length;
    const cap = place.slots.length;
    // A full queue's last places say how many more wait: as many places as the count's type needs.
    let dots = Math.min(total, cap);
    let more = '';
    if (total > cap) {
      more = `+${total - cap + 1}`;
      const step =
        place.slots.length > 1 ? Math.hypot(place.slots[1]!.x - place.slots[0]!.x, place.slots[1]!.y - place.slots[0]!.y) : 2 * s.r;
      const need = place.perRow > 1 ? Math.min(place.perRow, Math.ceil((textEms(more) * s.size) / step)) : 1;
      dots = Math.max(0, cap - need);
      more = `+${total - dots}`;
    }
    // The selected packet is always among those drawn: in the last dot's place if it came later.
    let order: readonly PacketPosition[] = held;
    const sel = s.selected === null ? -1 : held.findIndex((p) => p.id === s.selected);
    if (sel >= dots && dots > 0) {
      const copy = held.slice(0, dots);
      copy[dots - 1] = held[sel]!;
      order = copy;
    }
    for (let k = 0; k < dots; k++) {
      const p = order[k]!;
      const dot = q.dots[k] ?? this.dotOf(q);
      const { x, y } = place.slots[k]!;
      const big = p.id === s.selected ? 1.3 : 1;
      set(dot.shape, 'd', SHAPES[p.kind]);
      set(dot.shape, 'transform', `translate(${x.toFixed(1)},${y.toFixed(1)}) scale(${((big * s.r) / 16).toFixed(3)})`);
      set(dot.shape, 'class', s.classOf(p));
      set(dot.shape, 'data-id', String(p.id));
      display(dot.shape, true);
      const progress = s.progressOf(p);
      if (progress === null) display(dot.ring, false);
      else {
        set(dot.ring, 'cx', x.toFixed(1));
        set(dot.ring, 'cy', y.toFixed(1));
        set(dot.ring, 'r', (big * s.r * 1.22).toFixed(1));
        // In steps of 1/24 (15°): smooth enough to watch, and a ring is rewritten only when it grows a step.
        set(dot.ring, 'stroke-dasharray', `${((Math.floor(progress * 24) * 100) / 24).toFixed(1)} 100`);
        display(dot.ring, true);
      }
    }
    for (let k = dots; k < q.dots.length; k++) {
      display(q.dots[k]!.shape, false);
      display(q.dots[k]!.ring, false);
    }
    // Where each held packet is drawn (a packet not drawn has no place), for its pill and tag.
    held.forEach((p, i) => {
      const k = order === held ? i : order.indexOf(p);
      at[2 * i] = k >= 0 && k < dots ? place.slots[k]!.x : NaN;
      at[2 * i + 1] = k >= 0 && k < dots ? place.slots[k]!.y : NaN;
    });
    if (total > dots) {
      const spot = place.slots[dots]!;
      // Inside the picture, however narrow the room the queue has.
      const x = Math.min(spot.x - s.r, s.width - textEms(more) * s.size - 2);
      set(q.count, 'x', x.toFixed(1));
      set(q.count, 'y', (spot.y + s.size * 0.36).toFixed(1));
      set(q.count, 'font-size', s.size.toFixed(1));
      if (q.count.textContent !== more) q.count.textContent = more;
      display(q.count, true);
    } else {
      display(q.count, false);
      if (q.count.textContent) q.count.textContent = '';
    }
    set(q.g, 'data-count', String(total));
    set(q.g, 'data-dots', String(dots));
    display(q.g, true);
    q.shown = true;
    return this.drawFull(q, node, full, place, total > dots ? cap : dots, s);
  }

  /** The outline round a full queue's dots and its tag under them (or beside, where there is room). */
  private drawFull(q: NodeQueue, node: string, words: FullWords | null, place: QueueSlots, n: number, s: QueueStyle): Rect | null {
    const frame = words ? slotsFrame(place, n, s.r) : null;
    if (!words || !frame) {
      if (q.full) hideFull(q.full);
      return null;
    }
    const m = q.full ?? (q.full = this.fullOf(node));
    const pad = s.size * 0.4,
      h = s.size * 1.35;
    const w = textEms(words.text) * s.size + 2 * pad;
    const at = fullTagPlace(frame, w, h, s.obstacles(), { width: s.width, height: s.height });
    set(m.frame, 'x', frame.x.toFixed(1));
    set(m.frame, 'y', frame.y.toFixed(1));
    set(m.frame, 'width', frame.w.toFixed(1));
    set(m.frame, 'height', frame.h.toFixed(1));
    set(m.frame, 'rx', (s.r * 0.8).toFixed(1));
    set(m.tag, 'x', at.x.toFixed(1));
    set(m.tag, 'y', at.y.toFixed(1));
    set(m.tag, 'width', w.toFixed(1));
    set(m.tag, 'height', h.toFixed(1));
    set(m.tag, 'rx', (h / 3).toFixed(1));
    set(m.text, 'x', (at.x + pad).toFixed(1));
    set(m.text, 'y', (at.y + h * 0.74).toFixed(1));
    set(m.text, 'font-size', s.size.toFixed(1));
    if (m.text.textContent !== words.text) m.text.textContent = words.text;
    set(m.g, 'aria-label', words.name);
    display(m.g, true);
    return { x: at.x, y: at.y, w, h };
  }

  private fullOf(node: string): FullMark {
    const g = document.createElementNS(SVG, 'g');
    g.setAttribute('class', 'queue-full');
    g.setAttribute('role', 'img');
    g.setAttribute('data-queue-full', node);
    const frame = document.createElementNS(SVG, 'rect');
    frame.setAttribute('class', 'queue-full-frame');
    const tag = document.createElementNS(SVG, 'rect');
    tag.setAttribute('class', 'queue-full-tag');
    const text = document.createElementNS(SVG, 'text');
    g.append(frame, tag, text);
    this.marks.appendChild(g);
    return { g, frame, tag, text };
  }

  /** Hides the queues not drawn since the last call. */
  finish(): void {
    for (const q of this.queues.values()) {
      if (!q.shown) {
        display(q.g, false);
        set(q.g, 'data-count', '0');
        set(q.g, 'data-dots', '0');
        if (q.count.textContent) q.count.textContent = '';
        if (q.full) hideFull(q.full);
      }
      q.shown = false;
    }
  }

  private queueOf(node: string): NodeQueue {
    let q = this.queues.get(node);
    if (!q) {
      const g = document.createElementNS(SVG, 'g');
      g.setAttribute('class', 'packet-queue');
      g.setAttribute('data-queue', node);
      const count = document.createElementNS(SVG, 'text');
      count.setAttribute('class', 'packet-more');
      g.appendChild(count);
      this.root.appendChild(g);
      q = { g, dots: [], count, shown: false, full: null };
      this.queues.set(node, q);
    }
    return q;
  }

  private dotOf(q: NodeQueue): Dot {
    const shape = document.createElementNS(SVG, 'path');
    const ring = document.createElementNS(SVG, 'circle');
    ring.setAttribute('class', 'packet-progress');
    ring.setAttribute('pathLength', '100');
    q.g.insertBefore(ring, q.count);
    q.g.insertBefore(shape, ring);
    const dot = { shape, ring };
    q.dots.push(dot);
    return dot;
  }
}

function set(el: Element, name: string, value: string): void {
  if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}
function display(el: SVGElement, on: boolean): void {
  const want = on ? '' : 'none';
  if (el.style.display !== want) el.style.display = want;
}

/** A hidden mark keeps no words and no name: what the page says is what is shown now. */
function hideFull(m: FullMark): void {
  display(m.g, false);
  if (m.text.textContent) m.text.textContent = '';
  if (m.g.hasAttribute('aria-label')) m.g.removeAttribute('aria-label');
}
