import type { Rect } from './place.ts';

const CHAR = 18.1;
const PAD = 16;
export const HASH_H = 50;

/** The tag's size for its text (monospace type: every character the same width). */
export function hashTagSize(text: string): { w: number; h: number } {
  return { w: Math.ceil([...text].length * CHAR + 2 * PAD), h: HASH_H };
}

/** "hash(203.0.113) → s2" beside the balancer that hashed: the key nginx read and where it led. */
export function HashTag({ text, label, server, place, k }: { text: string; label: string; server: string; place: Rect; k: number }) {
  const { w } = hashTagSize(text);
  return (
    <g
      className="cw-hash"
      role="img"
      aria-label={label}
      data-server={server}
      transform={`translate(${place.x.toFixed(1)},${place.y.toFixed(1)}) scale(${k})`}
    >
      <rect className="cw-plate" width={w} height={HASH_H} rx={10} />
      <text className="cw-hash-text" x={PAD} y={35}>
        {text}
      </text>
    </g>
  );
}
