import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { packetsAt } from '../../trace/packets.ts';
import type { Trace } from '../../trace/trace.ts';
import type { PlaybackClock } from '../../store/clock.ts';
import { useLab } from '../../store/context.tsx';
import { translate } from '../../i18n/index.ts';
import type { Layout, Point } from './layout.ts';
import { drawnBoxes, type Half } from './nodeBoxes.ts';
import {
  HELD_STEP,
  heldSlots,
  halvesOf,
  obstaclesOf,
  PILL_SIDES,
  placeBeside,
  segmentCache,
  type Rect,
  type Segment,
} from './packetGeometry.ts';
import { answerOf, labelled, pillOf, textEms, type PillWords } from './packetLabels.ts';
import { focusOf, TagTracker } from './packetTag.ts';
import { SHAPES } from './packetShapes.ts';
import { TagDrawing } from './tagDrawing.ts';
import './packets.css';

interface Props {
  trace: Trace;
  clock: PlaybackClock;
  /** Where each node id ("client:<ip>", "dns", "lb1", server names) is drawn. */
  points: Map<string, Point>;
  /** The picture's size and orientation: labels grow for a phone and stay inside the picture. */
  layout: Layout;
  /** Colour index per client address: each flow keeps its client's colour. */
  colorOf: Map<string, number>;
  selected: number | null;
  onSelect(id: number): void;
  reducedMotion: boolean;
}

const SVG = 'http://www.w3.org/2000/svg';

function setIfChanged(el: Element, name: string, value: string): void {
  if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}
function show(el: SVGElement, on: boolean): void {
  const want = on ? '' : 'none';
  if (el.style.display !== want) el.style.display = want;
}
/**
 * Hides a label and empties it: the page's text (what a reader or a test reads) is what is
 * shown now, never a label left over from an earlier frame.
 */
function hideText(el: SVGElement, text: SVGTextElement): void {
  show(el, false);
  if (text.textContent) text.textContent = '';
}
function make<K extends keyof SVGElementTagNameMap>(parent: Element, name: K, cls?: string): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG, name);
  if (cls) e.setAttribute('class', cls);
  parent.appendChild(e);
  return e;
}

/**
 * Type size of the pills and the header tag, in picture units: 25 in the tall picture (≈ 10 px
 * on a 390 px phone, whose picture is 900 units across a ~360 px stage), 22 in the wide one
 * (11 px at 1280×720), 28 in classroom mode (≈ 21 px on a 1920×1080 projector).
 */
export function labelSize(orientation: Layout['orientation'], classroom: boolean): number {
  if (orientation === 'tall') return classroom ? 27 : 25;
  return classroom ? 28 : 22;
}

/**
 * The packets, moved every frame from the playback clock without React: pools of SVG elements
 * positioned by attribute. Requests are circles, responses diamonds, DNS small squares,
 * handshake segments pennants; colour follows the client, and an error answer is vermillion
 * with its status written beside it. Packets travel between the edges of the boxes, so they
 * never hide a node's words; those held at a node wait as small dots beside it. The newest
 * packets (the selected one first) carry a pill with their id, and in L7 their method and path.
 * One packet carries its header tag. Under reduced motion a packet waits midway on its link.
 */
