import {
  createElement,
  lazy,
  Suspense,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  useSyncExternalStore,
  type ComponentType,
} from 'react';
import type { MessageKey } from '../i18n/index.ts';
import { useLab, useT } from '../store/context.tsx';
import type { LessonTarget } from '../lessons/types.ts';
import type { LabStore } from '../store/labCore.ts';

/**
 * Panels that load on first use, so the first screen's JavaScript stays small (see
 * scripts/bundle-size.ts). Each keeps the name and props of the panel it stands for.
 */

/** A module fetched once, on demand; `use()` re-renders its caller when it has arrived. */
function onDemand<T>(load: () => Promise<T>) {
  let value: T | null = null;
  let loading: Promise<T> | null = null;
  const listeners = new Set<() => void>();
  const fetch = (): Promise<T> =>
    (loading ??= load().then(
      (v) => {
        value = v;
        for (const l of listeners) l();
        return v;
      },
      (e: unknown) => {
        // A chunk that failed to arrive is asked for again at the next use.
        loading = null;
        throw e;
      },
    ));
  const subscribe = (l: () => void) => {
    listeners.add(l);
    return () => void listeners.delete(l);
  };
  return { fetch, now: () => value, use: () => useSyncExternalStore(subscribe, () => value) };
}

const scaling = onDemand(() => import('./compare/ScalingPanel.tsx').then((m) => m.ScalingPanel));
const sideBySide = onDemand(() => import('./compare/SideBySidePanel.tsx').then((m) => m.SideBySidePanel));

/** What the placeholder was when the real panel replaced it: open, and holding the focus. */
interface Carried {
  open: boolean;
  focused: boolean;
}

/**
 * A collapsed panel drawn as its closed `<details>` until it is about to be used (pointer
 * over it, focus, or opened): the same box, heading and lesson target, so nothing moves when
 * the real one replaces it. The real one takes over the placeholder's open state and focus.
 */
function Deferred({
  panel,
  className,
  label,
  target,
}: {
  panel: ReturnType<typeof onDemand<ComponentType>>;
  className: string;
  label: MessageKey;
  target?: LessonTarget;
}) {
  const t = useT();
  const loaded = panel.use() !== null;
  const carriedRef = useRef<Carried | null>(null);
  const [carrying, setCarrying] = useState(true);
  // Read as the placeholder leaves the page, before it is removed.
  const watch = (el: HTMLDetailsElement | null) => {
    if (!el) return;
    return () => {
      carriedRef.current = { open: el.open, focused: el.contains(document.activeElement) };
    };
  };
  if (loaded)
    return (
      <>
        <Loaded panel={panel} />
        {carrying && <CarryOver fromRef={carriedRef} done={() => setCarrying(false)} />}
      </>
    );
  const want = () => void panel.fetch().catch(() => {});
  return (
    <details
      ref={watch}
      className={className}
      data-lesson-target={target}
      onPointerEnter={want}
      onFocus={want}
      onToggle={(e) => {
        if (e.currentTarget.open) want();
      }}
    >
      <summary>
        <h2>{t(label)}</h2>
      </summary>
    </details>
  );
}

/** The panel once its module has arrived (the same component every time: the module's own). */
function Loaded({ panel }: { panel: ReturnType<typeof onDemand<ComponentType>> }) {
  const Panel = panel.now();
  return Panel ? createElement(Panel) : null;
}

/** Gives the real panel, just before it, what the placeholder had; then goes. */
function CarryOver({ fromRef, done }: { fromRef: { current: Carried | null }; done(): void }) {
  const marker = useRef<HTMLSpanElement>(null);
  useLayoutEffect(() => {
    const was = fromRef.current;
    fromRef.current = null;
    const details = marker.current?.previousElementSibling;
    if (was && details instanceof HTMLDetailsElement) {
      if (was.open) details.open = true;
      if (was.focused) details.querySelector('summary')?.focus();
    }
    done();
  }, [fromRef, done]);
  return <span hidden ref={marker} />;
}

