import type { ReactNode } from 'react';
import { useLab } from '../../store/context.tsx';
import type { PanelId } from './panels.ts';

/** Shows a panel unless the teacher hid it. */
export function Hideable({ id, children }: { id: PanelId; children: ReactNode }) {
  const hidden = useLab((s) => s.hidden.includes(id));
  return hidden ? null : <>{children}</>;
}
