import type { MessageKey } from '../../i18n/index.ts';
import type { LessonTarget } from '../../lessons/types.ts';
import type { PanelId } from '../classroom/panels.ts';
import { WIDE } from './useFloating.ts';

interface Target {
  /** What the page calls it: a panel's or control's own heading or label where it has one. */
  name: MessageKey;
  /** The panel (of the Panels menu) it lives in, when a teacher can hide it. */
  panel?: PanelId;
  /** Many elements, one per node of its kind (every client, every server), where the others are one. */
  each?: true;
  /** The "now" column's tab it is in (why, NAT, VRRP): a step about it selects that tab. */
  tab?: 'why' | 'nat' | 'failover';
  /** The detail panel it is in: a step about it shows that panel beside the stage, never by scrolling the page. */
  beside?: DetailId;
}

/** The detail panels (below the stage) that a lesson step can bring beside it. */
export const DETAILS = ['inspector', 'conntrack', 'event-log', 'controls', 'failover', 'stats', 'compare', 'scaling'] as const;
export type DetailId = (typeof DETAILS)[number] & PanelId;

/** What a lesson can point at, and what it is called there. */
export const TARGETS: Record<LessonTarget, Target> = {
  topology: { name: 'lessons.target.topology' },
  clients: { name: 'lessons.target.clients', each: true },
  dns: { name: 'lessons.target.dns' },
  vip: { name: 'lessons.target.vip' },
  lb1: { name: 'lessons.target.lb1' },
  lb2: { name: 'lessons.target.lb2' },
  servers: { name: 'lessons.target.servers', each: true },
  playback: { name: 'playback.label' },
  inspector: { name: 'inspector.label', panel: 'inspector', beside: 'inspector' },
  nat: { name: 'nat.label', tab: 'nat' },
  conntrack: { name: 'conntrack.label', panel: 'conntrack', beside: 'conntrack' },
  'event-log': { name: 'log.title', panel: 'event-log', beside: 'event-log' },
  // In the toolbar (StageSettings), always on screen.
  layer: { name: 'controls.layer' },
  algorithm: { name: 'controls.algorithm' },
  forwarding: { name: 'forwarding.label' },
  'server-controls': { name: 'controls.servers', panel: 'controls', beside: 'controls' },
  traffic: { name: 'controls.traffic', panel: 'controls', beside: 'controls' },
  'l7-settings': { name: 'controls.l7', panel: 'controls', beside: 'controls' },
  failover: { name: 'failover.title', panel: 'failover', tab: 'failover' },
  health: { name: 'failover.hc.heading', panel: 'failover', beside: 'failover' },
  why: { name: 'why.title', panel: 'why', tab: 'why' },
  stats: { name: 'stats.title', panel: 'stats', beside: 'stats' },
  compare: { name: 'side.label', panel: 'compare', beside: 'compare' },
  scaling: { name: 'scaling.label', panel: 'scaling', beside: 'scaling' },
};

/**
 * Where a target is on the page: the element that carries `data-lesson-target="<id>"` itself,
 * so a component's class names and markup can change without a lesson losing its way.
 */
export function targetSelector(target: LessonTarget): string {
  return `[data-lesson-target="${target}"]`;
}

export const HIGHLIGHT_CLASS = 'lesson-highlight';

/** Drawn and not inside something hidden (display: none, a closed drawer), where the browser can tell. */
function shown(el: Element): boolean {
  return typeof el.checkVisibility === 'function' ? el.checkVisibility() : true;
}

export interface Outlined {
  /** The targets outlined, in the step's order. */
  shown: LessonTarget[];
  /** The targets the page does not show now (a hidden panel, a part not drawn). */
  missing: LessonTarget[];
  /** Takes the outlines away again. */
  undo: () => void;
  /** The elements outlined, in the step's order: the first is the one to bring into view. */
  marked: Element[];
}

/**
 * Outlines the targets the page shows, opening a collapsed panel or drawer they sit in; a
 * target with nothing on screen is reported, never outlined.
 */
export function outline(targets: readonly LessonTarget[]): Outlined {
  const marked: Element[] = [];
  const found: LessonTarget[] = [];
  const missing: LessonTarget[] = [];
  for (const name of targets) {
    const els = [...document.querySelectorAll(targetSelector(name))];
    for (const el of els) {
      if (el instanceof HTMLDetailsElement) el.open = true;
      for (let d = el.parentElement?.closest('details:not([open])'); d; d = d.parentElement?.closest('details:not([open])'))
        (d as HTMLDetailsElement).open = true;
    }
    const visible = els.filter(shown);
    for (const el of visible) el.classList.add(HIGHLIGHT_CLASS);
    for (const el of visible) marked.push(el);
    (visible.length > 0 ? found : missing).push(name);
  }
  return {
    shown: found,
    missing,
    marked,
    undo: () => {
      for (const el of marked) el.classList.remove(HIGHLIGHT_CLASS);
    },
  };
}

