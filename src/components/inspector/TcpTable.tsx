import { useT } from '../../store/context.tsx';
import type { RequestRecord } from '../../sim/types.ts';
import { ms, nodeLabel } from './HeaderParts.tsx';

/** The request's handshake segments (with `network.handshakes` on), up to the current time. */
export function TcpTable({ record: r, time, mode }: { record: RequestRecord; time: number; mode: 'L4' | 'L7' }) {
  const t = useT();
  if (!r.tcp) return null;
  const shown = r.tcp.filter((g) => g.at <= time);
  return (
    <section className="insp-tcp" aria-label={t('tcp.title')}>
      <h4>{t('tcp.title')}</h4>
      <p className="insp-muted">{t(mode === 'L7' ? 'tcp.intro.L7' : 'tcp.intro.L4')}</p>
      {shown.length > 0 && (
        <table className="insp-hops">
          <thead>
            <tr>
              <th scope="col">{t('tcp.col.at')}</th>
              <th scope="col">{t('tcp.col.node')}</th>
              <th scope="col">{t('tcp.col.flags')}</th>
              <th scope="col">{t('tcp.col.addr')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((g, i) => {
              const h = g.out ?? g.in;
              return (
                <tr key={i}>
                  <td>{ms(g.at)}</td>
                  <td>
                    {nodeLabel(t, g.node, r.client)} · {t(g.out ? 'tcp.leaves' : 'tcp.arrives')}
                  </td>
                  <td>
                    <strong className={`tcp-flag tcp-${g.flags.toLowerCase()}`}>{g.flags}</strong>
                    {g.drop ? ` ✗ ${g.drop}` : ''}
                  </td>
                  <td>
                    <code>{h ? `${h.src} → ${h.dst}` : '—'}</code>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
