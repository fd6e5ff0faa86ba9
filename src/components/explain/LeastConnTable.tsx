import { whyNginx } from '../../i18n/sections/whyNginx.ts';
import { useOwnT, useT } from '../../store/context.tsx';
import type { Decision } from '../../sim/algorithms/pick.ts';
import { leastConnRows } from './leastConnText.ts';
import { ServerColumnsTable } from './ServerColumnsTable.tsx';

/**
 * least_conn's comparison, a column per server: open connections over weight, with the lowest
 * marked in words and the chosen server starred (never colour alone).
 */
export function LeastConnTable({ decision }: { decision: Decision }) {
  const t = useT();
  const own = useOwnT(whyNginx);
  const rows = leastConnRows(decision).map((r) => ({
    ...r,
    winner: r.name === decision.chosen,
    out: r.skipped !== null,
  }));
  return (
    <ServerColumnsTable
      caption={own('why.lc.caption')}
      rows={rows}
      lines={[
        [own('why.col.conns'), (r) => r.conns],
        [t('why.col.weight'), (r) => r.weight],
        [own('why.col.ratio'), (r) => (r.skipped ? '—' : r.fraction)],
        ['=', (r) => (r.skipped ? '—' : r.value), 'why-sum'],
        [own('why.lc.lowestRow'), (r) => (r.lowest ? '✓' : '')],
      ]}
    />
  );
}
