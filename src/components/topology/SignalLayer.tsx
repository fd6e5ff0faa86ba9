import { useEffect, useRef } from 'react';
import type { Drop } from '../../sim/types.ts';
import type { PlaybackClock } from '../../store/clock.ts';
import { advertsAt, dropsAt, probesAt } from '../../trace/packets.ts';
import type { Trace } from '../../trace/trace.ts';
import type { Point } from './layout.ts';

interface Props {
  trace: Trace;
  clock: PlaybackClock;
  points: Map<string, Point>;
  /** One-way time between a balancer and a server: a probe's trip each way. */
  legMs: number;
  reducedMotion: boolean;
  labels: { drop: Record<Drop, string>; advert: string };
}

const SVG = 'http://www.w3.org/2000/svg';
/** Marks kept beside one node at once; more would hide the node. */
const MAX_MARKS = 3;
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

/**
 * What the balancers send on their own, and where packets went no further, moved every frame
 * from the playback clock without React (as PacketLayer does): health-check probes (dashed
 * circles, "?" going out, ✓ or ✗ coming back), VRRP adverts between the balancers, and a mark
 * ("✗ lost", "✗ refused", …) beside the node where a request's packet stopped.
 */
export function SignalLayer({ trace, clock, points, legMs, reducedMotion, labels }: Props) {
  const layer = useRef<SVGGElement>(null);
  const latest = useRef({ trace, points, legMs, reducedMotion, labels });

  useEffect(() => {
    const g = layer.current;
    if (!g) return;
    const probes = pool(g, () => group([el('circle', { r: 14 }), el('text', { 'text-anchor': 'middle', y: 6 })]));
    const adverts = pool(g, () => group([el('rect', { x: -38, y: -15, width: 76, height: 30, rx: 15 }), el('text', { 'text-anchor': 'middle', y: 6 })]));
    const drops = pool(g, () => group([el('rect', { x: -82, y: -19, width: 164, height: 38, rx: 8 }), el('text', { 'text-anchor': 'middle', y: 8 })]));
    const place = (e: SVGGElement, x: number, y: number, cls: string, text: string) => {
      e.setAttribute('transform', `translate(${x.toFixed(1)},${y.toFixed(1)})`);
      e.setAttribute('class', cls);
      const label = e.lastChild as SVGTextElement;
      if (label.textContent !== text) label.textContent = text;
    };

    const draw = (t: number) => {
      const { trace: tr, points: pts, legMs: leg, reducedMotion: still, labels: words } = latest.current;
      let n = 0;
      for (const p of probesAt(tr, t, leg)) {
        const a = pts.get(p.balancer), b = pts.get(p.server);
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
        const a = pts.get(v.from), b = pts.get(v.to);
        if (!a || !b) continue;
        const f = still ? 0.5 : v.frac;
        const [x, y] = along(a, b, f);
        place(adverts.get(n++), x, y, 'advert', words.advert);
      }
      adverts.hideFrom(n);

      n = 0;
      const perNode = new Map<string, number>();
      for (const d of dropsAt(tr, t)) {
        const p = pts.get(d.node);
        const k = perNode.get(d.node) ?? 0;
        if (!p || k >= MAX_MARKS) continue;
        perNode.set(d.node, k + 1);
        // Beside the node, on the side where nothing else is drawn.
        const [x, y] = d.node.startsWith('client:') ? [p.x + 210, p.y + k * 42]
          : d.node === 'lb1' || d.node === 'lb2' ? [p.x, p.y + 82 + k * 42]
          : [p.x - 235, p.y + k * 42];
        place(drops.get(n++), x, y, `drop drop-${d.drop}`, words.drop[d.drop]);
      }
      drops.hideFrom(n);
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
    latest.current = { trace, points, legMs, reducedMotion, labels };
    clock.redraw();
  }, [trace, points, legMs, reducedMotion, labels, clock]);

  return <g ref={layer} className="signals" aria-hidden="true" />;
}
