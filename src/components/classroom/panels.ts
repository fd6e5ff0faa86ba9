import type { MessageKey } from '../../i18n/index.ts';

/** The panels a teacher can hide, by id (kept in the store and in shared links), and their titles. */
export const PANELS = [
  { id: 'inspector', title: 'inspector.label' },
  { id: 'conntrack', title: 'conntrack.label' },
  { id: 'event-log', title: 'log.title' },
  { id: 'scaling', title: 'scaling.label' },
  { id: 'compare', title: 'side.label' },
  { id: 'controls', title: 'controls.label' },
  { id: 'failover', title: 'failover.title' },
  { id: 'why', title: 'why.title' },
  { id: 'stats', title: 'stats.title' },
] as const satisfies readonly { id: string; title: MessageKey }[];

export type PanelId = (typeof PANELS)[number]['id'];
