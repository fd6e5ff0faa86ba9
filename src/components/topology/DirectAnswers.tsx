import { useMemo } from 'react';
import { isClient, isServer } from '../../sim/nodes.ts';
import { packetsAt } from '../../trace/packets.ts';
import { useLab, useT } from '../../store/context.tsx';
import { labelPlace, legPath, type DirectRoutes } from './directWay.ts';
import type { Layout } from './layout.ts';
import { textEms } from './packetLabels.ts';

/**
 * The servers' direct answers (direct routing, IP tunnelling): a dash-dot leg from each server
 * into one hub and from the hub out to each client, passing the balancer by; the legs an answer
 * travels on now are bolder, and "direct answer" is written beside the hub. One image for
 * screen readers, named for what it shows; each leg carries `data-direct-server` or
 * `data-direct-client` for tests.
 */
export function DirectAnswers({ direct, layout }: { direct: DirectRoutes; layout: Layout }) {
  const t = useT();
  const trace = useLab((s) => s.trace);
  const time = useLab((s) => s.time);
  const text = t('forwarding.direct');
  const label = useMemo(() => labelPlace(direct, layout, textEms(text)), [direct, layout, text]);
  // The legs with an answer (or a handshake segment) on them now.
  const active = useMemo(() => {
    const on = new Set<string>();
    for (const p of packetsAt(trace, time)) {
      if (isServer(p.from) && isClient(p.to)) on.add(p.from).add(p.to);
    }
    return on;
  }, [trace, time]);
  const cls = (node: string) => `link-direct${active.has(node) ? ' link-direct-active' : ''}`;
  return (
    <g className="direct-answers" role="img" aria-label={t('forwarding.directName')}>
      {[...direct.servers].map(([name, c]) => (
        <path key={name} className={cls(name)} d={legPath(c)} data-direct-server={name} />
      ))}
      {[...direct.clients].map(([name, c]) => (
        <path key={name} className={cls(name)} d={legPath(c)} data-direct-client={name} />
      ))}
      <text className="direct-label" x={label.x} y={label.y} textAnchor={label.anchor}>
        {text}
      </text>
    </g>
  );
}
