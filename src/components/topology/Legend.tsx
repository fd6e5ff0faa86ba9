import { useMemo, type ReactNode } from 'react';
import type { MessageKey } from '../../i18n/index.ts';
import { useLab, useT } from '../../store/context.tsx';
import { legendItems, type LegendItem } from './legendItems.ts';
import { burstPath, SHAPES, UTURN } from './packetShapes.ts';
import './packets.css';

const BURST = burstPath(20, 14);

/** Each item's picture, drawn with the stage's own shapes and classes (24 units each way). */
const PICTURES: Record<LegendItem, ReactNode> = {
  request: <path className="legend-shape flow-1" d={SHAPES.request} />,
  response: <path className="legend-shape flow-1" d={SHAPES.response} />,
  pill: (
    <g className="packet-pill">
      <rect x={-24} y={-14} width={48} height={28} rx={6} />
      <text x={0} y={7} textAnchor="middle" fontSize={20}>
        #5
      </text>
    </g>
  ),
  dns: <path className="legend-shape packet-dns" d={SHAPES.dns} transform="scale(1.5)" />,
  tcp: <path className="legend-shape packet-tcp" d={SHAPES.tcp} />,
  held: (
    <g>
      {[-14, 0, 14].map((x) => (
        <circle key={x} className="legend-shape flow-1" cx={x} cy={0} r={6} />
      ))}
    </g>
  ),
  tag: (
    <g className="packet-tag">
      <rect className="packet-tag-frame" x={-24} y={-18} width={48} height={36} rx={6} />
      <rect className="packet-tag-mark packet-tag-mark-on" x={-18} y={-12} width={36} height={10} rx={3} />
      <rect x={-18} y={3} width={30} height={8} rx={3} fill="#94a3b8" />
    </g>
  ),
  probe: (
    <g className="probe">
      <circle r={16} />
      <text textAnchor="middle" y={6}>
        ?
      </text>
    </g>
  ),
  advert: (
    <g className="advert">
      <rect x={-24} y={-11} width={48} height={22} rx={11} />
    </g>
  ),
  drop: (
    <g className="drop">
      <rect x={-24} y={-15} width={48} height={30} rx={6} />
      <text textAnchor="middle" y={8}>
        ✗
      </text>
    </g>
  ),
  cache: (
    <g className="verdict verdict-cached">
      <path className="verdict-shape" d={UTURN} transform="scale(1.4)" />
    </g>
  ),
  blocked: (
    <g className="verdict verdict-blocked">
      <path className="verdict-shape" d={BURST} />
    </g>
  ),
  error: <path className="legend-shape packet-error" d={SHAPES.response} />,
  sessionLost: <path className="legend-shape packet-error" d={SHAPES.response} />,
};

const WORDS: Record<LegendItem, MessageKey> = {
  request: 'legend.request',
  response: 'legend.response',
  pill: 'legend.pill',
  dns: 'legend.dns',
  tcp: 'legend.tcp',
  held: 'legend.held',
  tag: 'legend.tag',
  probe: 'legend.probe',
  advert: 'legend.advert',
  drop: 'legend.drop',
  cache: 'legend.cache',
  blocked: 'legend.blocked',
  error: 'legend.error',
  sessionLost: 'legend.sessionLost',
};

/** What each shape on the stage is: one wrapping row under the drawing, only what can occur here. */
export function Legend() {
  const t = useT();
  const scenario = useLab((s) => s.scenario);
  const trace = useLab((s) => s.trace);
  const time = useLab((s) => s.time);
  const items = useMemo(() => legendItems(scenario, trace, time), [scenario, trace, time]);
  return (
    <ul className="legend" role="list" aria-label={t('legend.label')}>
      {items.map((item) => (
        <li key={item} data-item={item}>
          <svg
            className={item === 'pill' || item === 'advert' || item === 'tag' ? 'legend-wide signals' : 'signals'}
            viewBox={item === 'pill' || item === 'advert' || item === 'tag' ? '-26 -20 52 40' : '-22 -22 44 44'}
            aria-hidden="true"
          >
            {PICTURES[item]}
          </svg>
          {t(item === 'pill' && scenario.mode === 'L7' ? 'legend.pillL7' : WORDS[item])}
        </li>
      ))}
    </ul>
  );
}
