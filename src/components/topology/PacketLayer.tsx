import { useEffect, useRef } from 'react';
import { packetsAt } from '../../trace/packets.ts';
import type { Trace } from '../../trace/trace.ts';
import type { PlaybackClock } from '../../store/clock.ts';
import type { Point } from './layout.ts';

interface Props {
  trace: Trace;
  clock: PlaybackClock;
  /** Where each node id ("client:<ip>", "dns", "lb1", server names) is drawn. */
  points: Map<string, Point>;
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
const SHAPES = {
  request: 'M-16,0a16,16 0 1,0 32,0a16,16 0 1,0 -32,0', response: 'M0,-19L19,0L0,19L-19,0Z', dns: 'M-10,-10h20v20h-20Z',
  // A handshake segment: a small flag-shaped pennant, not a full packet of data.
  tcp: 'M-18,-14L18,-14L9,0L18,14L-18,14Z',
};

/**
 * The packets, moved every frame from the playback clock without React: a pool of SVG
 * elements positioned by attribute. Requests are circles, responses diamonds, DNS small
 * squares; colour follows the client. Under reduced motion a packet waits midway on its link
 * instead of gliding.
 */
export function PacketLayer({ trace, clock, points, colorOf, selected, onSelect, reducedMotion }: Props) {
  const layer = useRef<SVGGElement>(null);
  const props = useRef({ trace, points, colorOf, selected, reducedMotion });

  useEffect(() => {
    const g = layer.current;
    if (!g) return;
    const pool: SVGPathElement[] = [];
    // Handshake segments carry their flags as a word beside them (shape alone is not enough).
    const labels: SVGTextElement[] = [];
    const draw = (t: number) => {
      let shownLabels = 0;
      const { trace: tr, points: pts, colorOf: colors, selected: sel, reducedMotion: still } = props.current;
      const packets = packetsAt(tr, t);
      const held = new Map<string, number>();
      for (let i = 0; i < packets.length; i++) {
        const p = packets[i]!;
        let el = pool[i];
        if (!el) {
          el = document.createElementNS(SVG, 'path');
          g.appendChild(el);
          pool.push(el);
        }
        const a = pts.get(p.from), b = pts.get(p.to);
        if (!a || !b) { el.style.display = 'none'; continue; }
        let x: number, y: number;
        if (p.from === p.to) {
          // Held at a node (being served): stack beside it.
          const n = held.get(p.from) ?? 0;
          held.set(p.from, n + 1);
          x = a.x - 70 + (n % 6) * 28;
          y = a.y + 62 + Math.floor(n / 6) * 28;
        } else {
          const f = still ? 0.5 : p.frac;
          x = a.x + (b.x - a.x) * f;
          y = a.y + (b.y - a.y) * f;
        }
        const client = tr.records[p.record]!.client;
        // Only what changed is written: an unchanged class or shape costs the browser a style pass.
        setIfChanged(el, 'd', SHAPES[p.kind]);
        el.setAttribute('transform', `translate(${x.toFixed(1)},${y.toFixed(1)})${p.id === sel ? ' scale(1.5)' : ''}`);
        setIfChanged(el, 'class', `packet packet-${p.kind} flow-${(colors.get(client) ?? 0) % 6}${p.id === sel ? ' packet-selected' : ''}`);
        setIfChanged(el, 'data-id', String(p.id));
        if (el.style.display) el.style.display = '';
        if (p.kind === 'tcp') {
          let label = labels[shownLabels];
          if (!label) {
            label = document.createElementNS(SVG, 'text');
            label.setAttribute('class', 'packet-flags');
            g.appendChild(label);
            labels.push(label);
          }
          shownLabels++;
          label.setAttribute('x', (x + 22).toFixed(1));
          label.setAttribute('y', (y + 8).toFixed(1));
          if (label.textContent !== p.flags) label.textContent = p.flags ?? '';
          if (label.style.display) label.style.display = '';
        }
      }
      for (let i = packets.length; i < pool.length; i++) if (pool[i]!.style.display !== 'none') pool[i]!.style.display = 'none';
      for (let i = shownLabels; i < labels.length; i++) if (labels[i]!.style.display !== 'none') labels[i]!.style.display = 'none';
    };
    draw(clock.time);
    const unsubscribe = clock.subscribe(draw);
    return () => {
      unsubscribe();
      for (const el of pool) el.remove();
      for (const el of labels) el.remove();
    };
  }, [clock]);

  // The frame callback reads the latest props; redraw at once when they change while paused.
  useEffect(() => {
    props.current = { trace, points, colorOf, selected, reducedMotion };
    clock.redraw();
  }, [trace, points, colorOf, selected, reducedMotion, clock]);

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
