import { isClient } from '../../sim/nodes.ts';
import { useT } from '../../store/context.tsx';
import { useSelectedRecord } from '../../store/hooks.ts';
import { ipOf } from '../inspector/headerDiff.ts';
import { isolate } from '../userText.ts';

const LAYERS = ['l2', 'l3', 'l4', 'l7'] as const;

/** Addresses never break inside; a line may break at the arrow. */
const Flow = ({ from, to }: { from: string; to: string }) => (
  <code>
    <span className="nowrap">{from}</span> → <span className="nowrap">{to}</span>
  </code>
);

/**
 * The notes' ladder of balancers (L2, L3, L4, L7) made concrete: what each layer can read of
 * the request in the inspector, as it arrives at the balancer. The higher the layer, the more
 * it reads, the finer it can decide, and the more work each packet costs.
 */
export function LayerLadder() {
  const t = useT();
  const record = useSelectedRecord();
  const arriving = record?.hops.find((h) => h.dir === 'request' && !isClient(h.node) && h.in)?.in;
  if (!record || !arriving) return null;
  const { Host: host, Cookie: cookie } = record.headers ?? {};
  const reads = {
    l2: <em>{t('ladder.reads.l2')}</em>,
    l3: <Flow from={ipOf(arriving.src)} to={ipOf(arriving.dst)} />,
    l4: <Flow from={arriving.src} to={arriving.dst} />,
    l7: (
      <code>
        {[`${record.method} ${isolate(record.path)}`, host && `Host: ${isolate(host)}`, cookie && `Cookie: ${isolate(cookie)}`]
          .filter(Boolean)
          .join(' · ')}
      </code>
    ),
  };
  return (
    <figure className="ladder">
      <figcaption>{t('ladder.caption', { id: record.id })}</figcaption>
      <ol>
        {LAYERS.map((l) => (
          <li key={l}>
            <strong>{t(`ladder.name.${l}`)}</strong>
            <span className="ladder-reads">
              {t('ladder.reads')}: {reads[l]}
            </span>
            <span className="ladder-decides">{t(`ladder.decides.${l}`)}</span>
          </li>
        ))}
      </ol>
    </figure>
  );
}
