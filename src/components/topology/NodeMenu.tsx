import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { isBalancer } from '../../sim/nodes.ts';
import { useLab, useT } from '../../store/context.tsx';
import { BalancerNodeControls, ServerNodeControls } from './NodeControls.tsx';
import { placeCard } from './nodeMenuPlace.ts';
import './nodeMenu.css';

/** The nodes on the drawing that open a card: servers and balancers (NodeBox marks them). */
const OPENS = 'svg.topology [data-menu-node]';
const nodeEl = (id: string) => document.querySelector<SVGGElement>(`${OPENS}[data-menu-node="${CSS.escape(id)}"]`);
const FOCUSABLE = 'button, input, select, textarea, a[href], summary, [tabindex]';

/**
 * The toy's handle: a click on a server or a balancer on the drawing (or Enter or Space on it,
 * focused) opens its controls in a small card beside it, on the screen (the node's
 * getBoundingClientRect, kept inside the view). Escape, an outside click or Close shut it, and
 * focus goes back to the node. Listens on the document, so the drawing only marks the nodes.
 */
export function NodeMenu() {
  const t = useT();
  const lang = useLab((s) => s.lang);
  const time = useLab((s) => s.time);
  const [open, setOpen] = useState<string | null>(null);
  const card = useRef<HTMLDivElement>(null);
  const titleId = useId();

  const close = (refocus: boolean) => {
    if (refocus && open) nodeEl(open)?.focus({ preventScroll: true });
    setOpen(null);
  };

  // Open on a click or Enter/Space on a node; close on a click elsewhere.
  useEffect(() => {
    const onClick = (e: MouseEvent) => {
      const target = e.target instanceof Element ? e.target : null;
      const node = target?.closest(OPENS);
      if (node) {
        setOpen(node.getAttribute('data-menu-node'));
        return;
      }
      if (!open || card.current?.contains(target)) return;
      // Back to the node, unless the click was on something that takes the focus itself.
      close(!target?.closest(FOCUSABLE));
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Enter' && e.key !== ' ') return;
      const node = e.target instanceof Element ? e.target.closest(OPENS) : null;
      if (!node) return;
      // Space here opens the card rather than playing.
      e.preventDefault();
      e.stopPropagation();
      setOpen(node.getAttribute('data-menu-node'));
    };
    document.addEventListener('click', onClick);
    document.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('click', onClick);
      document.removeEventListener('keydown', onKey, true);
    };
  });

  // Beside its node, in view; again when the window scrolls or changes size, or the card its.
  useLayoutEffect(() => {
    const el = card.current;
    if (!open || !el) return;
    const place = () => {
      const node = nodeEl(open);
      if (!node) return setOpen(null);
      const dock = parseFloat(getComputedStyle(document.documentElement).getPropertyValue('--playback-dock')) || 0;
      const view = { width: document.documentElement.clientWidth, height: window.innerHeight - dock };
      const at = placeCard(node.getBoundingClientRect(), el.getBoundingClientRect(), view);
      el.style.left = `${at.left}px`;
      el.style.top = `${at.top}px`;
    };
    place();
    const watch = new ResizeObserver(place);
    watch.observe(el);
    window.addEventListener('resize', place);
    window.addEventListener('scroll', place, true);
    return () => {
      watch.disconnect();
      window.removeEventListener('resize', place);
      window.removeEventListener('scroll', place, true);
    };
  }, [open]);

  // Focus into the card when it opens (its first control).
  useEffect(() => {
    if (open) card.current?.querySelector<HTMLElement>('.node-menu-body button:not(:disabled), .node-menu-body input')?.focus();
  }, [open]);

  if (!open) return null;
  const balancer = isBalancer(open);
  return createPortal(
    <div
      ref={card}
      className="node-menu"
      role="dialog"
      aria-labelledby={titleId}
      lang={lang}
      data-node-menu={open}
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.stopPropagation();
        close(true);
      }}
    >
      <div className="node-menu-head">
        <h2 id={titleId}>{t(balancer ? 'nodeMenu.balancer' : 'nodeMenu.server', { name: open })}</h2>
        <button type="button" className="node-menu-close" aria-label={t('nodeMenu.close')} onClick={() => close(true)}>
          ×
        </button>
      </div>
      <div className="node-menu-body">{balancer ? <BalancerNodeControls name={open} /> : <ServerNodeControls name={open} />}</div>
      <p className="node-menu-hint">{t('nodeMenu.hint', { time: Math.round(time).toLocaleString('en-US') })}</p>
    </div>,
    document.body,
  );
}
