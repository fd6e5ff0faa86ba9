import { memo } from 'react';
import type { LessonTarget } from '../../lessons/types.ts';
import type { Point } from './layout.ts';
import { boxSize, type NodeKind } from './nodeBoxes.ts';

const NONE: string[] = [];

interface Props {
  id: string;
  kind: NodeKind;
  at: Point;
  title: string;
  subtitle?: string;
  note?: string;
  label: string;
  standby?: boolean;
  /** The type scale (layout.type): the box and its type grow with it. */
  k?: number;
  /** A client's flow colour index. */
  flow?: number;
  /** Lines about its health under the rest (a server's failure, a balancer's view of it). */
  status?: string[];
  /** Failed, or taken out by health checks: drawn dashed, besides saying so in `status`. */
  state?: 'failed' | 'down';
  /** What a lesson step calls it: the node itself (a balancer, DNS) or all of its kind (clients, servers). */
  lessonTarget: LessonTarget;
}

/**
 * One machine on the drawing: a box with a few big words (name, address, weight, state),
 * readable from the back row; the rest in its accessible name, which hovering shows too.
 */
// Drawn again only when its words or place change: a commit (eight a second while playing) re-renders
// the stage, and most boxes (clients, DNS) say the same as before.
export const NodeBox = memo(function NodeBox({
  id,
  kind,
  at,
  title,
  subtitle,
  note,
  label,
  standby,
  k = 1,
  flow,
  status = NONE,
  state,
  lessonTarget,
}: Props) {
  const { w, h, lines } = boxSize(kind, { subtitle: !!subtitle, note: !!note, status: status.length }, k);
  const top = at.y - h / 2;
  const box = (
    <g
      className={`node node-${kind}${standby ? ' node-standby' : ''}${state ? ` node-${state}` : ''}`}
      data-node={id}
      data-lesson-target={lessonTarget}
      role="img"
      aria-label={label}
    >
      <rect x={at.x - w / 2} y={top} width={w} height={h} rx={8 * k} />
      <rect
        className={`node-stripe${flow === undefined ? '' : ` flow-${flow}`}`}
        x={at.x - w / 2}
        y={top}
        width={6 * k}
        height={h}
        rx={3 * k}
      />
      <text className="node-title" x={at.x} y={top + lines.title} textAnchor="middle">
        {title}
      </text>
      {subtitle && (
        <text className="node-sub" x={at.x} y={top + lines.sub!} textAnchor="middle">
          {subtitle}
        </text>
      )}
      {note && (
        <text className="node-note" x={at.x} y={top + lines.note!} textAnchor="middle">
          {note}
        </text>
      )}
      {status.map((line, i) => (
        <text key={i} className="node-status" x={at.x} y={top + lines.status(i)} textAnchor="middle">
          {line}
        </text>
      ))}
      {/* Last, so that the box stays the group's first child (the styles and nodeBoxes read it so). */}
      <title>{label}</title>
    </g>
  );
  // A server or a balancer opens its controls beside it when clicked or on Enter (NodeMenu listens
  // for it): a button named as the box, around it.
  if (kind !== 'server' && kind !== 'balancer') return box;
  return (
    <g className="node-button" data-menu-node={id} role="button" tabIndex={0} aria-haspopup="dialog" aria-label={label}>
      {box}
    </g>
  );
});
