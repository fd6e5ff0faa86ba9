import { PANELS } from '../classroom/panels.ts';
import type { DetailId } from '../lessons/targets.ts';
import type { MessageKey } from '../../i18n/index.ts';
import type { NowTab } from '../../store/labCore.ts';
import { useLab } from '../../store/context.tsx';

export interface TabInfo {
  id: NowTab;
  /** What the tab says (short: the column is narrow). */
  label: MessageKey;
}

/**
 * The column's tabs now: why, NAT and VRRP (unless the teacher hid the panel), and the detail
 * panel a lesson step brought beside the stage; with the one selected (the first, when the
 * remembered one is not there).
 */
export function useNowTabs(): { tabs: TabInfo[]; active: NowTab; beside: DetailId | null } {
  const hidden = useLab((s) => s.hidden);
  const beside = useLab((s) => s.beside) as DetailId | null;
  const remembered = useLab((s) => s.nowTab);
  const tabs: TabInfo[] = [];
  if (!hidden.includes('why')) tabs.push({ id: 'why', label: 'now.tab.why' });
  tabs.push({ id: 'nat', label: 'now.tab.nat' });
  if (!hidden.includes('failover')) tabs.push({ id: 'failover', label: 'now.tab.failover' });
  if (beside) tabs.push({ id: 'beside', label: PANELS.find((p) => p.id === beside)!.title });
  const active = tabs.some((t) => t.id === remembered) ? remembered : tabs[0]!.id;
  return { tabs, active, beside };
}
