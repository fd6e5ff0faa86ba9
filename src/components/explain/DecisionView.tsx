import type { ReactNode } from 'react';
import { useLab, useT } from '../../store/context.tsx';
import type { Decision } from '../../sim/algorithms/pick.ts';
import type { RequestRecord } from '../../sim/types.ts';
import { headline, markLiveNote, pathNote, skippedLines } from './decisionText.ts';
import { ipHashSameNet } from './ipHashText.ts';
import { IpHashSteps } from './IpHashSteps.tsx';
import { LeastConnTable } from './LeastConnTable.tsx';
import { leastConnSummary } from './leastConnText.ts';
import { WrrTable } from './WrrTable.tsx';
import { wrrSummary, type SummaryLine } from './wrrText.ts';

/** "label: a − b = c": wraps after the label if it must, never inside the arithmetic. */
function Formula({ text }: { text: string }) {
  const i = text.indexOf(': ');
  if (i < 0) return <span className="why-part">{text}</span>;
  return (
    <>
      <span className="why-part">{text.slice(0, i + 1)}</span> <span className="why-part">{text.slice(i + 2)}</span>
    </>
  );
}

/** Who won, in words; the arithmetic behind it folded under it, so Why fits beside the stage. */
function Lines({ lines }: { lines: readonly SummaryLine[] }) {
  const t = useT();
  if (lines.length === 0) return null;
  const said = lines.filter((l) => l.kind !== 'formula');
  const formulas = lines.filter((l) => l.kind === 'formula');
  return (
    <>
      <ul className="why-lines">
        {said.map((l) => (
          <li key={l.text} className={`why-line-${l.kind}`}>
            {l.text}
          </li>
        ))}
      </ul>
      {formulas.length > 0 && (
        <details className="why-how">
          <summary>{t('why.arithmetic')}</summary>
          <ul className="why-lines">
            {formulas.map((l) => (
              <li key={l.text} className="why-line-formula">
                <Formula text={l.text} />
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}

/**
 * How the algorithm works, in general: folded, so the pick's own numbers (the table and who
 * won) fit beside the stage without a scroller; the same words every time, for who asks.
 */
function HowItWorks({ children }: { children: ReactNode }) {
  const t = useT();
  return (
    <details className="why-how">
      <summary>{t('why.how')}</summary>
      {children}
    </details>
  );
}

/** The algorithm's own account of the pick. */
function Workings({ d, client }: { d: Decision; client: string }) {
  const t = useT();
  const lang = useLab((s) => s.lang);
  switch (d.algorithm) {
    case 'round-robin':
    case 'weighted-round-robin':
      return (
        <>
          <HowItWorks>
            {d.algorithm === 'round-robin' && <p className="why-intro">{t('why.rr.note')}</p>}
            <p className="why-intro">{t('why.wrr.intro')}</p>
          </HowItWorks>
          <WrrTable decision={d} />
          <Lines lines={wrrSummary(d, lang)} />
        </>
      );
    case 'ip-hash':
      return (
        <>
          <IpHashSteps decision={d} client={client} />
          {d.path === 'ip-hash-fallback' && (
            <>
              <p>{t('why.ip.fallback')}</p>
              <WrrTable decision={d} />
              <Lines lines={wrrSummary(d, lang)} />
            </>
          )}
          <p className="why-note">{ipHashSameNet(client, lang)}</p>
        </>
      );
    case 'least-connections': {
      const summary = leastConnSummary(d, lang);
      return (
        <>
          <HowItWorks>
            <p className="why-intro">{t('why.lc.intro')}</p>
          </HowItWorks>
          <LeastConnTable decision={d} />
          {summary && <p className="why-key-line">{summary}</p>}
          {d.tied && (
            <>
              <WrrTable decision={d} only={d.tied} />
              <Lines lines={wrrSummary(d, lang)} />
            </>
          )}
        </>
      );
    }
  }
}

/**
 * One decision, told step by step: the key line, the L7 rule that chose the servers (when the
 * scenario has rules), the workings, and who was skipped and why.
 */
export function DecisionView({
  record,
  decision: d,
  balancer,
  rule,
}: {
  record: RequestRecord;
  decision: Decision;
  balancer: string;
  rule: string | null;
}) {
  const mode = useLab((s) => s.scenario.mode);
  const t = useT();
  const lang = useLab((s) => s.lang);
  const note = pathNote(d, lang);
  const skipped = skippedLines(d, lang);
  const live = markLiveNote(d, lang);
  return (
    <div className="why-body">
      <p className={d.chosen ? 'why-key' : 'why-key why-key-none'}>
        <span aria-hidden="true">{d.chosen ? '✓ ' : '✕ '}</span>
        {headline(d, balancer, lang, mode)}
      </p>
      {rule && (
        <p className="why-rule" data-why="rule">
          {rule}
        </p>
      )}
      <p className="why-algo">{t('why.algorithm', { algorithm: t(`algorithm.${d.algorithm}`) })}</p>
      {note ? <p>{note}</p> : <Workings d={d} client={record.client} />}
      {skipped.length > 0 && (
        <div className="why-skipped">
          <h3>{t('why.skipped')}</h3>
          <ul>
            {skipped.map((l) => (
              <li key={l}>{l}</li>
            ))}
          </ul>
        </div>
      )}
      {live && <p className="why-note">{live}</p>}
    </div>
  );
}