export function ScalingPanel() {
  return <Deferred panel={scaling} className="panel scaling" label="scaling.label" target="scaling" />;
}

export function SideBySidePanel() {
  return <Deferred panel={sideBySide} className="panel scaling side-by-side" label="side.label" target="compare" />;
}

// The lessons' steps, for the keys that move through them (PageDown/PageUp); here once a
// lesson's list or panel has loaded, which any open lesson has.
const lessonSteps = onDemand(() =>
  Promise.all([import('../lessons/index.ts'), import('../lessons/run.ts')]).then(([l, r]) => ({
    lessons: l.LESSONS,
    moveStep: r.moveStep,
  })),
);

/**
 * Moves the open lesson (or the one on its way) `by` steps, as lessons/run.ts's moveStep;
 * false when there is none, or none could be open yet because no lesson code has loaded.
 */
export function moveLessonStep(store: LabStore, by: number): boolean {
  const steps = lessonSteps.now();
  return steps ? steps.moveStep(store, by, steps.lessons) : false;
}

const LessonMenuView = lazy(() =>
  Promise.all([import('./lessons/LessonMenu.tsx'), lessonSteps.fetch()]).then(([m]) => ({ default: m.LessonMenu })),
);
// A lesson may outline the comparison panels: they are in place before its first step shows.
const LessonPanelView = lazy(() =>
  Promise.all([import('./lessons/LessonPanel.tsx'), lessonSteps.fetch(), scaling.fetch(), sideBySide.fetch()]).then(([m]) => ({
    default: m.LessonPanel,
  })),
);

/** The list of lessons (shown while open). */
export function LessonMenu() {
  return (
    <Suspense
      fallback={
        <div id="lesson-menu" className="panel lesson-menu" role="status" aria-busy="true">
          …
        </div>
      }
    >
      <LessonMenuView />
    </Suspense>
  );
}

/** The open lesson's step; nothing, and nothing fetched, while no lesson is open. */
export function LessonPanel() {
  const open = useLab((s) => s.lesson !== null);
  if (!open) return null;
  return (
    <Suspense fallback={null}>
      <LessonPanelView />
    </Suspense>
  );
}

/**
 * A detail panel under the stage: drawn from the start, but its code arrives a moment after
 * the first screen's (nothing in it is visible before the page is scrolled).
 */
function detail(load: () => Promise<ComponentType>): ComponentType {
  const Panel = lazy(() => load().then((c) => ({ default: c })));
  return function Detail() {
    return (
      <Suspense fallback={null}>
        <Panel />
      </Suspense>
    );
  };
}

export const ControlsPanel = detail(() => import('./controls/ControlsPanel.tsx').then((m) => m.ControlsPanel));
export const FailoverPanel = detail(() => import('./failures/FailoverPanel.tsx').then((m) => m.FailoverPanel));
export const PacketInspector = detail(() => import('./inspector/PacketInspector.tsx').then((m) => m.PacketInspector));
export const ConntrackTable = detail(() => import('./inspector/ConntrackTable.tsx').then((m) => m.ConntrackTable));
export const EventLog = detail(() => import('./explain/EventLog.tsx').then((m) => m.EventLog));
export const StatsPanel = detail(() => import('./explain/StatsPanel.tsx').then((m) => m.StatsPanel));

const natCard = onDemand(() => import('./inspector/NatCardAnimated.tsx').then((m) => m.NatCardAnimated));

/**
 * The NAT card (the column's NAT tab, not the first one shown): its code, framer-motion with
 * it, is fetched just after the first paint, so it is there before anyone opens the tab.
 */
export function NatCard() {
  const Card = natCard.use();
  useEffect(() => prefetchNatCard(), []);
  return Card ? createElement(Card) : null;
}

/** Fetches the NAT card's code without drawing it (the column mounts only the tab shown). */
export function prefetchNatCard(): void {
  natCard.fetch().catch(() => {});
}
