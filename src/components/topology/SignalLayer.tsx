import { useEffect, useMemo, useRef } from 'react';
import type { Drop } from '../../sim/types.ts';
import type { PlaybackClock } from '../../store/clock.ts';
import { advertsAt, dropsAt, probesAt, verdictsAt } from '../../trace/packets.ts';
import type { Trace } from '../../trace/trace.ts';
import { translate } from '../../i18n/index.ts';
import { useLab } from '../../store/context.tsx';
import type { Layout, Point } from './layout.ts';
import { boxHalf, drawnBox, halfOf } from './nodeBoxes.ts';
import { isServer } from '../../sim/nodes.ts';
import { dropGroups, markSpot, maxMarks } from './packetGeometry.ts';
import { burstPath, UTURN } from './packetShapes.ts';
import './packets.css';

interface Props {
  trace: Trace;
  clock: PlaybackClock;
  points: Map<string, Point>;
  /** One-way time between a balancer and a server: a probe's trip each way. */
  legMs: number;
  reducedMotion: boolean;
  labels: { drop: Record<Drop, string>; advert: string };
  /** Where marks fit beside a node differs between the wide and the tall picture. */
  layout: Layout;
}

const SVG = 'http://www.w3.org/2000/svg';
const BURST = burstPath(34, 23);
/** The share of a link at each end hidden under the node boxes: small packets travel between. */
const EDGE = 0.2;
const along = (a: Point, b: Point, f: number) => {
  const g = EDGE + f * (1 - 2 * EDGE);
  return [a.x + (b.x - a.x) * g, a.y + (b.y - a.y) * g] as const;
};

