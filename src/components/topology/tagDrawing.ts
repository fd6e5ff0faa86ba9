import type { TagView } from './packetTag.ts';
import { textEms } from './packetLabels.ts';
import { placeBeside, type Rect, type Side } from './packetGeometry.ts';

const SVG = 'http://www.w3.org/2000/svg';

interface Line {
  text: SVGTextElement;
  key: SVGTSpanElement;
  value: SVGTSpanElement;
  mark: SVGRectElement;
}

export interface TagStyle {
  size: number;
  /** The picture's size: the tag stays inside it. */
  width: number;
  height: number;
  /** What it should not cover: the nodes, the VIP badge, the packet's own pill. */
  obstacles: readonly Rect[];
  src: string;
  dst: string;
  /** Reduced motion: the rewritten fields are marked, without the glow. */
  still: boolean;
  id: number;
}

/**
 * The header tag beside one packet: two lines, "src <ip:port>" and "dst <ip:port>", on a side
 * of it where it covers no node. A field the balancer rewrote is marked (a yellow band and bold type)
 * while the packet carries it, and glows once when it flips; the glow is a CSS animation,
 * started afresh at each flip by alternating between two of them, so it fades while paused too.
 */
export class TagDrawing {
  private readonly frame: SVGRectElement;
  private readonly lines: [Line, Line];
  private flips = 0;
  private lastChangedAt = -Infinity;
  private side: Side | null = null;

  constructor(private readonly g: SVGGElement) {
    this.frame = document.createElementNS(SVG, 'rect');
    this.frame.setAttribute('class', 'packet-tag-frame');
    this.frame.setAttribute('rx', '8');
    g.appendChild(this.frame);
    const line = (field: 'src' | 'dst'): Line => {
      const mark = document.createElementNS(SVG, 'rect');
      mark.setAttribute('rx', '4');
      const text = document.createElementNS(SVG, 'text');
      const key = document.createElementNS(SVG, 'tspan');
      key.setAttribute('class', 'packet-tag-key');
      const value = document.createElementNS(SVG, 'tspan');
      value.setAttribute('data-field', field);
      text.append(key, value);
      g.append(mark, text);
      return { text, key, value, mark };
    };
    this.lines = [line('src'), line('dst')];
    g.style.display = 'none';
  }

  hide(): void {
    this.side = null;
    if (this.g.style.display === 'none') return;
    this.g.style.display = 'none';
    // Nothing stale in the page's text: a hidden tag says nothing.
    for (const line of this.lines) line.key.textContent = line.value.textContent = '';
  }

  draw(view: TagView, x: number, y: number, s: TagStyle): void {
    const pad = 8,
      lineH = s.size * 1.3;
    const keyEms = Math.max(textEms(s.src), textEms(s.dst)) + 0.6;
    const fields = [
      { key: s.src, value: view.header.src, changed: view.changed.src },
      { key: s.dst, value: view.header.dst, changed: view.changed.dst },
    ];
    const valueEms = fields.reduce((most, f) => Math.max(most, textEms(f.value)), -Infinity);
    const w = 2 * pad + (keyEms + valueEms) * s.size,
      h = 2 * pad + 2 * lineH;
    const spot = placeBeside(x, y, w, h, s.obstacles, s, this.side);
    this.side = spot.side;
    const left = spot.x,
      top = spot.y;
    if (view.changedAt !== this.lastChangedAt) {
      this.lastChangedAt = view.changedAt;
      this.flips++;
    }
    this.g.setAttribute('transform', `translate(${left.toFixed(1)},${top.toFixed(1)})`);
    this.g.setAttribute('data-id', String(s.id));
    set(this.frame, 'width', w.toFixed(1));
    set(this.frame, 'height', h.toFixed(1));
    fields.forEach((f, i) => {
      const line = this.lines[i]!;
      const baseline = pad + lineH * i + s.size * 1.02;
      set(line.text, 'x', String(pad));
      set(line.text, 'y', baseline.toFixed(1));
      set(line.text, 'font-size', String(s.size));
      set(line.value, 'x', (pad + keyEms * s.size).toFixed(1));
      if (line.key.textContent !== f.key) line.key.textContent = f.key;
      if (line.value.textContent !== f.value) line.value.textContent = f.value;
      const glow = f.changed && !s.still ? ` packet-tag-glow${this.flips % 2}` : '';
      set(line.value, 'class', `packet-tag-value${f.changed ? ' packet-tag-new' : ''}`);
      set(line.mark, 'class', `packet-tag-mark${f.changed ? ' packet-tag-mark-on' : ''}${glow}`);
      set(line.mark, 'x', (pad + keyEms * s.size - 4).toFixed(1));
      set(line.mark, 'y', (pad + lineH * i).toFixed(1));
      set(line.mark, 'width', (textEms(f.value) * s.size + 8).toFixed(1));
      set(line.mark, 'height', lineH.toFixed(1));
    });
    if (this.g.style.display) this.g.style.display = '';
  }
}

function set(el: Element, name: string, value: string): void {
  if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}
