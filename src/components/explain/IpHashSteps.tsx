import { useLab } from '../../store/context.tsx';
import type { Decision } from '../../sim/algorithms/pick.ts';
import { ipHashBlocks, ipHashOctetsLine } from './ipHashText.ts';

/** "(89 × 113 + 192) mod 6271 = 3978": if the line must wrap, it wraps before the result. */
function Wrapped({ text }: { text: string }) {
  const cut = Math.max(text.lastIndexOf(' = '), text.lastIndexOf(' → '));
  if (cut < 0) return <>{text}</>;
  return (
    <>
      <span className="why-part">{text.slice(0, cut)}</span> <span className="why-part">{text.slice(cut + 1)}</span>
    </>
  );
}

/** nginx's ip_hash arithmetic for one request, round by round, numbers in monospace. */
export function IpHashSteps({ decision, client }: { decision: Decision; client: string }) {
  const lang = useLab((s) => s.lang);
  const blocks = ipHashBlocks(decision, lang);
  return (
    <>
      <p>{ipHashOctetsLine(client, lang)}</p>
      <ol className="ip-rounds">
        {blocks.map((b, i) => (
          <li key={i}>
            <p className="ip-title">{b.title}</p>
            {b.lines.length > 0 && (
              <ul className="ip-lines mono">
                {b.lines.map((l, j) => (
                  <li key={j}>
                    <Wrapped text={l} />
                  </li>
                ))}
              </ul>
            )}
            {b.rejected && (
              <p className="ip-rejected">
                <span aria-hidden="true">✕ </span>
                {b.rejected}
              </p>
            )}
          </li>
        ))}
      </ol>
    </>
  );
}
