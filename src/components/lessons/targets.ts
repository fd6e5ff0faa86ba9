import type { LessonTarget } from '../../lessons/types.ts';

/** Where each part a lesson can point at is on the page. */
export const TARGET_SELECTORS: Record<LessonTarget, string> = {
  topology: '.drawing',
  clients: '.node-client',
  dns: '.node-dns',
  vip: '.vip-badge',
  lb1: '.node[data-node="lb1"]',
  lb2: '.node[data-node="lb2"]',
  servers: '.node-server',
  playback: '.playback',
  inspector: '.insp-inspector',
  nat: '.nat-card',
  conntrack: '.insp-conntrack',
  'event-log': '.log-panel',
  layer: '[data-lesson-target="layer"]',
  algorithm: '[data-lesson-target="algorithm"]',
  'server-controls': '.servers-control',
  traffic: '.traffic-control',
  'l7-settings': '.l7-control',
  failover: '.panel.failover',
  health: '.health-checks',
  why: '.why-panel',
  stats: '.stats-panel',
  compare: '.side-by-side',
  scaling: 'details.scaling:not(.side-by-side)',
};

export const HIGHLIGHT_CLASS = 'lesson-highlight';

/**
 * Outlines the targets (and opens a collapsed panel among them); returns a function that takes
 * the outlines away again. The first target is scrolled into view.
 */
export function highlight(targets: readonly LessonTarget[], smooth: boolean): () => void {
  const marked: Element[] = [];
  for (const name of targets) {
    for (const el of document.querySelectorAll(TARGET_SELECTORS[name])) {
      el.classList.add(HIGHLIGHT_CLASS);
      if (el instanceof HTMLDetailsElement) el.open = true;
      marked.push(el);
    }
  }
  marked[0]?.scrollIntoView({ block: 'nearest', behavior: smooth ? 'smooth' : 'auto' });
  return () => { for (const el of marked) el.classList.remove(HIGHLIGHT_CLASS); };
}
