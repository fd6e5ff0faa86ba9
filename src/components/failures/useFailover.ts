import { useMemo } from 'react';
import type { Scenario } from '../../sim/scenario.ts';
import type { BalancerName } from '../../sim/nodes.ts';
import { healthAt, vrrpAt, type HealthView, type VrrpAt } from '../../trace/config.ts';
import type { Trace } from '../../trace/trace.ts';
import { useLab } from '../../store/context.tsx';

/** The balancers at the committed time: VRRP roles and VIP, and each one's view of the servers. */
export interface FailoverView {
  vrrp: VrrpAt;
  health: Map<string, Map<string, HealthView>>;
  /** The balancer whose decisions count now: the live VIP holder, else a live master, else none. */
  inCharge: BalancerName | null;
}

function failoverAt(trace: Trace, scenario: Scenario, time: number): FailoverView {
  const vrrp = vrrpAt(trace, scenario, time);
  const holder = vrrp.balancers.find((b) => b.name === vrrp.vip && b.alive);
  const master = vrrp.balancers.find((b) => b.alive && b.role === 'master');
  return {
    vrrp,
    health: healthAt(trace, time, scenario.healthCheck ?? { rise: 1, fall: 1 }),
    inCharge: (holder ?? master)?.name ?? null,
  };
}

/** One view shared by the drawing and the panel: worked out once per (trace, scenario, time). */
let last: { trace: Trace; scenario: Scenario; time: number; value: FailoverView } | null = null;
function sharedFailover(trace: Trace, scenario: Scenario, time: number): FailoverView {
  if (last && last.trace === trace && last.scenario === scenario && last.time === time) return last.value;
  const value = failoverAt(trace, scenario, time);
  last = { trace, scenario, time, value };
  return value;
}

export function useFailoverView(): FailoverView {
  const trace = useLab((s) => s.trace);
  const scenario = useLab((s) => s.scenario);
  const time = useLab((s) => s.time);
  return useMemo(() => sharedFailover(trace, scenario, time), [trace, scenario, time]);
}
