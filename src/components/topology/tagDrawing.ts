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
  /** The extra lines' keys ("dst MAC", "outer") and a taken-off outer header's words ("taken off at {server}"). */
  mac: string;
  outer: string;
  outerOff: string;
  /** Reduced motion: the rewritten fields are marked, without the glow. */
  still: boolean;
  id: number;
}

/** Between the outer header's frame and the packet's own, when a tunnel wraps it. */
const INSET = 6;

interface Row {
  key: string;
  value: string;
  changed: boolean;
  field: string;
  /** The row's top, from the tag's top. */
  top: number;
  /** A taken-off outer header: its words, dashed. */
  off?: boolean;
}

/**
 * The header tag beside one packet: "src <ip:port>" and "dst <ip:port>", on a side of it where
 * it covers no node. A field the balancer rewrote is marked (a yellow band and bold type) while
 * the packet carries it, and glows once when it flips; the glow is a CSS animation, started
 * afresh at each flip by alternating between two of them, so it fades while paused too.
 *
 * A forwarding mode that leaves the IP header alone adds its own line (forwardingDrawing.ts):
 * direct routing a third line, "dst MAC", the one field it flips; IP tunnelling the outer
 * header on top, its frame wrapped round the packet's own, dashed and "taken off at s1" once
 * the packet has reached its server.
 */
export class TagDrawing {
  private readonly outer: SVGRectElement;
  private readonly frame: SVGRectElement;
  private readonly lines: [Line, Line, Line];
  private flips = 0;
  private lastChangedAt = -Infinity;
  private side: Side | null = null;

  constructor(private readonly g: SVGGElement) {
    const rect = (cls: string) => {
      const r = document.createElementNS(SVG, 'rect');
      r.setAttribute('class', cls);
      r.setAttribute('rx', '8');
      g.appendChild(r);
      return r;
    };
    this.outer = rect('packet-tag-outer');
    this.frame = rect('packet-tag-frame');
    const line = (field: string): Line => {
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
    this.lines = [line('src'), line('dst'), line('extra')];
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
    const extra = view.extra;
    const wrapped = extra?.kind === 'outer';
    const inX = wrapped ? INSET : 0;
    // Rows top to bottom: a tunnel's outer header over the packet's own; direct routing's MAC under it.
    const ipTop = wrapped ? pad + lineH + INSET + pad / 2 : pad;
    const rows: Row[] = [
      { key: s.src, value: view.header.src, changed: view.changed.src, field: 'src', top: ipTop },
      { key: s.dst, value: view.header.dst, changed: view.changed.dst, field: 'dst', top: ipTop + lineH },
    ];
    if (extra?.kind === 'mac') rows.push({ key: s.mac, value: extra.dst, changed: extra.changed, field: 'mac', top: ipTop + 2 * lineH });
    if (extra?.kind === 'outer') {
      const value = extra.off ? s.outerOff.replace('{server}', extra.off) : `${extra.src} → ${extra.dst}`;
      rows.push({ key: s.outer, value, changed: extra.changed, field: 'outer', top: pad, off: extra.off !== null });
    }
    const keyEms = rows.reduce((most, r) => Math.max(most, textEms(r.key)), 0) + 0.6;
    const valueEms = rows.reduce((most, r) => Math.max(most, textEms(r.value)), 0);
    const w = 2 * (pad + inX) + (keyEms + valueEms) * s.size;
    const last = rows.reduce((most, r) => Math.max(most, r.top), 0);
    const h = last + lineH + pad + (wrapped ? INSET : 0);
    const spot = placeBeside(x, y, w, h, s.obstacles, s, this.side);
    this.side = spot.side;
    if (view.changedAt !== this.lastChangedAt) {
      this.lastChangedAt = view.changedAt;
      this.flips++;
    }
    this.g.setAttribute('transform', `translate(${spot.x.toFixed(1)},${spot.y.toFixed(1)})`);
    this.g.setAttribute('data-id', String(s.id));
    set(this.g, 'data-extra', extra?.kind ?? '');
    // The outer header's frame round everything, the packet's own inside it; without one, the packet's frame is the tag.
    this.outer.style.display = wrapped ? '' : 'none';
    set(this.outer, 'class', `packet-tag-outer${extra?.kind === 'outer' && extra.off ? ' packet-tag-outer-off' : ''}`);
    set(this.outer, 'width', w.toFixed(1));
    set(this.outer, 'height', h.toFixed(1));
    const frameTop = wrapped ? ipTop - pad / 2 : 0;
    set(this.frame, 'x', String(inX));
    set(this.frame, 'y', frameTop.toFixed(1));
    set(this.frame, 'width', (w - 2 * inX).toFixed(1));
    set(this.frame, 'height', (wrapped ? 2 * lineH + pad : h).toFixed(1));
    this.lines.forEach((line, i) => {
      const row = rows[i];
      if (!row) {
        line.text.style.display = line.mark.style.display = 'none';
        if (line.key.textContent) line.key.textContent = line.value.textContent = '';
        return;
      }
      line.text.style.display = line.mark.style.display = '';
      const left = pad + inX;
      set(line.text, 'x', left.toFixed(1));
      set(line.text, 'y', (row.top + s.size * 1.02).toFixed(1));
      set(line.text, 'font-size', String(s.size));
      set(line.value, 'x', (left + keyEms * s.size).toFixed(1));
      set(line.value, 'data-field', row.field);
      if (line.key.textContent !== row.key) line.key.textContent = row.key;
      if (line.value.textContent !== row.value) line.value.textContent = row.value;
      const glow = row.changed && !s.still ? ` packet-tag-glow${this.flips % 2}` : '';
      set(line.value, 'class', `packet-tag-value${row.changed ? ' packet-tag-new' : ''}${row.off ? ' packet-tag-off' : ''}`);
      set(line.mark, 'class', `packet-tag-mark${row.changed ? ' packet-tag-mark-on' : ''}${glow}`);
      set(line.mark, 'x', (left + keyEms * s.size - 4).toFixed(1));
      set(line.mark, 'y', row.top.toFixed(1));
      set(line.mark, 'width', (textEms(row.value) * s.size + 8).toFixed(1));
      set(line.mark, 'height', lineH.toFixed(1));
    });
    if (this.g.style.display) this.g.style.display = '';
  }
}

function set(el: Element, name: string, value: string): void {
  if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}
