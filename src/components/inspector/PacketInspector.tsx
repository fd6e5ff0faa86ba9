import { useLab, useT } from '../../store/context.tsx';
import { useCommittedTime } from '../../store/offscreen.tsx';
import { useSelectedPosition, useSelectedRecord, useSnapshot } from '../../store/hooks.ts';
import { pickHop } from '../../trace/snapshot.ts';
import type { RequestRecord } from '../../sim/types.ts';
import { carriedHeader, hopIndexAt } from './headerDiff.ts';
import { Addr, ms } from './HeaderParts.tsx';
import { HopTable } from './HopTable.tsx';
import { HttpDetails } from './HttpDetails.tsx';
import { TcpTable } from './TcpTable.tsx';
import { WhereNow } from './WhereNow.tsx';
import './inspector.css';
import { isolate } from '../userText.ts';

/** The selected request, its header right now, and every hop it made (the "Packet inspector"). */
export function PacketInspector() {
  const t = useT();
  const record = useSelectedRecord();
  return (
    <section className="insp-panel insp-inspector" aria-label={t('inspector.label')} data-lesson-target="inspector">
      <h2 className="insp-title">{t('inspector.label')}</h2>
      {record ? <RequestView record={record} /> : <NothingSelected />}
    </section>
  );
}

/** Its own component so the snapshot (for the latest request) is computed only when needed. */
function NothingSelected() {
  const t = useT();
  const select = useLab((s) => s.select);
  const latest = useSnapshot().lastDecision;
  return (
    <div className="insp-empty">
      <p>{t('inspector.hint')}</p>
      <button type="button" className="insp-button" disabled={latest === null} onClick={() => select(latest)}>
        {t('inspector.latest')}
      </button>
      {latest === null && <p className="insp-muted">{t('inspector.noLatest')}</p>}
    </div>
  );
}

function RequestView({ record: r }: { record: RequestRecord }) {
  const t = useT();
  const time = useCommittedTime();
  const select = useLab((s) => s.select);
  const scenario = useLab((s) => s.scenario);
  const hop = hopIndexAt(r, time);
  const pos = useSelectedPosition();
  // During a handshake the packet on the wire is the segment, with its own addresses.
  const segment = pos?.kind === 'tcp' && pos.segment !== undefined ? r.tcp?.[pos.segment] : undefined;
  const header = segment ? segment.out : carriedHeader(r, hop);
  const pick = r.hops[pickHop(r)];
  const picked = pick !== undefined && pick.at <= time;
  const server = !picked
    ? t('inspector.notChosen')
    : r.server
      ? `${r.server}${r.nat ? ` (${r.nat.server})` : ''}`
      : t('inspector.noServer');
  const done = time >= r.doneAt;
  const outcome = !done ? t('inspector.underWay') : `${t(`inspector.outcome.${r.outcome}`)}${r.status !== null ? ` · ${r.status}` : ''}`;

  return (
    <div className="insp-body">
      <div className="insp-head">
        <h3>{t('inspector.request', { id: r.id })}</h3>
        <button type="button" className="insp-button insp-small" onClick={() => select(null)}>
          {t('inspector.clear')}
        </button>
      </div>
      <dl className="insp-facts">
        <dt>{t('inspector.client')}</dt>
        <dd>
          <code>{r.client}</code>
        </dd>
        <dt>{t('inspector.line')}</dt>
        <dd>
          <code>
            {r.method} {isolate(r.path)} HTTP/1.1
          </code>
        </dd>
        <dt>{t('inspector.host')}</dt>
        <dd>
          <code>{scenario.network.serviceName}</code>
        </dd>
        <dt>{t('inspector.server')}</dt>
        <dd>{server}</dd>
        <dt>{t('inspector.outcome')}</dt>
        <dd>{outcome}</dd>
      </dl>
      {r.dns && r.dns.answeredAt <= time && (
        <p className="insp-note">{t('inspector.dns', { name: r.dns.name, answer: r.dns.answer, at: ms(r.dns.answeredAt) })}</p>
      )}
      <div className="insp-now">
        <h4>{t('inspector.now', { t: ms(time) })}</h4>
        <WhereNow record={r} time={time} />
        {header && (
          <dl className="insp-header" data-testid="inspector-now">
            <dt>{t('inspector.src')}</dt>
            <dd>
              <Addr value={header.src} testId="inspector-src" />
            </dd>
            <dt>{t('inspector.dst')}</dt>
            <dd>
              <Addr value={header.dst} testId="inspector-dst" />
            </dd>
          </dl>
        )}
      </div>
      {scenario.mode === 'L4' && <p className="insp-note insp-l4">{t('inspector.l4note')}</p>}
      <HttpDetails record={r} />
      <TcpTable record={r} time={time} mode={scenario.mode} />
      <HopTable record={r} current={hop} />
    </div>
  );
}
