import { whyIpvs } from '../../i18n/sections/whyIpvs.ts';
import { useOwnT, useT } from '../../store/context.tsx';
import type { LcDecision } from '../../sim/algorithms/ipvs/lc.ts';
import type { WlcDecision } from '../../sim/algorithms/ipvs/wlc.ts';
import type { WrrDecision } from '../../sim/algorithms/ipvs/wrr.ts';
import { overheadRows, wrrIpvsRows, type OverheadTableRow } from './ipvsRows.ts';
import { ServerColumnsTable, type ColumnLine } from './ServerColumnsTable.tsx';

/**
 * IPVS's wrr as a table, a column per server: its weight, and whether it reaches the cw of the
 * walk that picked (the kernel's test is `weight >= cw`). One cw for the whole service, so the
 * table has one test row where nginx's smooth WRR has a current weight per server.
 */
export function IpvsWrrTable({
  decision,
  servers,
}: {
  decision: WrrDecision;
  servers: readonly { name: string; weight: number; out: boolean }[];
}) {
  const t = useT();
  const say = useOwnT(whyIpvs);
  const rows = wrrIpvsRows(decision, servers);
  return (
    <ServerColumnsTable
      caption={say('wrr.caption')}
      className="why-table-cols"
      winnerNote={t('why.wrr.wins')}
      rows={rows}
      lines={[
        [t('why.col.weight'), (r) => r.weight],
        [
          say('wrr.test', { cw: decision.cwAfter }),
          (r) => (r.out ? <span title={say('wrr.down')}>—</span> : r.reaches ? '✓' : '✕'),
          'why-sum',
        ],
      ]}
    />
  );
}

/** lc's and wlc's comparison, a column per server in IPVS's list order: the counts, the overhead, the least. */
export function OverheadTable({ decision }: { decision: LcDecision | WlcDecision }) {
  const t = useT();
  const say = useOwnT(whyIpvs);
  const rows = overheadRows(decision);
  const wlc = decision.scheduler === 'wlc';
  const lines: ColumnLine<OverheadTableRow>[] = [
    [say('col.active'), (r) => r.active],
    [say('col.inactive'), (r) => r.inactive],
    [say('col.overhead'), (r) => r.overhead ?? '—', wlc ? undefined : 'why-sum'],
  ];
  if (wlc) lines.push([t('why.col.weight'), (r) => r.weight], [say('col.perWeight'), (r) => r.perWeightValue ?? '—', 'why-sum']);
  lines.push([say('lc.least'), (r) => (r.least ? '✓' : '')]);
  return <ServerColumnsTable caption={say(wlc ? 'wlc.caption' : 'lc.caption')} winnerNote={t('why.wrr.wins')} rows={rows} lines={lines} />;
}
