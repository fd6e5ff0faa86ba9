import { clientIpOf, isClient } from '../../sim/nodes.ts';
import type { Header } from '../../sim/types.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { useT } from '../../store/context.tsx';
import type { HeaderChange } from './headerDiff.ts';

type T = (key: MessageKey, params?: Record<string, string | number>) => string;

/**
 * One address. A rewritten one is bold with a ✎ marker and says so to screen readers too,
 * so the change never rests on colour alone.
 */
export function Addr({ value, changed = false, testId }: { value: string; changed?: boolean; testId?: string }) {
  const t = useT();
  if (!changed)
    return (
      <code className="insp-addr" data-testid={testId}>
        {value}
      </code>
    );
  return (
    <strong className="insp-addr insp-changed">
      <span aria-hidden="true">✎ </span>
      <code data-testid={testId}>{value}</code>
      <span className="visually-hidden"> {t('inspector.changed')}</span>
    </strong>
  );
}

/** A header as two short lines, for table cells: "src a:b" over "dst c:d". */
export function HeaderLines({ header, change, empty }: { header: Header | null; change?: HeaderChange; empty: string }) {
  const t = useT();
  if (!header) return <span className="insp-muted">{empty}</span>;
  return (
    <span className="insp-lines">
      <span>
        <span className="insp-key">{t('inspector.srcShort')}</span> <Addr value={header.src} changed={change?.src ?? false} />
      </span>
      <span>
        <span className="insp-key">{t('inspector.dstShort')}</span> <Addr value={header.dst} changed={change?.dst ?? false} />
      </span>
    </span>
  );
}

/** A node as the trace names it ("client", "lb1", "s2") or as the drawing does ("client:1.2.3.4"). */
export function nodeLabel(t: T, node: string, clientIp?: string): string {
  if (!isClient(node)) return node;
  const ip = clientIpOf(node) ?? clientIp;
  return ip ? `${t('inspector.node.client')} ${ip}` : t('inspector.node.client');
}

export const ms = (at: number): string => at.toFixed(1);