/**
 * Where a step's parts are shown: the first of them (in the step's order) that lives in a detail
 * panel brings that panel beside the stage; else the first that lives in a tab of the "now"
 * column selects that tab. Null: the step leaves the column as it is.
 */
export function placeFor(targets: readonly LessonTarget[]): { beside: DetailId } | { tab: 'why' | 'nat' | 'failover' } | null {
  for (const name of targets) {
    const beside = TARGETS[name].beside;
    if (beside) return { beside };
  }
  for (const name of targets) {
    const tab = TARGETS[name].tab;
    if (tab) return { tab };
  }
  return null;
}

/**
 * The part of the window the lesson leaves free: above it when it is a sheet at the bottom (one
 * column); the whole window beside the stage, where the lesson is a card in the "now" column.
 */
export function openArea(sheet: Element | null): { top: number; bottom: number } {
  const bottom = window.innerHeight;
  if (!sheet || window.matchMedia(WIDE).matches) return { top: 0, bottom };
  if (getComputedStyle(sheet).position === 'fixed') return { top: 0, bottom: Math.min(bottom, sheet.getBoundingClientRect().top) };
  return { top: 0, bottom };
}

/** The nearest box around `el` that scrolls on its own and has something to scroll. */
function scroller(el: Element): Element | null {
  for (let p = el.parentElement; p && p !== document.body && p !== document.documentElement; p = p.parentElement) {
    const { overflowY } = getComputedStyle(p);
    if ((overflowY === 'auto' || overflowY === 'scroll') && p.scrollHeight > p.clientHeight) return p;
  }
  return null;
}

/** The box around the first element and those that fit in `room` with it (a node and its neighbours). */
function span(els: readonly Element[], room: number): { top: number; bottom: number; height: number } {
  const first = els[0]!.getBoundingClientRect();
  let top = first.top,
    bottom = first.bottom;
  for (const el of els.slice(1)) {
    const r = el.getBoundingClientRect();
    if (r.height === 0 && r.width === 0) continue;
    const t = Math.min(top, r.top),
      b = Math.max(bottom, r.bottom);
    if (b - t <= room) {
      top = t;
      bottom = b;
    }
  }
  return { top, bottom, height: bottom - top };
}

/**
 * Brings the first of `els` (and as many of the others as fit with it) on screen. Beside the
 * stage everything a step points at is on the first screen already (the drawing, the toolbar, the
 * "now" column, where a detail panel comes beside the stage): only a box of its own scrolls, never
 * the page, unless the student scrolled it away. On a phone it is scrolled into the part of the
 * screen above the lesson sheet: centred there when it fits, its top edge showing when not.
 */
export function bringIntoView(els: readonly Element[], sheet: Element | null, smooth: boolean): void {
  const el = els[0];
  if (!el) return;
  const behavior: ScrollBehavior = smooth ? 'smooth' : 'auto';
  // A part inside a box that scrolls on its own (a tab of the column, a table): that box
  // scrolls, and only it (scrollIntoView would move the page as well). The first such part
  // counts, whatever comes before it (a server on the drawing, on screen already).
  for (const part of els) {
    const box = scroller(part);
    if (!box) continue;
    const r = part.getBoundingClientRect(),
      b = box.getBoundingClientRect();
    if (r.top < b.top || r.bottom > b.bottom) box.scrollTop += r.top - b.top - 8;
    break;
  }
  // Beside the stage, the "now" column is on the first screen: the page stays where it is.
  if (window.matchMedia(WIDE).matches && el.closest('.now') && window.scrollY === 0) return;
  const margin = 8;
  const area = openArea(sheet);
  const span_ = span(els, area.bottom - area.top - 2 * margin);
  if (span_.top >= area.top + margin && span_.bottom <= area.bottom - margin) return;
  // Beside the stage, a part on screen stays where it is (its top on screen is enough for one taller than the window).
  if (window.matchMedia(WIDE).matches && span_.top >= area.top && (span_.bottom <= area.bottom || span_.top < area.bottom - 4 * margin))
    return;
  const room = area.bottom - area.top;
  const delta = span_.height + 2 * margin <= room ? span_.top - (area.top + (room - span_.height) / 2) : span_.top - (area.top + margin);
  window.scrollBy({ top: delta, behavior });
}
