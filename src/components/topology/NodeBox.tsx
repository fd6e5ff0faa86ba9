import type { Point } from './layout.ts';

interface Props {
  id: string;
  kind: 'client' | 'dns' | 'balancer' | 'server';
  at: Point;
  title: string;
  subtitle?: string;
  note?: string;
  label: string;
  standby?: boolean;
  wide?: boolean;
  /** A client's flow colour index. */
  flow?: number;
  /** Lines about its health under the rest (a server's failure, a balancer's view of it). */
  status?: string[];
  /** Failed, or taken out by health checks: drawn dashed, besides saying so in `status`. */
  state?: 'failed' | 'down';
}

const LINE = 28;

/** One machine on the drawing: a box with its name and address, readable from the back row. */
export function NodeBox({ id, kind, at, title, subtitle, note, label, standby, wide, flow, status = [], state }: Props) {
  const w = wide ? 450 : kind === 'client' ? 230 : kind === 'server' && status.length ? 270 : 250;
  const base = subtitle || note ? (note ? 108 : 84) : 60;
  const h = base + status.length * LINE;
  return (
    <g
      className={`node node-${kind}${standby ? ' node-standby' : ''}${state ? ` node-${state}` : ''}`}
      data-node={id}
      role="img"
      aria-label={label}
    >
      <rect x={at.x - w / 2} y={at.y - h / 2} width={w} height={h} rx={14} />
      <rect
        className={`node-stripe${flow === undefined ? '' : ` flow-${flow}`}`}
        x={at.x - w / 2}
        y={at.y - h / 2}
        width={10}
        height={h}
        rx={5}
      />
      <text className="node-title" x={at.x} y={at.y - h / 2 + 34} textAnchor="middle">
        {title}
      </text>
      {subtitle && (
        <text className="node-sub" x={at.x} y={at.y - h / 2 + 64} textAnchor="middle">
          {subtitle}
        </text>
      )}
      {note && (
        <text className="node-note" x={at.x} y={at.y - h / 2 + 92} textAnchor="middle">
          {note}
        </text>
      )}
      {status.map((line, i) => (
        <text key={i} className="node-status" x={at.x} y={at.y - h / 2 + base - 16 + (i + 1) * LINE} textAnchor="middle">
          {line}
        </text>
      ))}
    </g>
  );
}
