import type { Lang } from '../../i18n/index.ts';
import { GOLDEN_RATIO_32, ipv4ToU32 } from '../../sim/algorithms/ipvs/hash.ts';
import { IP_VS_SH_TAB_BITS, type ShDecision } from '../../sim/algorithms/ipvs/sh.ts';
import { say, skipText } from './ipvsText.ts';

/** "0x9E3779B9": a u32 as the kernel's hex, eight digits. */
function hex32(n: number): string {
  return `0x${(n >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
}

/**
 * One line of sh's account: words, arithmetic (monospace, under the words), the bucket's
 * server, or a refusal (drawn with a cross) and sh-fallback's tries.
 */
export interface ShLine {
  text: string;
  kind: 'words' | 'math' | 'bucket' | 'rejected' | 'try';
  rejected: boolean;
}

const line = (kind: ShLine['kind'], text: string, rejected = false): ShLine => ({ kind, text, rejected });

/**
 * ip_vs_sh.c's arithmetic for one connection: the key (the whole source address as ntohl
 * gives it, plus the port with sh-port), hash_32(key, 8) worked out (include/linux/hash.h: the
 * u32 product with 0x61C88647, its top 8 bits), the bucket's dest, and, when that dest could
 * not take it, the refusal or sh-fallback's walk (ip_vs_sh_get / ip_vs_sh_get_fallback).
 */
export function shLines(d: ShDecision, client: string, lang: Lang): ShLine[] {
  const addr = ipv4ToU32(client);
  const octets = client.split('.').slice(0, 3).join('.');
  const lines: ShLine[] = [line('words', say(lang, 'sh.key', { client, key: addr, octets }))];
  // The key is the address plus the source port when the service has sh-port (ip_vs_sh_hashkey).
  if (d.key !== addr) lines.push(line('words', say(lang, 'sh.port', { addr, port: (d.key - addr) >>> 0, key: d.key })));
  const product = Math.imul(d.key >>> 0, GOLDEN_RATIO_32) >>> 0;
  const top = `0x${(product >>> (32 - IP_VS_SH_TAB_BITS)).toString(16).toUpperCase().padStart(2, '0')}`;
  lines.push(
    line('words', say(lang, 'sh.hash')),
    line('math', say(lang, 'sh.product', { key: d.key, product: hex32(product) })),
    line('math', say(lang, 'sh.top', { top, bucket: d.bucket })),
  );
  if (d.bucketDest === null) return lines;
  lines.push(line('bucket', say(lang, 'sh.bucket', { bucket: d.bucket, server: d.bucketDest })));
  if (d.rejected === null) return lines;
  const reason = skipText(d.rejected, lang);
  if (d.fallback.length === 0) {
    lines.push(line('rejected', say(lang, 'sh.rejected', { server: d.bucketDest, reason }), true));
    return lines;
  }
  lines.push(line('rejected', say(lang, 'sh.fallback', { server: d.bucketDest, reason }), true));
  const tries = d.fallback.map((f) => {
    const tried = say(lang, 'sh.try', { bucket: f.bucket, server: f.dest ?? '—' });
    return f.rejected ? line('try', `${tried} ✕ (${skipText(f.rejected, lang)})`, true) : line('try', `${tried} ✓`);
  });
  // The walk may meet up to 256 buckets: a long one keeps its first two and its last.
  if (tries.length > 4) {
    lines.push(tries[0]!, tries[1]!, line('try', say(lang, 'sh.more', { count: tries.length - 3 })), tries.at(-1)!);
  } else for (const x of tries) lines.push(x);
  return lines;
}

/** Why a client stays: its bucket does not change while the list does not. */
export function shSameLine(d: ShDecision, client: string, lang: Lang): string | null {
  return d.chosen !== null && d.fallback.length === 0 ? say(lang, 'sh.same', { client, bucket: d.bucket, server: d.chosen }) : null;
}
