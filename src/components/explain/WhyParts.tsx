import type { ReactNode } from 'react';
import { whyNginx } from '../../i18n/sections/whyNginx.ts';
import { useOwnT } from '../../store/context.tsx';
import type { SummaryLine } from './wrrText.ts';

/** The pieces every account of a pick is made of (nginx's in DecisionView, IPVS's in IpvsView). */

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
export function Lines({ lines }: { lines: readonly SummaryLine[] }) {
  const own = useOwnT(whyNginx);
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
          <summary>{own('why.arithmetic')}</summary>
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
export function HowItWorks({ children }: { children: ReactNode }) {
  const own = useOwnT(whyNginx);
  return (
    <details className="why-how">
      <summary>{own('why.how')}</summary>
      {children}
    </details>
  );
}
