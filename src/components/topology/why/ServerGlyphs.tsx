import { num } from '../../explain/format.ts';
import type { Rect } from './place.ts';
import { connDots, type WeightBar } from './glyphs.ts';

/** Sizes in screen px at type scale 1 (the stage is drawn in px; the glyphs grow by layout.type). */
export const BAR_SIZE = { w: 136, h: 28 };
export const DOTS_SIZE = { w: 160, h: 26 };

const ZERO = 44;
const HALF = 38;
/** One dot's pitch and radius. */
const PITCH = 15;
const R = 5.5;

/** Where a glyph of base size goes: its placed rectangle, drawn at scale k. */
function at(r: Rect, k: number): string {
  return `translate(${r.x.toFixed(1)},${r.y.toFixed(1)}) scale(${k})`;
}

/**
 * One server's current weight after the pick: a bar from a zero line (right for positive, left
 * for negative) and the number, the chosen server marked by a star and a heavy outline.
 */
export function WeightBarGlyph({ bar, place, k }: { bar: WeightBar; place: Rect; k: number }) {
  // A server that sat this step out (down, failed, full) keeps its number, greyed as the table strikes it.
  const len = bar.share * HALF;
  const x = bar.value < 0 ? ZERO - len : ZERO;
  return (
    <g
      className={`cw-bar${bar.chosen ? ' cw-chosen' : ''}${bar.value < 0 ? ' cw-negative' : ''}${bar.out ? ' cw-out' : ''}`}
      transform={at(place, k)}
      data-server={bar.server}
      data-value={num(bar.value)}
      data-chosen={bar.chosen || undefined}
    >
      <rect className="cw-plate" width={BAR_SIZE.w} height={BAR_SIZE.h} rx={5} />
      <rect className="cw-bar-fill" x={x} y={7} width={Math.max(len, 0.001)} height={14} />
      <line className="cw-zero" x1={ZERO} y1={3} x2={ZERO} y2={25} />
      <text className="cw-value" x={ZERO + HALF + 7} y={19.5}>
        {bar.chosen ? `★ ${num(bar.value)}` : num(bar.value)}
      </text>
    </g>
  );
}

/** One server's open connections: a dot each up to eight, then "+n"; a star on the chosen one. */
export function ConnDotsGlyph({
  server,
  count,
  chosen,
  place,
  k,
}: {
  server: string;
  count: number;
  chosen: boolean;
  place: Rect;
  k: number;
}) {
  const { dots, more } = connDots(count);
  const text = [more ? `+${more}` : '', chosen ? '★' : ''].filter(Boolean).join(' ');
  const after = 10 + Math.max(dots, 1) * PITCH;
  // Only as wide as what it holds, against the side nearest the server (monospace: 0.6 of the type a character).
  const w = Math.min(DOTS_SIZE.w, after + (text ? [...text].length * 9.1 + 6 : 0));
  return (
    <g
      className={`cw-dots${chosen ? ' cw-chosen' : ''}`}
      transform={at(place, k)}
      data-server={server}
      data-count={count}
      data-chosen={chosen || undefined}
    >
      <g transform={`translate(${DOTS_SIZE.w - w},0)`}>
        <rect className="cw-plate" width={w} height={DOTS_SIZE.h} rx={5} />
        {dots === 0 && <circle className="cw-dot-empty" cx={13 + R} cy={DOTS_SIZE.h / 2} r={R} />}
        {Array.from({ length: dots }, (_, i) => (
          <circle key={i} className="cw-dot" cx={13 + R + i * PITCH} cy={DOTS_SIZE.h / 2} r={R} />
        ))}
        {text && (
          <text className="cw-value" x={after + 4} y={18.5}>
            {text}
          </text>
        )}
      </g>
    </g>
  );
}
