import { useEffect, useLayoutEffect, useMemo, useRef, type RefObject } from 'react';
import { dropsAt, packetsAt, type PacketPosition } from '../../trace/packets.ts';
import type { Trace } from '../../trace/trace.ts';
import type { PlaybackClock } from '../../store/clock.ts';
import { useLab } from '../../store/context.tsx';
import { translate } from '../../i18n/index.ts';
import type { Layout, Point } from './layout.ts';
import { drawnBoxes, type Half } from './nodeBoxes.ts';
import { halvesOf, obstaclesOf, PILL_SIDES, placeBeside, pointOn, segmentCache, type Rect, type Segment } from './packetGeometry.ts';
import { answerOf, labelled, MAX_PILLS, pillOf, retryOf, segmentRetryOf, textEms, type PillWords } from './packetLabels.ts';
import { focusOf, TagTracker, type ExtraOf } from './packetTag.ts';
import { drawingOf } from './forwardingDrawing.ts';
import { labelPlace, type DirectRoutes } from './directWay.ts';
import { SHAPES } from './packetShapes.ts';
import { TagDrawing } from './tagDrawing.ts';
import { QueueDrawing, type FullWords } from './queueDrawing.ts';
import { acceptQueue, droppingAt, fullText, queueLimits } from './queueFull.ts';
import { KeyedPool } from './keyedPool.ts';
import { dotRadius, heldProgress, queuePlace, type QueueSlots } from './queueGeometry.ts';
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
  /** The why marks' places (WhyOverlay): the header tag keeps off them. */
  marks: RefObject<readonly Rect[]>;
  /** The servers' direct answers' route (directPaths.ts), when the forwarding mode has one: answers follow it. */
  direct: DirectRoutes | null;
  /** The balancer whose VIP badge is drawn: labels keep off it. */
  vipOn: string;
}

/** Covering a why mark is worse than covering a node's edge: the mark is the reason being taught. */
const MARK_WEIGHT = 4;