function el<K extends keyof SVGElementTagNameMap>(name: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

/** SVG groups made on demand and reused frame after frame; those not needed are hidden. */
function pool(parent: SVGGElement, make: () => SVGGElement) {
  const items: SVGGElement[] = [];
  return {
    get(i: number): SVGGElement {
      let g = items[i];
      if (!g) {
        g = make();
        parent.appendChild(g);
        items.push(g);
      }
      g.style.display = '';
      return g;
    },
    hideFrom(n: number) {
      for (let i = n; i < items.length; i++) {
        const g = items[i]!;
        if (g.style.display === 'none') continue;
        g.style.display = 'none';
        // A hidden mark keeps no words: the page's text is what is shown now, nothing stale.
        (g.lastChild as SVGTextElement).textContent = '';
      }
    },
  };
}

const group = (children: SVGElement[]) => {
  const g = el('g', {});
  g.append(...children);
  return g;
};

/** A mark's words' width, measured once per text (a label changes only with the language or a count). */
const widths = new Map<string, number>();
function textWidth(text: SVGTextElement): number {
  const key = text.textContent ?? '';
  let w = widths.get(key);
  if (w === undefined) {
    w = text.getComputedTextLength();
    if (widths.size > 500) widths.clear();
    if (w > 0) widths.set(key, w);
  }
  return w;
}

/** The drop mark's box fits its words; beside a server it grows leftwards, off the server's box. */
function fitDrop(mark: SVGGElement, node: string, at: Point, centre: Point | undefined, width: number): void {
  const rect = mark.firstChild as SVGRectElement;
  const text = mark.lastChild as SVGTextElement;
  const w = Math.max(164, Math.ceil(textWidth(text)) + 24);
  let dx = isServer(node) && centre && at.x < centre.x ? -(w - 164) / 2 : 0;
  // Inside the picture (a phone's is narrow).
  dx = Math.max(2 + w / 2 - at.x, Math.min(dx, width - 2 - w / 2 - at.x));
  const x = (-w / 2 + dx).toFixed(1);
  if (rect.getAttribute('width') !== String(w)) rect.setAttribute('width', String(w));
  if (rect.getAttribute('x') !== x) rect.setAttribute('x', x);
  const tx = dx.toFixed(1);
  if (text.getAttribute('x') !== tx) text.setAttribute('x', tx);
}

/**
 * What the balancers send on their own, and where packets went no further, moved every frame
 * from the playback clock without React (as PacketLayer does): health-check probes (dashed
 * circles, "?" going out, ✓ or ✗ coming back), VRRP adverts between the balancers, a mark
 * ("✗ lost", "✗ refused", …) beside the node where a request's packet stopped, and beside a
 * balancer that answered by itself: a U-turn and "cache", or a burst with the block's status.
 */
export function SignalLayer({ trace, clock, points, legMs, reducedMotion, labels, layout }: Props) {
  const layer = useRef<SVGGElement>(null);
  const lang = useLab((s) => s.lang);
  const verdictWords = useMemo(
    () => ({ cached: translate(lang, 'packets.mark.cache'), blocked: translate(lang, 'packets.mark.blocked') }),
    [lang],
  );
  const latest = useRef({ trace, points, legMs, reducedMotion, labels, layout, verdictWords });

  useEffect(() => {
    const g = layer.current;
    if (!g) return;
    const probes = pool(g, () => group([el('circle', { r: 14 }), el('text', { 'text-anchor': 'middle', y: 6 })]));
    const adverts = pool(g, () =>
      group([el('rect', { x: -38, y: -15, width: 76, height: 30, rx: 15 }), el('text', { 'text-anchor': 'middle', y: 6 })]),
    );
    const drops = pool(g, () =>
      group([el('rect', { x: -82, y: -19, width: 164, height: 38, rx: 8 }), el('text', { 'text-anchor': 'middle', y: 8 })]),
    );
    const verdicts = pool(g, () =>
      group([
        el('rect', { class: 'verdict-box', x: -40, y: -20, width: 130, height: 40, rx: 8 }),
        el('path', { class: 'verdict-shape' }),
        el('text', { class: 'verdict-status', 'text-anchor': 'middle', x: -44, y: 8 }),
        el('text', { 'text-anchor': 'middle', x: 34, y: 9 }),
      ]),
    );
    // Sizes are px at type scale 1. The advert pill, small and free of any node, grows whole
    // with the stage's type (classroom mode); the other marks are already projector-sized.
    const place = (e: SVGGElement, x: number, y: number, cls: string, text: string, k = 1) => {
      e.setAttribute('transform', `translate(${x.toFixed(1)},${y.toFixed(1)})${k === 1 ? '' : ` scale(${k.toFixed(3)})`}`);
      e.setAttribute('class', cls);
      const label = e.lastChild as SVGTextElement;
      if (label.textContent !== text) label.textContent = text;
    };

    const draw = (t: number) => {
      const { trace: tr, points: pts, legMs: leg, reducedMotion: still, labels: words, layout: lay, verdictWords } = latest.current;
      const o = lay.orientation;
      let n = 0;
      for (const p of probesAt(tr, t, leg)) {
        const a = pts.get(p.balancer),
          b = pts.get(p.server);
        if (!a || !b) continue;
        const f = still && p.phase !== 'result' ? 0.5 : p.frac;
        const glyph = p.phase === 'out' ? '?' : p.ok ? '✓' : '✗';
        const cls = p.phase === 'result' ? `probe probe-result-${p.ok ? 'ok' : 'fail'}` : 'probe';
        const [x, y] = along(a, b, f);
        place(probes.get(n++), x, y, cls, glyph);
      }
      probes.hideFrom(n);

      n = 0;
      for (const v of advertsAt(tr, t)) {
        const a = pts.get(v.from),
          b = pts.get(v.to);
        if (!a || !b) continue;
        const f = still ? 0.5 : v.frac;
        const [x, y] = along(a, b, f);
        place(adverts.get(n++), x, y, 'advert', words.advert, Math.max(1, lay.type));
      }
      adverts.hideFrom(n);

      n = 0;
      // Marks beside a node (drops, a balancer's own answers) share its room, oldest first.
      const perNode = new Map<string, number>();
      const spot = (node: string): Point | null => {
        const p = pts.get(node);
        const k = perNode.get(node) ?? 0;
        if (!p || k >= maxMarks(node, o)) return null;
        perNode.set(node, k + 1);
        // A server's box grows with its status lines, which only the drawing knows.
        const box = g.ownerSVGElement && drawnBox(g.ownerSVGElement, node);
        return markSpot(node, p, o, k, box ? halfOf(box) : boxHalf(node), lay.height);
      };
      // One mark per node and kind, counting those of the last moments ("✗ queue full: SYN dropped ×4"):
      // a swamped server drops SYNs many times a second, and three identical marks say less.
      for (const d of dropGroups(dropsAt(tr, t))) {
        const at = spot(d.node);
        if (!at) continue;
        const mark = drops.get(n++);
        const text = d.count > 1 ? `${words.drop[d.drop]} ×${d.count}` : words.drop[d.drop];
        place(mark, at.x, at.y, `drop drop-${d.drop}`, text);
        fitDrop(mark, d.node, at, pts.get(d.node), lay.width);
      }
      drops.hideFrom(n);

      n = 0;
      for (const v of verdictsAt(tr, t)) {
        const at = spot(v.node);
        if (!at) continue;
        const mark = verdicts.get(n++);
        place(mark, at.x, at.y, `verdict verdict-${v.verdict}`, verdictWords[v.verdict]);
        const shape = mark.childNodes[1] as SVGPathElement;
        const status = mark.childNodes[2] as SVGTextElement;
        const d = v.verdict === 'blocked' ? BURST : UTURN;
        if (shape.getAttribute('d') !== d) shape.setAttribute('d', d);
        shape.setAttribute('transform', v.verdict === 'blocked' ? 'translate(-44,0)' : 'translate(-50,0) scale(1.3)');
        const code = v.verdict === 'blocked' ? String(v.status ?? '') : '';
        if (status.textContent !== code) status.textContent = code;
      }
      verdicts.hideFrom(n);
    };
    draw(clock.time);
    const unsubscribe = clock.subscribe(draw);
    return () => {
      unsubscribe();
      g.replaceChildren();
    };
  }, [clock]);

  // The frame callback reads the latest props; redraw at once when they change while paused.
  useEffect(() => {
    latest.current = { trace, points, legMs, reducedMotion, labels, layout, verdictWords };
    clock.redraw();
  }, [trace, points, legMs, reducedMotion, labels, layout, verdictWords, clock]);

  return <g ref={layer} className="signals" aria-hidden="true" />;
}
