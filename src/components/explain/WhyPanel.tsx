import { useLab, useT } from '../../store/context.tsx';
import { useSelectedRecord, useWhyRecord } from '../../store/hooks.ts';
import { pickHop } from '../../trace/snapshot.ts';
import { DecisionView } from './DecisionView.tsx';
import { ms } from './format.ts';
import './explain.css';

/**
 * "Why this server": the balancer's decision for the selected request, or else for the latest
 * one placed by the committed time, retold with the algorithm's own numbers.
 */
export function WhyPanel() {
  const t = useT();
  const lang = useLab((s) => s.lang);
  const time = useLab((s) => s.time);
  const selected = useSelectedRecord();
  const record = useWhyRecord();
  const pick = record ? record.hops[pickHop(record)] : undefined;

  let body;
  if (!record) {
    body = <p className="why-empty">{t('why.none')}</p>;
  } else {
    const decided = pick && pick.at <= time && record.decision;
    body = (
      <>
        <p className="why-which">
          <strong>{t('why.request', { id: record.id, client: record.client })}</strong>
          <span className="why-which-sub">
            {t(selected ? 'why.selected' : 'why.latest')}
            {pick && (
              <>
                {' · '}
                <span className="mono">{t('why.at', { balancer: pick.node, time: `${ms(pick.at, lang)} ms` })}</span>
              </>
            )}
          </span>
        </p>
        {decided && record.decision ? (
          <DecisionView record={record} decision={record.decision} />
        ) : pick ? (
          <p className="why-empty">{t('why.notYet', { time: `${ms(pick.at, lang)} ms` })}</p>
        ) : (
          <p className="why-empty">{t('why.noDecision')}</p>
        )}
      </>
    );
  }

  return (
    <section className="panel explain-panel why-panel" aria-label={t('why.title')} data-lesson-target="why">
      <h2>{t('why.title')}</h2>
      {body}
    </section>
  );
}