function tagObstacles(obstacles: readonly Rect[], marks: readonly Rect[], pill: Rect | null): readonly Rect[] {
  if (!marks.length && !pill) return obstacles;
  const out = obstacles.slice();
  for (const m of marks) out.push({ ...m, weight: MARK_WEIGHT });
  if (pill) out.push(pill);
  return out;
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
 * Type size of the pills, the header tag and a queue's count, in SCREEN pixels (the layer turns
 * them into picture units with the picture's scale): 15 px on a laptop, 14 px on a phone's tall
 * picture, 23 px in classroom mode (a projector's back row).
 */
export function labelSize(orientation: Layout['orientation'], classroom: boolean): number {
  if (orientation === 'tall') return classroom ? 18 : 14;
  return classroom ? 23 : 15;
}

/**
 * The packets, moved every frame from the playback clock without React: pools of SVG elements
 * positioned by attribute. Requests are circles, responses diamonds, DNS small squares,
 * handshake segments pennants; colour follows the client, and an error answer is vermillion
 * with its status written beside it. Packets travel between the edges of the boxes, so they
 * never hide a node's words; those held at a node wait in its queue of dots beside it (see
 * QueueDrawing). The newest packets (the selected one first) carry a pill with their id, and in
 * L7 their method and path. One packet carries its header tag. Under reduced motion a packet
 * waits midway on its link. Sizes are set in screen pixels.
 */
export function PacketLayer({ trace, clock, points, layout, colorOf, selected, onSelect, reducedMotion, marks, direct, vipOn }: Props) {
  const layer = useRef<SVGGElement>(null);
  const fullLayer = useRef<SVGGElement>(null);
  const mode = useLab((s) => s.scenario.mode);
  const scenario = useLab((s) => s.scenario);
  const limits = useMemo(() => queueLimits(scenario), [scenario]);
  const lang = useLab((s) => s.lang);
  const classroom = useLab((s) => s.classroom);
  const words = useMemo(
    () => ({
      pill: {
        cache: translate(lang, 'packets.pill.cache'),
        sessionLost: translate(lang, 'packets.pill.sessionLost'),
        retry: translate(lang, 'packets.pill.retry'),
      } satisfies PillWords,
      full: translate(lang, 'packets.queue.full'),
      fullName: translate(lang, 'packets.queue.fullName'),
      src: translate(lang, 'inspector.srcShort'),
      dst: translate(lang, 'inspector.dstShort'),
      mac: translate(lang, 'forwarding.key.mac'),
      outer: translate(lang, 'forwarding.key.outer'),
      outerOff: translate(lang, 'forwarding.outerOff'),
    }),
    [lang],
  );
  // The forwarding mode's extra line on the header tag (direct routing's MAC, a tunnel's outer header).
  const extraOf = useMemo<ExtraOf>(() => {
    const drawing = drawingOf(scenario);
    return (p, r, header) => drawing.tagExtra(p, r, header, scenario);
  }, [scenario]);
  const size = labelSize(layout.orientation, classroom);
  const radius = dotRadius(classroom);
  const props = useRef({ trace, points, layout, colorOf, selected, reducedMotion, mode, words, size, radius, limits, extraOf });
  // The direct answers' label: the header tag and the pills keep off it as off a node.
  const directLabel = useMemo(
    () => (direct ? labelPlace(direct, layout, textEms(translate(lang, 'forwarding.direct'))).rect : null),
    [direct, layout, lang],
  );
  const geo = useRef<Geometry>(geometry(points, new Map(), direct, directLabel, vipOn));
  // Screen pixels per picture unit (the picture is fitted into the stage, `meet`): sizes are
  // set in pixels. Kept by a ResizeObserver, so no frame reads the page's layout.
  const stage = useRef({ width: 0, height: 0 });

  useEffect(() => {
    const root = layer.current;
    const fullRoot = fullLayer.current;
    if (!root || !fullRoot) return;
    const shapesG = make(root, 'g', 'packet-shapes');
    const queuesG = make(root, 'g', 'packet-queues');
    const pillsG = make(root, 'g', 'packet-pills');
    const tagG = make(root, 'g', 'packet-tag');
    const pool = new KeyedPool(
      () => make(shapesG, 'path'),
      (el) => show(el, false),
    );
    const pills = new KeyedPool(
      () => {
        const g = make(pillsG, 'g');
        return { g, rect: make(g, 'rect'), text: make(g, 'text') };
      },
      (item) => hideText(item.g, item.text),
    );
    const queues = new QueueDrawing(queuesG, fullRoot);
    // The packets that carried a pill last frame: they keep it while they travel.
    const pilled = new Set<number>();
    const tag = new TagDrawing(tagG);
    const tracker = new TagTracker();
    const slotsCache = new Map<string, QueueSlots>();
    let slotsFor = '';
    // Where each packet was drawn this frame (x, y; NaN when not drawn), for its pill and tag.
    let xs = new Float64Array(2 * 256);
    let heldAt = new Float64Array(2 * 64);
    const at = { x: 0, y: 0 };

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
        size: sizePx,
        radius: radiusPx,
        limits: lims,
        extraOf: extra,
      } = props.current;
      const geom = geo.current;
      const { segments: seg, obstacles } = geom;
      // Picture units per screen pixel.
      const { width: sw, height: sh } = stage.current;
      const unit = sw > 0 && sh > 0 ? 1 / Math.min(sw / lay.width, sh / lay.height) : 1;
      const size = sizePx * unit,
        r = radiusPx * unit;
      const slotsKey = `${geom.key}|${lay.width}x${lay.height}|${r.toFixed(2)}`;
      if (slotsFor !== slotsKey) {
        slotsCache.clear();
        slotsFor = slotsKey;
      }
      const packets = packetsAt(tr, t);
      if (xs.length < 2 * packets.length) xs = new Float64Array(4 * packets.length);
      const classOf = (p: PacketPosition) => {
        const rec = tr.records[p.record]!;
        const answer = p.kind === 'response' ? answerOf(rec) : 'ok';
        const tone = answer === 'error' || answer === 'sessionLost' ? ' packet-error' : answer === 'cached' ? ' packet-cached' : '';
        return `packet packet-${p.kind} flow-${(colors.get(rec.client) ?? 0) % 6}${tone}${p.id === sel ? ' packet-selected' : ''}`;
      };

      // Packets on links: one element each. Held packets: gathered by node, for its queue.
      const held = new Map<string, number[]>();
      pool.begin();
      for (let i = 0; i < packets.length; i++) {
        const p = packets[i]!;
        xs[2 * i] = NaN;
        if (p.from === p.to) {
          if (pts.has(p.from)) {
            const list = held.get(p.from);
            if (list) list.push(i);
            else held.set(p.from, [i]);
          }
          continue;
        }
        const s = seg(p.from, p.to);
        if (!s) continue;
        const { x, y } = pointOn(s, still ? 0.5 : p.frac, at);
        xs[2 * i] = x;
        xs[2 * i + 1] = y;
        const el = pool.take(p.id);
        const scale = ((p.id === sel ? 1.4 : 1) * r) / 16;
        // Only what changed is written: an unchanged class or shape costs the browser a style pass.
        setIfChanged(el, 'd', SHAPES[p.kind]);
        el.setAttribute('transform', `translate(${x.toFixed(1)},${y.toFixed(1)}) scale(${scale.toFixed(3)})`);
        setIfChanged(el, 'class', classOf(p));
        setIfChanged(el, 'data-id', String(p.id));
        show(el, true);
      }
      pool.end();

      // Each node's queue of dots, a bounded number of elements however many wait.
      let fullObstacles: readonly Rect[] | undefined;
      const style = {
        r: r * 0.75,
        size,
        width: lay.width,
        height: lay.height,
        selected: sel,
        classOf,
        progressOf: (p: PacketPosition) => heldProgress(tr.records[p.record]!, t),
        // Built only when a queue is full this frame.
        obstacles: () => (fullObstacles ??= tagObstacles(obstacles, marks.current, null)),
      };
      // A server's accept queue full: the waiting requests at its backlog, or a SYN dropped just now.
      const dropping = droppingAt(dropsAt(tr, t), t);
      let tags: Rect[] | null = null;
      for (const [node, idx] of held) {
        let place = slotsCache.get(node);
        if (!place) {
          place = queuePlace(node, pts, geom.halves, style.r, lay);
          slotsCache.set(node, place);
        }
        if (heldAt.length < 2 * idx.length) heldAt = new Float64Array(4 * idx.length);
        const limit = lims.get(node);
        const q = limit ? acceptQueue(idx.length, limit, dropping.has(node)) : null;
        const full: FullWords | null =
          q?.full && limit ? { text: fullText(w.full, q, limit), name: fullText(w.fullName, q, limit).replace('{server}', node) } : null;
        const tag = queues.draw(
          node,
          idx.map((i) => packets[i]!),
          place,
          style,
          heldAt,
          full,
        );
        if (tag) (tags ??= []).push(tag);
        idx.forEach((i, k) => {
          xs[2 * i] = heldAt[2 * k]!;
          xs[2 * i + 1] = heldAt[2 * k + 1]!;
        });
      }
      queues.finish();

      // Pills: the selected packet's, then the newest, each above and to the right of its packet.
      pills.begin();
      const h = size * 1.35;
      const pad = size * 0.4;
      const f = focusOf(packets, sel, tracker.focus);
      let focusPill: Rect | null = null;
      // A SYN sent again is labelled before the newest packets: the retry is the thing to see.
      const retries: number[] = [];
      for (let i = 0; i < packets.length; i++) {
        const p = packets[i]!;
        if (p.from === p.to) continue;
        const rec = tr.records[p.record]!;
        if (p.kind === 'request' ? retryOf(rec, p.hop) : p.kind === 'tcp' && p.segment !== undefined && segmentRetryOf(rec, p.segment))
          retries.push(i);
      }
      const chosen = labelled(packets, sel, MAX_PILLS, pilled, retries);
      const pillObstacles = tags ? obstacles.concat(tags) : obstacles;
      pilled.clear();
      for (const i of chosen) {
        const x = xs[2 * i]!,
          y = xs[2 * i + 1]!;
        if (Number.isNaN(x)) continue;
        const p = packets[i]!;
        const pill = pillOf(p, tr.records[p.record]!, m, w.pill);
        const item = pills.take(p.id);
        pilled.add(p.id);
        const width = textEms(pill.text) * size + 2 * pad;
        // On a corner of its packet that covers no node's words (above and right when clear).
        // Above the legend laid over the picture's bottom edge (floor), like the tag.
        const { x: px, y: py } = placeBeside(
          x,
          y,
          width,
          h,
          pillObstacles,
          { width: lay.width, height: lay.floor },
          null,
          PILL_SIDES,
          r * 1.5,
        );
        if (i === f) focusPill = { x: px, y: py, w: width, h, weight: 20 };
        setIfChanged(item.g, 'class', `packet-pill packet-pill-${pill.tone}${p.id === sel ? ' packet-pill-selected' : ''}`);
        item.g.setAttribute('transform', `translate(${px.toFixed(1)},${py.toFixed(1)})`);
        setIfChanged(item.rect, 'width', width.toFixed(1));
        setIfChanged(item.rect, 'height', h.toFixed(1));
        setIfChanged(item.rect, 'rx', (h / 3).toFixed(1));
        setIfChanged(item.text, 'x', pad.toFixed(1));
        setIfChanged(item.text, 'y', (h * 0.74).toFixed(1));
        setIfChanged(item.text, 'font-size', size.toFixed(1));
        setIfChanged(item.rect, 'data-id', String(p.id));
        setIfChanged(item.text, 'data-id', String(p.id));
        if (item.text.textContent !== pill.text) item.text.textContent = pill.text;
        show(item.g, true);
      }
      pills.end();

      // The header tag on the packet it follows.
      const fx = f >= 0 ? xs[2 * f]! : NaN;
      if (f < 0 || Number.isNaN(fx)) {
        if (f < 0) tracker.clear();
        tag.hide();
      } else {
        const p = packets[f]!;
        const view = tracker.update(p, tr.records[p.record]!, m, performance.now(), extra);
        if (!view) tag.hide();
        else
          tag.draw(view, fx, xs[2 * f + 1]!, {
            size,
            // Above the legend laid over the picture's bottom edge (floor), where it can be read.
            width: lay.width,
            height: lay.floor,
            src: w.src,
            dst: w.dst,
            mac: w.mac,
            outer: w.outer,
            outerOff: w.outerOff,
            still,
            id: p.id,
            // Its own packet too: a tag pushed back inside the picture must not cover it.
            obstacles: [
              ...tagObstacles(obstacles, marks.current, focusPill),
              { x: fx - r, y: xs[2 * f + 1]! - r, w: 2 * r, h: 2 * r, weight: 20 },
            ],
          });
      }
    };
    draw(clock.time);
    const unsubscribe = clock.subscribe(draw);
    return () => {
      unsubscribe();
      root.replaceChildren();
      fullRoot.replaceChildren();
    };
  }, [clock, marks]);

  // The boxes as drawn (they grow with status lines and classroom type): packets keep off them.
  // Read after every render, rebuilt only when a box moved or changed size.
  useLayoutEffect(() => {
    const svg = layer.current?.ownerSVGElement;
    if (!svg) return;
    const halves = halvesOf(points, drawnBoxes(svg));
    const key = keyOf(halves);
    const g = geo.current;
    if (g.points === points && g.key === key && g.direct === direct && g.label === directLabel && g.vipOn === vipOn) return;
    geo.current = geometry(points, halves, direct, directLabel, vipOn);
    clock.redraw();
  });

  // The frame callback reads the latest props; redraw at once when they change while paused.
  useEffect(() => {
    props.current = { trace, points, layout, colorOf, selected, reducedMotion, mode, words, size, radius, limits, extraOf };
    clock.redraw();
  }, [trace, points, layout, colorOf, selected, reducedMotion, mode, words, size, radius, limits, extraOf, clock]);

  // The stage's size on screen, for sizes in pixels.
  useEffect(() => {
    const svg = layer.current?.ownerSVGElement;
    if (!svg) return;
    const observer = new ResizeObserver(([entry]) => {
      if (!entry) return;
      const { width, height } = entry.contentRect;
      if (width === stage.current.width && height === stage.current.height) return;
      stage.current = { width, height };
      clock.redraw();
    });
    observer.observe(svg);
    return () => observer.disconnect();
  }, [clock]);

  return (
    <>
      <g
        ref={layer}
        className="packets"
        aria-hidden="true"
        onClick={(e) => {
          const id = (e.target as SVGElement).dataset?.id;
          if (id) onSelect(Number(id));
        }}
      />
      {/* Full accept queues: each an image with a name ("s1: accept queue full, 8 of 8 waiting …"). */}
      <g ref={fullLayer} className="queue-full-marks" />
    </>
  );
}

interface Geometry {
  points: Map<string, Point>;
  halves: Map<string, Half>;
  direct: DirectRoutes | null;
  label: Rect | null;
  vipOn: string;
  key: string;
  segments: (from: string, to: string) => Segment | null;
  obstacles: Rect[];
}

const keyOf = (halves: Map<string, Half>) => [...halves].map(([n, h]) => `${n}:${h.w}x${h.h}`).join(' ');

function geometry(
  points: Map<string, Point>,
  halves: Map<string, Half>,
  direct: DirectRoutes | null,
  label: Rect | null,
  vipOn: string,
): Geometry {
  const obstacles = obstaclesOf(points, halves, vipOn);
  if (label) obstacles.push(label);
  return {
    points,
    halves,
    direct,
    label,
    vipOn,
    key: keyOf(halves),
    segments: segmentCache(points, halves, direct),
    obstacles,
  };
}
