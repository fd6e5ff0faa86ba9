import type { Rect } from './place.ts';
import { cwBarText, type CwBar, type OverheadDots } from './ipvsGlyphs.ts';
import { BAR_SIZE, DOTS_SIZE } from './ServerGlyphs.tsx';

/** Where a glyph of base size goes: its placed rectangle, drawn at scale k. */
function at(r: Rect, k: number): string {
  return `translate(${r.x.toFixed(1)},${r.y.toFixed(1)}) scale(${k})`;
}

/** The bar's track: from LEFT, FULL px for the largest weight; the words after it. */
const LEFT = 10;
const FULL = 56;
const CHAR = 9.1;

/** The bars' size for these bars: one width for all (a column of bars reads as a chart), as long as the longest words. */
export function cwBarSize(bars: readonly CwBar[]): { w: number; h: number } {
  const chars = bars.reduce((m, b) => Math.max(m, [...cwBarText(b)].length), 0);
  return { w: Math.ceil(LEFT + FULL + 8 + chars * CHAR + 6), h: BAR_SIZE.h };
}

/**
 * wrr: one server's weight as a bar, and IPVS's single cw as a line across it: a bar that
 * reaches the line is one this walk takes (the kernel's `weight >= cw`), and the words say so.
 * The chosen server is starred and outlined, as nginx's bars are.
 */
export function CwBarGlyph({ bar, place, k, w }: { bar: CwBar; place: Rect; k: number; w: number }) {
  const len = bar.share * FULL;
  const line = LEFT + bar.cwShare * FULL;
  return (
    <g
      className={`cw-bar cw-ipvs${bar.chosen ? ' cw-chosen' : ''}${bar.out ? ' cw-out' : ''}${bar.reaches ? '' : ' cw-short'}`}
      transform={at(place, k)}
      data-server={bar.server}
      data-weight={bar.weight}
      data-cw={bar.cw}
      data-chosen={bar.chosen || undefined}
    >
      <rect className="cw-plate" width={w} height={BAR_SIZE.h} rx={5} />
      <rect className="cw-bar-fill" x={LEFT} y={7} width={Math.max(len, 0.001)} height={14} />
      <line className="cw-threshold" x1={line} y1={2} x2={line} y2={26} />
      <text className="cw-value" x={LEFT + FULL + 8} y={19.5}>
        {cwBarText(bar)}
      </text>
    </g>
  );
}

const PITCH = 15;
const R = 5.5;

/** lc/wlc: ● active, ○ inactive (as IPVS counted them at the pick), then the overhead it compared. */
export function OverheadDotsGlyph({ dots, place, k }: { dots: OverheadDots; place: Rect; k: number }) {
  const n = dots.filled + dots.rings;
  const text = [dots.more ? `+${dots.more}` : '', dots.chosen ? `★ ${dots.value}` : dots.value].filter(Boolean).join(' ');
  const after = 10 + Math.max(n, 1) * PITCH;
  // Only as wide as what it holds, against the side nearest the server.
  const w = Math.min(DOTS_SIZE.w, after + [...text].length * CHAR + 6);
  const cy = DOTS_SIZE.h / 2;
  return (
    <g
      className={`cw-dots cw-ipvs${dots.chosen ? ' cw-chosen' : ''}${dots.out ? ' cw-out' : ''}`}
      transform={at(place, k)}
      data-server={dots.server}
      data-value={dots.value}
      data-chosen={dots.chosen || undefined}
    >
      <g transform={`translate(${DOTS_SIZE.w - w},0)`}>
        <rect className="cw-plate" width={w} height={DOTS_SIZE.h} rx={5} />
        {n === 0 && <circle className="cw-dot-empty" cx={13 + R} cy={cy} r={R} />}
        {Array.from({ length: n }, (_, i) => (
          <circle key={i} className={i < dots.filled ? 'cw-dot' : 'cw-dot-inactive'} cx={13 + R + i * PITCH} cy={cy} r={R} />
        ))}
        <text className="cw-value" x={after + 4} y={18.5}>
          {text}
        </text>
      </g>
    </g>
  );
}
