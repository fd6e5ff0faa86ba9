import { useEffect, useId, useLayoutEffect, useRef, type RefObject } from 'react';
import { translate } from '../../i18n/index.ts';
import { isClient, otherBalancer, type BalancerName } from '../../sim/nodes.ts';
import type { PlaybackClock } from '../../store/clock.ts';
import { useLab } from '../../store/context.tsx';
import { garpAt } from '../../trace/garp.ts';
import type { Trace } from '../../trace/trace.ts';
import type { Layout, Point } from './layout.ts';
import { usePrefersReducedMotion } from './useReducedMotion.ts';
import './garp.css';

interface Props {
  trace: Trace;
  clock: PlaybackClock;
  points: Map<string, Point>;
  layout: Layout;
  vip: string;
  reducedMotion: boolean;
}

/** Three wavefronts, one behind the other: a broadcast, not a packet going somewhere. */
const WAVES = [0, 0.14, 0.28];
/** Under reduced motion: the same rings, still, spread over the way. */
const STILL = [0.35, 0.6, 0.85];

/** Where the burst starts (just outside the balancer's box) and how far it must reach: every client and the other balancer. */
function reach(points: Map<string, Point>, from: BalancerName, k: number): { c: Point; r0: number; r1: number } {
  const c = points.get(from) ?? { x: 0, y: 0 };
  const targets = [...points].filter(([id]) => isClient(id) || id === otherBalancer(from)).map(([, p]) => p);
  const r0 = 80 * k;
  const r1 = targets.reduce((m, p) => Math.max(m, Math.hypot(p.x - c.x, p.y - c.y) + 30 * k), r0 + 40);
  return { c, r0, r1 };
}

/**
 * The gratuitous ARPs a new master sends (and repeats 5 s later): rings spreading from it over
 * the drawing to the clients' switch and the other balancer, with "GARP ×5" under it. Shown while the committed time is within the burst's GARP_SHOW_MS (so it
 * has its name for a screen reader), moved every frame from the playback clock; still rings
 * under reduced motion.
 */
export function GarpLayer({ trace, clock, points, layout, vip, reducedMotion }: Props) {
  const lang = useLab((s) => s.lang);
  const time = useLab((s) => s.time);
  const now = garpAt(trace, time);
  const index = now?.index ?? -1;
  const g = useRef<SVGGElement>(null);
  const clip = `garp-clip${useId().replace(/:/g, '')}`;
  const from = now ? now.garp.balancer : null;
  const k = layout.type;
  const geometry = from ? reach(points, from, k) : null;

  useEffect(() => {
    const el = g.current;
    if (!el || !from || index < 0) return;
    const rings = [...el.querySelectorAll<SVGCircleElement>('circle')];
    const mark = el.querySelector<SVGGElement>('.garp-mark');
    const { c, r0, r1 } = reach(points, from, k);
    const draw = (t: number) => {
      const n = garpAt(trace, t);
      const on = n !== null && n.index === index;
      el.style.display = on ? '' : 'none';
      if (!on) return;
      rings.forEach((ring, i) => {
        const f = reducedMotion ? STILL[i]! : Math.min(1, Math.max(0, n.frac - WAVES[i]!) / (1 - WAVES[2]!));
        ring.setAttribute('r', (r0 + (r1 - r0) * f).toFixed(1));
        ring.style.opacity = reducedMotion ? String(0.9 - i * 0.2) : (0.95 * (1 - f * 0.75)).toFixed(2);
      });
      // The words sit under the balancer, clear of the links, where the other marks leave room.
      mark?.setAttribute('transform', `translate(${c.x.toFixed(1)},${(c.y + r0 * 0.75 + 30 * k).toFixed(1)})`);
    };
    draw(clock.time);
    return clock.subscribe(draw);
  }, [clock, trace, index, from, points, reducedMotion, k]);

  if (!now || !geometry) return null;
  const { balancer: lb, count = 1, repeat } = now.garp;
  const label = translate(lang, repeat ? 'fail.garp.labelRepeat' : 'fail.garp.label', { lb, vip, count });
  const words = translate(lang, repeat ? 'fail.garp.markRepeat' : 'fail.garp.mark', { count });
  const w = (words.length * 9.6 + 24) * k;
  return (
    <g
      ref={g}
      className={`garp${repeat ? ' garp-repeat' : ''}`}
      role="img"
      aria-label={label}
      data-garp-from={lb}
      data-garp-repeat={repeat ? 'true' : undefined}
    >
      <clipPath id={clip}>
        <rect x={0} y={0} width={layout.width} height={layout.height} />
      </clipPath>
      <g clipPath={`url(#${clip})`}>
        {WAVES.map((_, i) => (
          <circle key={i} className="garp-ring" cx={geometry.c.x} cy={geometry.c.y} r={geometry.r0} />
        ))}
      </g>
      <g className="garp-mark">
        <rect x={-w / 2} y={-15 * k} width={w} height={30 * k} rx={15 * k} />
        <text textAnchor="middle" y={6 * k} style={{ fontSize: `${16 * k}px` }}>
          {words}
        </text>
      </g>
    </g>
  );
}

/** How long the VIP badge takes to slide to its new holder (wall-clock ms: a glance, whatever the speed). */
const SLIDE_MS = 700;

/**
 * The VIP badge moves as the gratuitous ARP moves the VIP: when its holder changes, the badge
 * slides from where it was to its new place (not on a resize, when only the drawing moved);
 * it jumps under reduced motion.
 */
export function useVipSlide(ref: RefObject<SVGGElement | null>, at: Point, holder: string): void {
  const reduced = usePrefersReducedMotion();
  const last = useRef<{ at: Point; holder: string } | null>(null);
  useLayoutEffect(() => {
    const before = last.current;
    last.current = { at, holder };
    const el = ref.current;
    if (!before || before.holder === holder || reduced || !el || typeof el.animate !== 'function') return;
    const dx = before.at.x - at.x;
    const dy = before.at.y - at.y;
    el.animate([{ transform: `translate(${dx}px, ${dy}px)` }, { transform: 'translate(0px, 0px)' }], {
      duration: SLIDE_MS,
      easing: 'ease-in-out',
    });
  }, [ref, at, holder, reduced]);
}
