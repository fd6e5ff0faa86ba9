import { useMemo } from 'react';
import type { IpvsDecision } from '../../../sim/algorithms/ipvs/registry.ts';
import type { Decision } from '../../../sim/algorithms/pick.ts';
import type { RequestRecord } from '../../../sim/types.ts';
import { useLab } from '../../../store/context.tsx';
import { useSelectedRecord } from '../../../store/hooks.ts';
import { whyAt, type WhyAt } from '../../../trace/why.ts';

/**
 * What "Why this server" tells at the committed time (trace/why.ts): the one query the panel
 * and the drawing both ask, so they always explain the same pick, by the same balancer.
 */
export function useWhy(): WhyAt {
  const trace = useLab((s) => s.trace);
  const scenario = useLab((s) => s.scenario);
  const time = useLab((s) => s.time);
  const selected = useSelectedRecord();
  return useMemo(() => whyAt(trace, scenario, time, selected), [trace, scenario, time, selected]);
}

/** nginx's decision (L7) the drawing marks (weights, connections, the hash), or null when none is being told. */
export function useWhyDecision(): { record: RequestRecord; decision: Decision } | null {
  const why = useWhy();
  return why.kind === 'decision' ? { record: why.record, decision: why.decision } : null;
}

/** IPVS's pick (L4) the drawing marks (cw, overheads, the bucket), or null when none is being told. */
export function useWhyIpvs(): { record: RequestRecord; ipvs: IpvsDecision; balancer: string; at: number } | null {
  const why = useWhy();
  return why.kind === 'ipvs' ? { record: why.record, ipvs: why.ipvs, balancer: why.balancer, at: why.at } : null;
}
