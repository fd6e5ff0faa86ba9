import type { RuleMatch } from '../../sim/scenario.ts';
import type { RequestRecord } from '../../sim/types.ts';
import { useLab, useT } from '../../store/context.tsx';
import { useCommittedTime } from '../../store/offscreen.tsx';
import { isolate } from '../userText.ts';

function describeMatch(m: RuleMatch): string {
  if ('pathPrefix' in m) return `path ${isolate(m.pathPrefix)}*`;
  if ('header' in m) return `${m.header}: ${isolate(m.equals)}`;
  return `cookie ${m.cookie}=${isolate(m.equals)}`;
}

/** What the HTTP layer adds: the two connections of L7, the headers, cookies, rule and session. */
export function HttpDetails({ record: r }: { record: RequestRecord }) {
  const t = useT();
  const scenario = useLab((s) => s.scenario);
  const time = useCommittedTime();
  const l7 = scenario.mode === 'L7';
  const rule = r.rule !== null ? scenario.rules[r.rule] : undefined;
  const reached = r.headers !== null && r.hops.some((h) => h.node === r.server && h.at <= time);
  return (
    <div className="insp-http">
      {l7 && <p className="insp-note">{t('inspector.l7note')}</p>}
      {l7 && r.nat && (
        <ul className="insp-conns">
          <li>
            <code>{t('inspector.conn1', { client: r.nat.client, vip: r.nat.vip })}</code>
          </li>
          <li>
            <code>{t('inspector.conn2', { local: r.nat.local, server: r.nat.server })}</code>
          </li>
        </ul>
      )}
      {l7 &&
        r.decision &&
        (rule ? (
          <p>
            {t('inspector.rule', {
              n: (r.rule ?? 0) + 1,
              match: describeMatch(rule.match),
              servers: rule.servers.join(', '),
            })}
          </p>
        ) : (
          <p>{t('inspector.noRule')}</p>
        ))}
      {r.sticky && <p>{t('inspector.sticky')}</p>}
      {reached && r.headers && Object.keys(r.headers).length > 1 && (
        <table className="insp-headers">
          <caption>{t('inspector.headers')}</caption>
          <tbody>
            {Object.entries(r.headers)
              .filter(([k]) => k !== 'Host')
              .map(([k, v]) => (
                <tr key={k}>
                  <th scope="row">
                    <code>{k}</code>
                  </th>
                  <td>
                    <code>{isolate(v)}</code>
                  </td>
                </tr>
              ))}
          </tbody>
        </table>
      )}
      {r.session && time >= r.doneAt && (
        <p className={`insp-session insp-session-${r.session}`}>{t(`inspector.session.${r.session}`, { server: r.server ?? '' })}</p>
      )}
      {r.setCookie && time >= r.doneAt && (
        <p>
          {t('inspector.setCookie', {
            cookies: Object.entries(r.setCookie)
              .map(([k, v]) => `${k}=${isolate(v)}`)
              .join('; '),
          })}
        </p>
      )}
    </div>
  );
}
