import { translate, type Lang } from '../../i18n/index.ts';
import { isClient } from '../../sim/nodes.ts';
import type { RequestRecord } from '../../sim/types.ts';

/** One handshake segment at one node, in words. */
export function narrateSegment(r: RequestRecord, k: number, lang: Lang): string {
  const g = r.tcp?.[k];
  if (!g) return '';
  const node = isClient(g.node) ? r.client : g.node;
  const base = { node, id: r.id, flags: g.flags };
  if (g.drop === 'refused' && g.flags === 'SYN') return translate(lang, 'tcp.log.refused', base);
  if (g.drop === 'refused') return translate(lang, 'tcp.log.rst', { ...base, src: g.in?.src ?? '' });
  if (g.drop === 'overflow') return translate(lang, 'tcp.log.overflow', base);
  if (g.drop) return translate(lang, 'tcp.log.lost', base);
  if (g.in && g.out) {
    return translate(lang, 'tcp.log.rewrite', {
      ...base,
      inSrc: g.in.src,
      inDst: g.in.dst,
      outSrc: g.out.src,
      outDst: g.out.dst,
    });
  }
  if (g.out) return translate(lang, 'tcp.log.send', { ...base, src: g.out.src, dst: g.out.dst });
  return translate(lang, 'tcp.log.recv', { ...base, src: g.in?.src ?? '' });
}
