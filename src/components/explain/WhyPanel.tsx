import { lazy, Suspense, type ReactNode } from 'react';
import { useLab, useT } from '../../store/context.tsx';
import { useWhy } from '../topology/why/useWhyDecision.ts';
import { ms } from './format.ts';
import { answeredLine, ruleLine, takeoverLines } from './whyText.ts';
import type { WhyAt } from '../../trace/why.ts';
import './explain.css';

/**
 * IPVS's account of an L4 pick, with its words (src/i18n/sections/whyIpvs.ts), loads on first
 * use: the page's first download stays within its budget (scripts/bundle-size.ts).
 */
const IpvsView = lazy(() => import('./IpvsView.tsx').then((m) => ({ default: m.IpvsView })));
const PersistentView = lazy(() => import('./IpvsView.tsx').then((m) => ({ default: m.PersistentView })));
/** nginx's account of an L7 pick, with its words (src/i18n/sections/whyNginx.ts), likewise. */
const DecisionView = lazy(() => import('./DecisionView.tsx').then((m) => ({ default: m.DecisionView })));

/** While the view arrives: the pick itself, in the words the page already has. */
function Arriving({ server, children }: { server: string | null; children: ReactNode }) {
  const t = useT();
  const fallback = (
    <div className="why-body">
      <p className="why-key">{server ? t('why.chosen', { server }) : '…'}</p>
    </div>
  );
  return <Suspense fallback={fallback}>{children}</Suspense>;
}

/** The kinds that tell what a balancer did: its pick (nginx's, IPVS's, a template's) or its own answer. */
type Told = Extract<WhyAt, { kind: 'decision' | 'ipvs' | 'persistent' | 'answered' }>;
function told(why: WhyAt): why is Told {
  return why.kind === 'decision' || why.kind === 'ipvs' || why.kind === 'persistent' || why.kind === 'answered';
}

/**
 * "Why this server": the decision for the selected request, or else the latest one made by the
 * committed time, retold with the algorithm's own numbers and the balancer that made it. While
 * that balancer is down (before the standby has decided anything), who takes over and when;
 * an L7 balancer's own answers (cache, block) are told as its decision.
 */
export function WhyPanel() {
  const t = useT();
  const lang = useLab((s) => s.lang);
  const time = useLab((s) => s.time);
  const selectedId = useLab((s) => s.selected);
  const why = useWhy();
  const at = (x: number) => `${ms(x, lang)} ms`;

  let body;
  if (why.kind === 'none') {
    body = <p className="why-empty">{t('why.none')}</p>;
  } else {
    const r = why.record;
    const selected = why.kind === 'waiting' || why.kind === 'lost' || selectedId === r.id;
    let detail;
    switch (why.kind) {
      case 'decision': {
        const rule = ruleLine(why.rule, why.rules, lang);
        detail = (
          <Arriving server={why.decision.chosen}>
            <DecisionView record={r} decision={why.decision} balancer={why.balancer} rule={rule} />
          </Arriving>
        );
        break;
      }
      case 'ipvs':
        detail = (
          <Arriving server={why.ipvs.chosen}>
            <IpvsView record={r} ipvs={why.ipvs} balancer={why.balancer} at={why.at} />
          </Arriving>
        );
        break;
      case 'persistent':
        detail = (
          <Arriving server={r.server}>
            <PersistentView record={r} timeoutMs={why.timeoutMs} />
          </Arriving>
        );
        break;
      case 'answered':
        detail = (
          <div className="why-body" data-why="answered">
            <p className="why-key">
              <span aria-hidden="true">✓ </span>
              {t('why.answeredKey', { balancer: why.balancer })}
            </p>
            <p>{answeredLine(why, lang)}</p>
          </div>
        );
        break;
      case 'takeover':
        detail = (
          <div className="why-body" data-why="takeover">
            {takeoverLines(why, time, lang).map((line, i) => (
              <p key={line} className={i === 0 ? 'why-takeover' : 'why-note'}>
                {line}
              </p>
            ))}
          </div>
        );
        break;
      case 'waiting':
        detail = <p className="why-empty">{t('why.notYet', { balancer: why.balancer, time: at(why.at) })}</p>;
        break;
      case 'lost':
        detail = <p className="why-empty">{why.balancer ? t('why.lost', { balancer: why.balancer }) : t('why.noDecision')}</p>;
        break;
    }
    const by = told(why) ? why : null;
    body = (
      <>
        <p className="why-which">
          <strong>{t('why.request', { id: r.id, client: r.client })}</strong>
          <span className="why-which-sub">
            {t(selected ? 'why.selected' : 'why.latest')}
            {by && (
              <>
                {' · '}
                <span className="mono">{t('why.at', { balancer: by.balancer, time: at(by.at) })}</span>
              </>
            )}
          </span>
        </p>
        {detail}
      </>
    );
  }

  return (
    <section
      className="panel explain-panel why-panel"
      aria-label={t('why.title')}
      data-lesson-target="why"
      data-why-kind={why.kind}
      data-why-balancer={told(why) ? why.balancer : undefined}
    >
      <h2>{t('why.title')}</h2>
      {body}
    </section>
  );
}
