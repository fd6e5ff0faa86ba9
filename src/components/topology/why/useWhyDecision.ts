import { useMemo } from 'react';
import type { Decision } from '../../../sim/algorithms/pick.ts';
import type { RequestRecord } from '../../../sim/types.ts';
import { useLab } from '../../../store/context.tsx';
import { useWhyRecord } from '../../../store/hooks.ts';
import { pickHop } from '../../../trace/snapshot.ts';

/**
 * The decision "Why this server" tells: the selected request's, else the latest one placed by
 * the committed time; none before its balancer has picked. The request is WhyPanel's own
 * (useWhyRecord), so the drawing and the panel always explain the same pick.
 */
export function useWhyDecision(): { record: RequestRecord; decision: Decision } | null {
  const time = useLab((s) => s.time);
  const record = useWhyRecord();
  return useMemo(() => {
    if (!record?.decision) return null;
    const pick = record.hops[pickHop(record)];
    if (!pick || pick.at > time) return null;
    return { record, decision: record.decision };
  }, [record, time]);
}
