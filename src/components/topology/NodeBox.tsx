import type { LessonTarget } from '../../lessons/types.ts';
import type { Point } from './layout.ts';
import { boxSize, STATUS_LINE, type NodeKind } from './nodeBoxes.ts';

interface Props {
  id: string;
  kind: NodeKind;
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
  /** What a lesson step calls it: the node itself (a balancer, DNS) or all of its kind (clients, servers). */
  lessonTarget: LessonTarget;
}

/** One machine on the drawing: a box with its name and address, readable from the back row. */
export function NodeBox({ id, kind, at, title, subtitle, note, label, standby, wide, flow, status = [], state, lessonTarget }: Props) {
  const { w, h, base } = boxSize(kind, { wide, subtitle: !!subtitle, note: !!note, status: status.length });
  return (
    <g
      className={`node node-${kind}${standby ? ' node-standby' : ''}${state ? ` node-${state}` : ''}`}
      data-node={id}
      data-lesson-target={lessonTarget}
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
        <text key={i} className="node-status" x={at.x} y={at.y - h / 2 + base - 16 + (i + 1) * STATUS_LINE} textAnchor="middle">
          {line}
        </text>
      ))}
    </g>
  );
}
