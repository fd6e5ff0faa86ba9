import type { ReactNode } from 'react';
import { useLab } from '../../store/context.tsx';
import { OffscreenHold } from '../../store/offscreen.tsx';
import type { PanelId } from './panels.ts';

/**
 * Shows a panel unless the teacher hid it. A detail panel (`hold`) also pauses while it is
 * scrolled out of view during playback (see OffscreenHold), and is left out while a lesson step
 * shows it beside the stage (components/now/BesidePanel.tsx): one of each on the page.
 */
export function Hideable({ id, hold, children }: { id: PanelId; hold?: boolean; children: ReactNode }) {
  const hidden = useLab((s) => s.hidden.includes(id));
  const beside = useLab((s) => hold === true && s.beside === id);
  if (hidden || beside) return null;
  return hold ? <OffscreenHold>{children}</OffscreenHold> : <>{children}</>;
}
