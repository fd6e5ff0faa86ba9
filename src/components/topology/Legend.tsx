import { useMemo, type ReactNode } from 'react';
import type { MessageKey } from '../../i18n/index.ts';
import { useLab, useT } from '../../store/context.tsx';
import { useConfigAt } from '../../store/hooks.ts';
import { useFailoverView } from '../failures/useFailover.ts';
import { legendItems, whyWords, type LegendItem } from './legendItems.ts';
import { countdownAt } from './why/countdown.ts';
import { useWhyDecision, useWhyIpvs } from './why/useWhyDecision.ts';
import { burstPath, SHAPES, UTURN } from './packetShapes.ts';
import './packets.css';
import './garp.css';

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
  direct: <path className="link-direct link-direct-active" d="M-22,10 Q0,-20 22,10" />,
  mac: (
    <g className="packet-tag">
      <rect className="packet-tag-frame" x={-24} y={-18} width={48} height={36} rx={6} />
      <rect x={-18} y={-13} width={30} height={7} rx={3} fill="#94a3b8" />
      <rect x={-18} y={-3} width={30} height={7} rx={3} fill="#94a3b8" />
      <rect className="packet-tag-mark packet-tag-mark-on" x={-18} y={6} width={36} height={9} rx={3} />
    </g>
  ),
  outer: (
    <g className="packet-tag">
      <rect className="packet-tag-outer" x={-25} y={-19} width={50} height={38} rx={6} />
      <rect className="packet-tag-mark packet-tag-mark-on" x={-19} y={-14} width={38} height={8} rx={3} />
      <rect className="packet-tag-frame" x={-20} y={-3} width={40} height={18} rx={4} />
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
  queueFull: (
    <g className="queue-full">
      <rect className="queue-full-frame" x={-24} y={-16} width={48} height={22} rx={5} />
      {[-14, 0, 14].map((x) => (
        <circle key={x} className="legend-shape flow-1" cx={x} cy={-5} r={5} />
      ))}
      <rect className="queue-full-tag" x={-24} y={8} width={48} height={11} rx={3} />
    </g>
  ),
  retry: (
    <g className="packet-pill packet-pill-retry">
      <rect x={-24} y={-14} width={48} height={28} rx={6} />
      <text x={0} y={7} textAnchor="middle" fontSize={17}>
        SYN
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
  garp: (
    <g className="legend-garp">
      <circle r={7} />
      <circle r={13} />
      <circle r={19} />
    </g>
  ),
  whyBars: (
    <g>
      <rect className="legend-why-plate" x={-25} y={-12} width={50} height={24} rx={5} />
      <line className="legend-why-zero" x1={-16} y1={-9} x2={-16} y2={9} />
      <rect className="legend-why-bar" x={-16} y={-6} width={30} height={12} />
    </g>
  ),
  whyDots: (
    <g>
      <rect className="legend-why-plate" x={-25} y={-12} width={50} height={24} rx={5} />
      {[-13, 0, 13].map((x) => (
        <circle key={x} className="legend-why-dot" cx={x} cy={0} r={5} />
      ))}
    </g>
  ),
  whyRing: (
    <g>
      <circle className="legend-why-track" r={14} />
      <path className="legend-why-arc" d="M 0 -14 A 14 14 0 1 1 -14 0" />
    </g>
  ),
  whyHash: (
    <g>
      <rect className="legend-why-plate legend-why-hash" x={-25} y={-12} width={50} height={24} rx={6} />
      <text className="legend-why-hash-text" x={0} y={7} textAnchor="middle">
        #
      </text>
    </g>
  ),
  whyWalk: (
    <g>
      <rect className="legend-why-plate legend-why-hash" x={-25} y={-12} width={50} height={24} rx={6} />
      <text className="legend-why-hash-text" x={0} y={7} textAnchor="middle">
        →
      </text>
    </g>
  ),
};

const WORDS: Record<LegendItem, MessageKey> = {
  request: 'legend.request',
  response: 'legend.response',
  pill: 'legend.pill',
  dns: 'legend.dns',
  tcp: 'legend.tcp',
  held: 'legend.held',
  tag: 'legend.tag',
  direct: 'legend.direct',
  mac: 'legend.mac',
  outer: 'legend.outer',
  probe: 'legend.probe',
  advert: 'legend.advert',
  drop: 'legend.drop',
  queueFull: 'legend.queueFull',
  retry: 'legend.retry',
  cache: 'legend.cache',
  blocked: 'legend.blocked',
  error: 'legend.error',
  sessionLost: 'legend.sessionLost',
  garp: 'legend.garp',
  whyBars: 'legend.whyBars',
  whyDots: 'legend.whyDots',
  whyRing: 'legend.whyRing',
  whyHash: 'legend.whyHash',
  whyWalk: 'legend.whyWalk',
};

/** Pictures drawn wide (a pill, a plate). */
const WIDE: ReadonlySet<LegendItem> = new Set([
  'pill',
  'advert',
  'tag',
  'direct',
  'mac',
  'outer',
  'whyBars',
  'whyDots',
  'whyHash',
  'whyWalk',
  'queueFull',
  'retry',
]);

/** What each shape on the stage is: one wrapping row under the drawing, only what can occur here. */
export function Legend() {
  const t = useT();
  const scenario = useLab((s) => s.scenario);
  const trace = useLab((s) => s.trace);
  const time = useLab((s) => s.time);
  const { algorithm } = useConfigAt();
  // Both hooks every render: nginx's pick (L7) or IPVS's (L4).
  const nginx = useWhyDecision();
  const ipvs = useWhyIpvs();
  const decided = nginx !== null || ipvs !== null;
  const failover = useFailoverView();
  const countdown = countdownAt(failover.vrrp, scenario.balancers.advertIntervalMs, time) !== null;
  const items = useMemo(
    () => legendItems(scenario, trace, time, { algorithm, decided, countdown, mode: scenario.mode }),
    [scenario, trace, time, algorithm, decided, countdown],
  );
  return (
    <ul className="legend" role="list" aria-label={t('legend.label')}>
      {items.map((item) => (
        <li key={item} data-item={item}>
          <svg
            className={WIDE.has(item) ? 'legend-wide signals' : 'signals'}
            viewBox={WIDE.has(item) ? '-26 -20 52 40' : '-22 -22 44 44'}
            aria-hidden="true"
          >
            {PICTURES[item]}
          </svg>
          {t(item === 'pill' && scenario.mode === 'L7' ? 'legend.pillL7' : (whyWords(item, scenario.mode) ?? WORDS[item]))}
        </li>
      ))}
    </ul>
  );
}