export function PacketLayer({ trace, clock, points, layout, colorOf, selected, onSelect, reducedMotion }: Props) {
  const layer = useRef<SVGGElement>(null);
  const mode = useLab((s) => s.scenario.mode);
  const lang = useLab((s) => s.lang);
  const classroom = useLab((s) => s.classroom);
  const words = useMemo(
    () => ({
      pill: {
        cache: translate(lang, 'packets.pill.cache'),
        sessionLost: translate(lang, 'packets.pill.sessionLost'),
      } satisfies PillWords,
      src: translate(lang, 'inspector.srcShort'),
      dst: translate(lang, 'inspector.dstShort'),
    }),
    [lang],
  );
  const size = labelSize(layout.orientation, classroom);
  const props = useRef({ trace, points, layout, colorOf, selected, reducedMotion, mode, words, size });
  const geo = useRef<Geometry>(geometry(points, new Map()));

  useEffect(() => {
    const root = layer.current;
    if (!root) return;
    const shapesG = make(root, 'g');
    const pillsG = make(root, 'g', 'packet-pills');
    const tagG = make(root, 'g', 'packet-tag');
    const pool: SVGPathElement[] = [];
    const pills: { g: SVGGElement; rect: SVGRectElement; text: SVGTextElement }[] = [];
    const overflow: SVGTextElement[] = [];
    const tag = new TagDrawing(tagG);
    const tracker = new TagTracker();
    const slotsCache = new Map<string, Point[]>();
    let slotsFor: Geometry | null = null;
    // Where each packet was drawn this frame (x, y; NaN when not drawn), for its pill and tag.
    let xs = new Float64Array(2 * 256);

    const draw = (t: number) => {
      const {
        trace: tr,
        points: pts,
        layout: lay,
        colorOf: colors,
        selected: sel,
        reducedMotion: still,
        mode: m,
        words: w,
        size,
      } = props.current;
      const geom = geo.current;
      const { segments: seg, obstacles } = geom;
      if (slotsFor !== geom) {
        slotsCache.clear();
        slotsFor = geom;
      }
      const packets = packetsAt(tr, t);
      // Held packets: how many wait at each node, so a full queue ends in "+n".
      const heldTotal = new Map<string, number>();
      for (const p of packets) if (p.from === p.to) heldTotal.set(p.from, (heldTotal.get(p.from) ?? 0) + 1);
      const heldSeen = new Map<string, number>();
      let overflowShown = 0;
      if (xs.length < 2 * packets.length) xs = new Float64Array(4 * packets.length);

      for (let i = 0; i < packets.length; i++) {
        const p = packets[i]!;
        let el = pool[i];
        if (!el) {
          el = make(shapesG, 'path');
          pool.push(el);
        }
        let x: number,
          y: number,
          scale = p.id === sel ? 1.5 : 1;
        if (p.from === p.to) {
          const at = pts.get(p.from);
          if (!at) {
            show(el, false);
            xs[2 * i] = NaN;
            continue;
          }
          let slots = slotsCache.get(p.from);
          if (!slots) slotsCache.set(p.from, (slots = heldSlots(p.from, at, geom.halves.get(p.from))));
          const n = heldSeen.get(p.from) ?? 0;
          heldSeen.set(p.from, n + 1);
          const total = heldTotal.get(p.from)!;
          const room = total > slots.length ? slots.length - 1 : slots.length;
          // A full queue piles the rest on its last place, which says how many wait there.
          if (n === room) {
            const s = slots[slots.length - 1]!;
            let o = overflow[overflowShown];
            if (!o) overflow.push((o = make(pillsG, 'text', 'packet-more')));
            overflowShown++;
            setIfChanged(o, 'x', s.x.toFixed(1));
            setIfChanged(o, 'y', (s.y + 7).toFixed(1));
            const more = `+${total - room}`;
            if (o.textContent !== more) o.textContent = more;
            show(o, true);
          }
          ({ x, y } = slots[Math.min(n, slots.length - 1)]!);
          scale *= (HELD_STEP - 4) / 38;
        } else {
          const s = seg(p.from, p.to);
          if (!s) {
            show(el, false);
            xs[2 * i] = NaN;
            continue;
          }
          const f = still ? 0.5 : p.frac;
          x = s.x0 + (s.x1 - s.x0) * f;
          y = s.y0 + (s.y1 - s.y0) * f;
        }
        xs[2 * i] = x;
        xs[2 * i + 1] = y;
        const r = tr.records[p.record]!;
        const answer = p.kind === 'response' ? answerOf(r) : 'ok';
        const tone = answer === 'error' || answer === 'sessionLost' ? ' packet-error' : answer === 'cached' ? ' packet-cached' : '';
        // Only what changed is written: an unchanged class or shape costs the browser a style pass.
        setIfChanged(el, 'd', SHAPES[p.kind]);
        el.setAttribute('transform', `translate(${x.toFixed(1)},${y.toFixed(1)})${scale === 1 ? '' : ` scale(${scale.toFixed(2)})`}`);
        setIfChanged(
          el,
          'class',
          `packet packet-${p.kind} flow-${(colors.get(r.client) ?? 0) % 6}${tone}${p.id === sel ? ' packet-selected' : ''}`,
        );
        setIfChanged(el, 'data-id', String(p.id));
        show(el, true);
      }
      for (let i = packets.length; i < pool.length; i++) show(pool[i]!, false);
      for (let i = overflowShown; i < overflow.length; i++) hideText(overflow[i]!, overflow[i]!);

      // Pills: the selected packet's, then the newest, each above and to the right of its packet.
      let shown = 0;
      const h = size * 1.35;
      const f = focusOf(packets, sel, tracker.focus);
      let focusPill: Rect | null = null;
      for (const i of labelled(packets, sel)) {
        const x = xs[2 * i]!,
          y = xs[2 * i + 1]!;
        if (Number.isNaN(x)) continue;
        const p = packets[i]!;
        const pill = pillOf(p, tr.records[p.record]!, m, w.pill);
        let item = pills[shown];
        if (!item) {
          const g = make(pillsG, 'g');
          item = { g, rect: make(g, 'rect'), text: make(g, 'text') };
          item.rect.setAttribute('rx', '6');
          pills.push(item);
        }
        shown++;
        const width = textEms(pill.text) * size + 12;
        // On a corner of its packet that covers no node's words (above and right when clear).
        const { x: px, y: py } = placeBeside(x, y, width, h, obstacles, lay, null, PILL_SIDES, 14);
        if (i === f) focusPill = { x: px, y: py, w: width, h, weight: 20 };
        setIfChanged(item.g, 'class', `packet-pill packet-pill-${pill.tone}${p.id === sel ? ' packet-pill-selected' : ''}`);
        item.g.setAttribute('transform', `translate(${px.toFixed(1)},${py.toFixed(1)})`);
        setIfChanged(item.rect, 'width', width.toFixed(1));
        setIfChanged(item.rect, 'height', h.toFixed(1));
        setIfChanged(item.text, 'x', '6');
        setIfChanged(item.text, 'y', (h * 0.74).toFixed(1));
        setIfChanged(item.text, 'font-size', String(size));
        setIfChanged(item.rect, 'data-id', String(p.id));
        setIfChanged(item.text, 'data-id', String(p.id));
        if (item.text.textContent !== pill.text) item.text.textContent = pill.text;
        show(item.g, true);
      }
      for (let i = shown; i < pills.length; i++) hideText(pills[i]!.g, pills[i]!.text);

      // The header tag on the packet it follows.
      const fx = f >= 0 ? xs[2 * f]! : NaN;
      if (f < 0 || Number.isNaN(fx)) {
        if (f < 0) tracker.clear();
        tag.hide();
      } else {
        const p = packets[f]!;
        const view = tracker.update(p, tr.records[p.record]!, m, performance.now());
        if (!view) tag.hide();
        else
          tag.draw(view, fx, xs[2 * f + 1]!, {
            size,
            width: lay.width,
            height: lay.height,
            src: w.src,
            dst: w.dst,
            still,
            id: p.id,
            obstacles: focusPill ? [...obstacles, focusPill] : obstacles,
          });
      }
    };
    draw(clock.time);
    const unsubscribe = clock.subscribe(draw);
    return () => {
      unsubscribe();
      root.replaceChildren();
    };
  }, [clock]);

  // The boxes as drawn (they grow with status lines and classroom type): packets keep off them.
  // Read after every render, rebuilt only when a box moved or changed size.
  useLayoutEffect(() => {
    const svg = layer.current?.ownerSVGElement;
    if (!svg) return;
    const halves = halvesOf(points, drawnBoxes(svg));
    const key = keyOf(halves);
    if (geo.current.points === points && geo.current.key === key) return;
    geo.current = geometry(points, halves);
    clock.redraw();
  });

  // The frame callback reads the latest props; redraw at once when they change while paused.
  useEffect(() => {
    props.current = { trace, points, layout, colorOf, selected, reducedMotion, mode, words, size };
    clock.redraw();
  }, [trace, points, layout, colorOf, selected, reducedMotion, mode, words, size, clock]);

  return (
    <g
      ref={layer}
      className="packets"
      aria-hidden="true"
      onClick={(e) => {
        const id = (e.target as SVGElement).dataset?.id;
        if (id) onSelect(Number(id));
      }}
    />
  );
}

interface Geometry {
  points: Map<string, Point>;
  halves: Map<string, Half>;
  key: string;
  segments: (from: string, to: string) => Segment | null;
  obstacles: Rect[];
}

const keyOf = (halves: Map<string, Half>) => [...halves].map(([n, h]) => `${n}:${h.w}x${h.h}`).join(' ');

function geometry(points: Map<string, Point>, halves: Map<string, Half>): Geometry {
  return {
    points,
    halves,
    key: keyOf(halves),
    segments: segmentCache(points, halves),
    obstacles: obstaclesOf(points, halves),
  };
}
