import type { Rect } from './place.ts';

/** In screen px at type scale 1: 15 px monospace type (canvasWhy.css), 0.6 of it a character. */
const CHAR = 9.1;
const PAD = 8;
export const HASH_H = 28;

/** Hangul (and other wide script) in the monospace type: a glyph about 1.7 characters wide. */
const WIDE = /[\u1100-\u11ff\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/u;

/** The tag's size for its text (monospace type: every Latin character the same width, a Hangul syllable wider). */
export function hashTagSize(text: string): { w: number; h: number } {
  const columns = [...text].reduce((n, c) => n + (WIDE.test(c) ? 1.7 : 1), 0);
  return { w: Math.ceil(columns * CHAR + 2 * PAD), h: HASH_H };
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
      <rect className="cw-plate" width={w} height={HASH_H} rx={5} />
      <text className="cw-hash-text" x={PAD} y={19.5}>
        {text}
      </text>
    </g>
  );
}
