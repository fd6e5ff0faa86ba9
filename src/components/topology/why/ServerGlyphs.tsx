import { num } from '../../explain/format.ts';
import type { Rect } from './place.ts';
import { connDots, type WeightBar } from './glyphs.ts';

/** Sizes in picture units before the classroom scale. */
export const BAR_SIZE = { w: 272, h: 48 };
export const DOTS_SIZE = { w: 300, h: 44 };

const ZERO = 90;
const HALF = 76;

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
      <rect className="cw-plate" width={BAR_SIZE.w} height={BAR_SIZE.h} rx={9} />
      <rect className="cw-bar-fill" x={x} y={13} width={Math.max(len, 0.001)} height={22} />
      <line className="cw-zero" x1={ZERO} y1={6} x2={ZERO} y2={42} />
      <text className="cw-value" x={ZERO + HALF + 12} y={35}>
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
  const after = 18 + Math.max(dots, 1) * 28;
  // Only as wide as what it holds, against the side nearest the server.
  const w = Math.min(DOTS_SIZE.w, after + (text ? [...text].length * 18 + 10 : 0));
  return (
    <g
      className={`cw-dots${chosen ? ' cw-chosen' : ''}`}
      transform={at(place, k)}
      data-server={server}
      data-count={count}
      data-chosen={chosen || undefined}
    >
      <g transform={`translate(${DOTS_SIZE.w - w},0)`}>
        <rect className="cw-plate" width={w} height={DOTS_SIZE.h} rx={9} />
        {dots === 0 && <circle className="cw-dot-empty" cx={26} cy={22} r={10} />}
        {Array.from({ length: dots }, (_, i) => (
          <circle key={i} className="cw-dot" cx={26 + i * 28} cy={22} r={10} />
        ))}
        {text && (
          <text className="cw-value" x={after} y={33}>
            {text}
          </text>
        )}
      </g>
    </g>
  );
}
