import { useT } from '../../store/context.tsx';
import { useSelectedPosition } from '../../store/hooks.ts';
import { startOf } from '../../trace/trace.ts';
import type { RequestRecord } from '../../sim/types.ts';
import { ms, nodeLabel } from './HeaderParts.tsx';

/** One line in words: where the selected request's packet is at the committed time. */
export function WhereNow({ record: r, time }: { record: RequestRecord; time: number }) {
  const t = useT();
  const pos = useSelectedPosition();
  let text: string;
  if (!pos) {
    text = time < startOf(r) ? t('inspector.where.notYet', { at: ms(startOf(r)) }) : t('inspector.where.done', { at: ms(r.doneAt) });
  } else if (pos.kind === 'tcp') {
    text = t('tcp.where', { flags: pos.flags ?? '', from: nodeLabel(t, pos.from), to: nodeLabel(t, pos.to) });
  } else if (pos.kind === 'dns') {
    text = t('inspector.where.dns', { name: r.dns?.name ?? '' });
  } else if (pos.from === pos.to) {
    text = t('inspector.where.held', { node: nodeLabel(t, pos.from) });
  } else {
    text = t('inspector.where.link', { from: nodeLabel(t, pos.from), to: nodeLabel(t, pos.to) });
  }
  return <p className="insp-where">{text}</p>;
}
