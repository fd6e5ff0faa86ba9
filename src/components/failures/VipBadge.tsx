import { useRef } from 'react';
import { useT } from '../../store/context.tsx';
import { useVipSlide } from '../topology/GarpLayer.tsx';
import type { Point } from '../topology/layout.ts';
import './failures.css';

/**
 * The VIP drawn over the balancer its packets go to. While that balancer is down the badge
 * stays there, dashed, saying nobody answers: the switches still send the VIP's packets to it
 * until the backup's gratuitous ARP moves the badge.
 */
export function VipBadge({ at, vip, holder, answered }: { at: Point; vip: string; holder: string; answered: boolean }) {
  const t = useT();
  const g = useRef<SVGGElement>(null);
  useVipSlide(g, at, holder);
  return (
    <g ref={g} className={`vip-badge${answered ? '' : ' vip-badge-lost'}`} data-vip-on={holder} data-lesson-target="vip">
      <rect x={at.x - 150} y={at.y - 150} width={300} height={50} rx={25} />
      <text x={at.x} y={at.y - 116} textAnchor="middle">
        {t('node.vip', { vip })}
      </text>
      {!answered && (
        <text className="vip-note" x={at.x} y={at.y - 72} textAnchor="middle">
          {t('fail.vip.lost', { lb: holder })}
        </text>
      )}
    </g>
  );
}
