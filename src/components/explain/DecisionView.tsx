import { whyNginx } from '../../i18n/sections/whyNginx.ts';
import { useLab, useOwnT, useT } from '../../store/context.tsx';
import type { Decision } from '../../sim/algorithms/pick.ts';
import type { RequestRecord } from '../../sim/types.ts';
import { headline, markLiveNote, pathNote, skippedLines } from './decisionText.ts';
import { ipHashSameNet } from './ipHashText.ts';
import { IpHashSteps } from './IpHashSteps.tsx';
import { LeastConnTable } from './LeastConnTable.tsx';
import { leastConnSummary } from './leastConnText.ts';
import { WrrTable } from './WrrTable.tsx';
import { HowItWorks, Lines } from './WhyParts.tsx';
import { wrrSummary } from './wrrText.ts';

/** The algorithm's own account of the pick. */
function Workings({ d, client }: { d: Decision; client: string }) {
  const own = useOwnT(whyNginx);
  const lang = useLab((s) => s.lang);
  switch (d.algorithm) {
    case 'round-robin':
    case 'weighted-round-robin':
      return (
        <>
          <HowItWorks>
            {d.algorithm === 'round-robin' && <p className="why-intro">{own('why.rr.note')}</p>}
            <p className="why-intro">{own('why.wrr.intro')}</p>
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
              <p>{own('why.ip.fallback')}</p>
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
            <p className="why-intro">{own('why.lc.intro')}</p>
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
  const t = useT();
  const own = useOwnT(whyNginx);
  const lang = useLab((s) => s.lang);
  const note = pathNote(d, lang);
  const skipped = skippedLines(d, lang);
  const live = markLiveNote(d, lang);
  return (
    <div className="why-body">
      <p className={d.chosen ? 'why-key' : 'why-key why-key-none'}>
        <span aria-hidden="true">{d.chosen ? '✓ ' : '✕ '}</span>
        {headline(d, balancer, lang)}
      </p>
      {rule && (
        <p className="why-rule" data-why="rule">
          {rule}
        </p>
      )}
      <p className="why-algo">{own('why.by.nginx', { algorithm: t(`algorithm.${d.algorithm}`) })}</p>
      {note ? <p>{note}</p> : <Workings d={d} client={record.client} />}
      {skipped.length > 0 && (
        <div className="why-skipped">
          <h3>{own('why.skipped')}</h3>
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
