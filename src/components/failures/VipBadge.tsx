import { useRef } from 'react';
import { useT } from '../../store/context.tsx';
import { useVipSlide } from '../topology/GarpLayer.tsx';
import { vipBadgeSize, type Point } from '../topology/layout.ts';
import { TYPE } from '../topology/nodeBoxes.ts';
import './failures.css';

interface Props {
  /** The balancer's centre, and how far above it its box's top edge is (px). */
  at: Point;
  lift: number;
  /** The type scale (layout.type). */
  k: number;
  vip: string;
  holder: string;
  answered: boolean;
}

/**
 * The VIP drawn over the balancer its packets go to. While that balancer is down the badge
 * stays there, dashed, saying nobody answers: the switches still send the VIP's packets to it
 * until the backup's gratuitous ARP moves the badge. Sized in screen px like the rest of the stage.
 */
export function VipBadge({ at, lift, k, vip, holder, answered }: Props) {
  const t = useT();
  const g = useRef<SVGGElement>(null);
  useVipSlide(g, at, holder);
  const text = t('node.vip', { vip });
  const { w, h } = vipBadgeSize(vip, k);
  const y = at.y - lift - 6 * k - h;
  return (
    <g ref={g} className={`vip-badge${answered ? '' : ' vip-badge-lost'}`} data-vip-on={holder} data-lesson-target="vip">
      <rect x={at.x - w / 2} y={y} width={w} height={h} rx={h / 2} />
      <text x={at.x} y={y + h / 2 + TYPE.vip * 0.36 * k} textAnchor="middle">
        {text}
      </text>
      {!answered && (
        <text className="vip-note" x={at.x} y={y - 6 * k} textAnchor="middle">
          {t('fail.vip.lost', { lb: holder })}
        </text>
      )}
    </g>
  );
}
