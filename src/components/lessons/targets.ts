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
}

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
  inspector: { name: 'inspector.label', panel: 'inspector' },
  nat: { name: 'nat.label' },
  conntrack: { name: 'conntrack.label', panel: 'conntrack' },
  'event-log': { name: 'log.title', panel: 'event-log' },
  layer: { name: 'controls.layer', panel: 'controls' },
  algorithm: { name: 'controls.algorithm', panel: 'controls' },
  'server-controls': { name: 'controls.servers', panel: 'controls' },
  traffic: { name: 'controls.traffic', panel: 'controls' },
  'l7-settings': { name: 'controls.l7', panel: 'controls' },
  failover: { name: 'failover.title', panel: 'failover' },
  health: { name: 'failover.hc.heading', panel: 'failover' },
  why: { name: 'why.title', panel: 'why' },
  stats: { name: 'stats.title', panel: 'stats' },
  compare: { name: 'side.label', panel: 'compare' },
  scaling: { name: 'scaling.label', panel: 'scaling' },
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
 * The part of the window the lesson leaves free: above it when it is a sheet at the bottom (one
 * column), or will float there once the page scrolls past the "now" column (wide layout).
 */
export function openArea(sheet: Element | null, target: Element): { top: number; bottom: number } {
  const bottom = window.innerHeight;
  if (!sheet) return { top: 0, bottom };
  if (getComputedStyle(sheet).position === 'fixed') return { top: 0, bottom: Math.min(bottom, sheet.getBoundingClientRect().top) };
  const column = sheet.parentElement;
  if (!window.matchMedia(WIDE).matches || !column || column.contains(target)) return { top: 0, bottom };
  return { top: 0, bottom: bottom - Math.min(sheet.getBoundingClientRect().height, bottom * FLOAT_SHARE) - 16 };
}

/** The most of the window a floating lesson takes (lessons.css says the same). */
const FLOAT_SHARE = 0.5;

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
 * Scrolls the page so the first of `els` (and as many of the others as fit with it) sits in
 * the open area above the lesson sheet: centred there when it fits, its top edge showing when
 * it does not. Does nothing when it is in that area already.
 */
export function bringIntoView(els: readonly Element[], sheet: Element | null, smooth: boolean): void {
  const el = els[0];
  if (!el) return;
  const behavior: ScrollBehavior = smooth ? 'smooth' : 'auto';
  // Beside the stage, in the lesson's own column (which scrolls on its own): the column comes
  // on screen whole, then scrolls to the part; its scroll margin keeps it below the lesson.
  const column = sheet?.parentElement;
  if (column && column.contains(el) && window.matchMedia(WIDE).matches) {
    const c = column.getBoundingClientRect();
    if (c.top < 0 || c.bottom > window.innerHeight)
      window.scrollBy({ top: c.top < 0 ? c.top : Math.min(c.top, c.bottom - window.innerHeight), behavior: 'auto' });
    el.scrollIntoView({ block: 'nearest', inline: 'nearest', behavior: 'auto' });
    return;
  }
  // Inside a box that scrolls on its own (a column, a table), that box scrolls first.
  if (scroller(el)) el.scrollIntoView({ block: 'nearest', inline: 'nearest', behavior: 'auto' });
  const margin = 8;
  const area = openArea(sheet, el);
  const box = span(els, area.bottom - area.top - 2 * margin);
  if (box.top >= area.top + margin && box.bottom <= area.bottom - margin) return;
  const room = area.bottom - area.top;
  const delta = box.height + 2 * margin <= room ? box.top - (area.top + (room - box.height) / 2) : box.top - (area.top + margin);
  window.scrollBy({ top: delta, behavior });
}
