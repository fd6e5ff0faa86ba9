import { useMemo } from 'react';
import { whyIpvs, type WhyIpvsKey } from '../../i18n/sections/whyIpvs.ts';
import { useLab, useOwnT, useT } from '../../store/context.tsx';
import type { IpvsDecision } from '../../sim/algorithms/ipvs/registry.ts';
import type { RequestRecord } from '../../sim/types.ts';
import { ipvsServersAt } from '../../trace/why.ts';
import { overheadSummary } from './ipvsOverheadText.ts';
import { shLines, shSameLine } from './ipvsShText.ts';
import { IpvsWrrTable, OverheadTable } from './IpvsTables.tsx';
import { ipvsByLine, ipvsErrorLine, ipvsHeadline, ipvsSourceLine, persistLine, rrLines, wrrIpvsLines } from './ipvsText.ts';
import { HowItWorks, Lines } from './WhyParts.tsx';

/** The scheduler's own account of the pick, with the words that say how it works folded above. */
function Workings({ d, record, balancer, at }: { d: IpvsDecision; record: RequestRecord; balancer: string; at: number }) {
  const say = useOwnT(whyIpvs);
  const lang = useLab((s) => s.lang);
  const trace = useLab((s) => s.trace);
  const scenario = useLab((s) => s.scenario);
  const servers = useMemo(() => ipvsServersAt(trace, scenario, balancer, at), [trace, scenario, balancer, at]);
  const how = (key: WhyIpvsKey) => (
    <HowItWorks>
      <p className="why-intro">{say(key)}</p>
      <p className="why-intro mono">{ipvsSourceLine(d, lang)}</p>
    </HowItWorks>
  );
  switch (d.scheduler) {
    case 'rr':
      return (
        <>
          {how('rr.intro')}
          <Lines lines={rrLines(d, lang)} />
        </>
      );
    case 'wrr':
      return (
        <>
          {how('wrr.intro')}
          <IpvsWrrTable decision={d} servers={servers} />
          <Lines lines={wrrIpvsLines(d, lang)} />
        </>
      );
    case 'lc':
    case 'wlc':
      return (
        <>
          {how(d.scheduler === 'lc' ? 'lc.intro' : 'wlc.intro')}
          <OverheadTable decision={d} />
          <Lines lines={overheadSummary(d, lang)} />
        </>
      );
    case 'sh': {
      const same = shSameLine(d, record.client, lang);
      const lines = shLines(d, record.client, lang);
      // Words as prose; the arithmetic and the bucket it leads to in monospace under them, as ip_hash's rounds are.
      const math = lines.filter((l) => l.kind === 'math' || l.kind === 'bucket');
      return (
        <>
          {how('sh.intro')}
          {lines
            .filter((l) => l.kind === 'words')
            .map((l) => (
              <p key={l.text}>{l.text}</p>
            ))}
          <ul className="ip-lines mono">
            {math.map((l) => (
              <li key={l.text}>{l.text}</li>
            ))}
          </ul>
          {lines
            .filter((l) => l.kind === 'rejected' || l.kind === 'try')
            .map((l) => (
              <p key={l.text} className={l.rejected ? 'ip-rejected' : undefined}>
                {l.rejected && <span aria-hidden="true">✕ </span>}
                {l.text}
              </p>
            ))}
          {same && <p className="why-note">{same}</p>}
        </>
      );
    }
  }
}

/**
 * An L4 pick: IPVS's scheduler named as the system that picks (the Linux kernel, not nginx),
 * its numbers, and, when it found no destination, what the kernel does then.
 */
export function IpvsView({ record, ipvs: d, balancer, at }: { record: RequestRecord; ipvs: IpvsDecision; balancer: string; at: number }) {
  const lang = useLab((s) => s.lang);
  const error = ipvsErrorLine(d, record, balancer, lang);
  return (
    <div className="why-body" data-why="ipvs" data-scheduler={d.scheduler}>
      <p className={d.chosen ? 'why-key' : 'why-key why-key-none'}>
        <span aria-hidden="true">{d.chosen ? '✓ ' : '✕ '}</span>
        {ipvsHeadline(d, balancer, lang)}
      </p>
      <p className="why-algo">{ipvsByLine(d, lang)}</p>
      <Workings d={d} record={record} balancer={balancer} at={at} />
      {error && <p className="why-note">{error}</p>}
    </div>
  );
}

/** An L4 pick by a persistence template: no scheduler ran. */
export function PersistentView({ record, timeoutMs }: { record: RequestRecord; timeoutMs: number }) {
  const t = useT();
  const say = useOwnT(whyIpvs);
  const lang = useLab((s) => s.lang);
  return (
    <div className="why-body" data-why="persistent">
      <p className="why-key">
        <span aria-hidden="true">✓ </span>
        {t('why.chosen', { server: record.server ?? '—' })}
      </p>
      <p className="why-algo">{say('persist.by')}</p>
      <p>{persistLine(record, timeoutMs, lang)}</p>
    </div>
  );
}
