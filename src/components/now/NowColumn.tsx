import { useLab, useT } from '../../store/context.tsx';
import { Hideable } from '../classroom/Hideable.tsx';
import { WhyPanel } from '../explain/WhyPanel.tsx';
import { FailoverNow } from '../failures/FailoverNow.tsx';
import { NatCard } from '../inspector/NatCard.tsx';
import { LessonMenu, LessonPanel } from '../lazy.tsx';

/**
 * Beside the stage, what it shows now and why: the open lesson, the balancer's reason for the
 * latest (or selected) request, the NAT rewrite, the VRRP state. It never covers the drawing.
 */
export function NowColumn() {
  const t = useT();
  const lessonMenu = useLab((s) => s.lessonMenu);
  return (
    <aside className="now" aria-label={t('layout.now')}>
      {lessonMenu && <LessonMenu />}
      <LessonPanel />
      <Hideable id="why">
        <WhyPanel />
      </Hideable>
      <div className="panel nat-dock">
        <NatCard />
      </div>
      <Hideable id="failover">
        <FailoverNow />
      </Hideable>
    </aside>
  );
}
