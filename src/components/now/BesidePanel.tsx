import type { ComponentType } from 'react';
import type { DetailId } from '../lessons/targets.ts';
import {
  ConntrackTable,
  ControlsPanel,
  EventLog,
  FailoverPanel,
  PacketInspector,
  ScalingPanel,
  SideBySidePanel,
  StatsPanel,
} from '../lazy.tsx';

/** Each detail panel a lesson step can bring beside the stage: the real one, the same as below it. */
const PANELS: Record<DetailId, ComponentType> = {
  inspector: PacketInspector,
  conntrack: ConntrackTable,
  'event-log': EventLog,
  controls: ControlsPanel,
  failover: FailoverPanel,
  stats: StatsPanel,
  compare: SideBySidePanel,
  scaling: ScalingPanel,
};

/** The detail panel a lesson step shows beside the stage (while it does, the details below leave it out). */
export function BesidePanel({ id }: { id: DetailId }) {
  const Panel = PANELS[id];
  return <Panel />;
}
