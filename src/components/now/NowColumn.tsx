import { useEffect, type KeyboardEvent } from 'react';
import { useLab, useT } from '../../store/context.tsx';
import type { NowTab } from '../../store/labCore.ts';
import { WhyPanel } from '../explain/WhyPanel.tsx';
import { FailoverNow } from '../failures/FailoverNow.tsx';
import { LessonMenu, LessonPanel, NatCard, prefetchNatCard } from '../lazy.tsx';
import { BesidePanel } from './BesidePanel.tsx';
import { useNowTabs } from './useNowTabs.ts';
import './now.css';

const tabId = (id: NowTab) => `now-tab-${id}`;
const panelId = (id: NowTab) => `now-panel-${id}`;

/**
 * Beside the stage, what it shows now and why: the open lesson on top, then one of the
 * balancer's reason for the latest (or selected) request, the NAT rewrite and the VRRP state,
 * as tabs, so that nothing hides in a scroller of its own. A lesson step about a detail panel
 * brings that panel here, as a tab of its own, instead of scrolling the page away from the stage.
 * The column is as tall as the stage and never covers the drawing.
 */
export function NowColumn() {
  const t = useT();
  const lessonMenu = useLab((s) => s.lessonMenu);
  const setTab = useLab((s) => s.setNowTab);
  const { tabs, active, beside } = useNowTabs();
  // The NAT tab's code (framer-motion with it) arrives just after the first paint, before anyone opens it.
  useEffect(() => prefetchNatCard(), []);

  // Arrow keys move between the tabs (and show the one reached), Home and End to the ends.
  const onKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    const k = tabs.findIndex((tab) => tab.id === active);
    const to =
      e.key === 'ArrowRight' || e.key === 'ArrowDown'
        ? (k + 1) % tabs.length
        : e.key === 'ArrowLeft' || e.key === 'ArrowUp'
          ? (k - 1 + tabs.length) % tabs.length
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? tabs.length - 1
              : -1;
    if (to < 0) return;
    // The playback's own arrow keys do not apply here.
    e.preventDefault();
    e.stopPropagation();
    const next = tabs[to]!.id;
    setTab(next);
    document.getElementById(tabId(next))?.focus();
  };

  const body = (id: NowTab) => {
    switch (id) {
      case 'why':
        return <WhyPanel />;
      case 'nat':
        return (
          <div className="panel nat-dock">
            <NatCard />
          </div>
        );
      case 'failover':
        return <FailoverNow />;
      case 'beside':
        return beside && <BesidePanel id={beside} />;
    }
  };

  return (
    <aside className="now now-tabbed" aria-label={t('layout.now')}>
      {lessonMenu && <LessonMenu />}
      <LessonPanel />
      <div className="now-tabs">
        <div className="now-tablist" role="tablist" aria-label={t('now.tabs')}>
          {tabs.map((tab) => (
            <button
              key={tab.id}
              id={tabId(tab.id)}
              type="button"
              role="tab"
              className={`now-tab${tab.id === 'beside' ? ' now-tab-beside' : ''}`}
              aria-selected={tab.id === active}
              aria-controls={panelId(tab.id)}
              tabIndex={tab.id === active ? 0 : -1}
              onClick={() => setTab(tab.id)}
              onKeyDown={onKey}
            >
              {t(tab.label)}
            </button>
          ))}
        </div>
        {tabs.map((tab) => (
          <div
            key={tab.id}
            id={panelId(tab.id)}
            className="now-tabpanel"
            role="tabpanel"
            aria-labelledby={tabId(tab.id)}
            // Focusable, as a tab panel is, so a keyboard can also scroll one taller than the stage.
            tabIndex={0}
            hidden={tab.id !== active}
          >
            {/* Only the tab shown is drawn: a hidden NAT card or VRRP view would still follow the clock, for nobody. */}
            {tab.id === active && body(tab.id)}
          </div>
        ))}
      </div>
    </aside>
  );
}
