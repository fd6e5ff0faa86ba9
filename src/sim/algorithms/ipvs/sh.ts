import { skipOf, type IpvsDest, type IpvsDestChange, type IpvsSchedulerError, type IpvsSkip } from './dest.ts';
import { hash32, ipv4ToU32 } from './hash.ts';

/**
 * IPVS source hashing, net/netfilter/ipvs/ip_vs_sh.c (Linux v6.17-rc3). A table of 256 buckets
 * (IP_VS_SH_TAB_BITS 8), each holding a dest, filled in list order (ip_vs_sh_reassign); a
 * client's bucket is hash_32 of its WHOLE source address (nginx's ip_hash reads only the
 * first three octets). The table is rebuilt at every add, removal or weight change.
 *
 * The hash is today's (it came with sh-port and sh-fallback). Older kernels (the torvalds/linux
 * copy at 033d777f5486) took `(ntohl(addr) * 2654435761) & 255`, the product's LOW 8 bits,
 * which depend on the address's last octet alone.
 */
export const IP_VS_SH_TAB_BITS = 8;
export const IP_VS_SH_TAB_SIZE = 1 << IP_VS_SH_TAB_BITS;
const MASK = IP_VS_SH_TAB_SIZE - 1;

/** The service's sh flags (ipvsadm `-b sh-port,sh-fallback`; IP_VS_SVC_F_SCHED_SH_*). */
export interface ShFlags {
  /** sh-port: the source port is added to the address before hashing. */
  readonly port: boolean;
  /** sh-fallback: an unusable bucket's dest is replaced by walking the table. */
  readonly fallback: boolean;
}

export interface ShState {
  readonly flags: ShFlags;
  /** Each bucket's dest id (null: the list was empty). */
  buckets: (string | null)[];
}

/** The packet's part sh reads: the source address (and its port with sh-port). */
export interface ShPacket {
  readonly clientIp: string;
  readonly clientPort: number;
}

export interface ShDecision {
  readonly scheduler: 'sh';
  readonly index: number | null;
  readonly chosen: string | null;
  /** The u32 hashed: ntohl(source address), plus ntohs(source port) with sh-port. */
  readonly key: number;
  /** hash_32(key, 8): the client's bucket. */
  readonly bucket: number;
  /** The dest that bucket holds, and why it could not take the connection. */
  readonly bucketDest: string | null;
  readonly rejected: IpvsSkip | null;
  /** With sh-fallback and an unusable first dest: each further bucket tried, in order. */
  readonly fallback: readonly { bucket: number; dest: string | null; rejected: IpvsSkip | null }[];
  readonly error: IpvsSchedulerError | null;
}

/**
 * ip_vs_sh_reassign: bucket i takes the current dest, which moves on once it has had
 * `weight` buckets in a row, wrapping to the list's start. The test is `++d_count >= weight`,
 * so a weight-0 dest still holds ONE bucket per round (it is not skipped); clients hashed
 * there are then refused (ip_vs_sh_get) or walked on (sh-fallback).
 */
export function shBuckets(dests: readonly IpvsDest[]): (string | null)[] {
  const buckets: (string | null)[] = [];
  let p = 0;
  let count = 0;
  for (let i = 0; i < IP_VS_SH_TAB_SIZE; i++) {
    const d = dests[p];
    if (d === undefined) {
      buckets.push(null);
      continue;
    }
    buckets.push(d.id);
    if (++count >= d.weight) {
      p = (p + 1) % dests.length;
      count = 0;
    }
  }
  return buckets;
}

export function shInit(dests: readonly IpvsDest[], flags: ShFlags = { port: false, fallback: false }): ShState {
  return { flags, buckets: shBuckets(dests) };
}

/** ip_vs_sh_dest_changed (add_dest, del_dest and upd_dest): the whole table is refilled. */
export function shDestChanged(dests: readonly IpvsDest[], state: ShState, _change?: IpvsDestChange): void {
  state.buckets = shBuckets(dests);
}

/**
 * ip_vs_sh_hashkey: `(offset + hash_32(ntohs(port) + ntohl(addr), 8)) & 255`, port 0 unless
 * sh-port; the sum wraps as u32.
 */
export function shHashKey(key: number, offset: number): number {
  return (offset + hash32(key, IP_VS_SH_TAB_BITS)) & MASK;
}

export function shKey(packet: ShPacket, flags: ShFlags): number {
  return (ipv4ToU32(packet.clientIp) + (flags.port ? packet.clientPort : 0)) >>> 0;
}

/** ip_vs_sh_schedule, through ip_vs_sh_get or, with sh-fallback, ip_vs_sh_get_fallback. */
export function shSchedule(dests: readonly IpvsDest[], state: ShState, packet: ShPacket): ShDecision {
  const key = shKey(packet, state.flags);
  const bucket = shHashKey(key, 0);
  const bucketDest = state.buckets[bucket] ?? null;
  const first = lookup(dests, bucketDest);
  const fallback: ShDecision['fallback'][number][] = [];
  const done = (index: number | null): ShDecision => ({
    scheduler: 'sh',
    index,
    chosen: index === null ? null : dests[index]!.id,
    key,
    bucket,
    bucketDest,
    rejected: first.rejected,
    fallback,
    error: index === null ? 'no destination available' : null,
  });
  if (first.index !== null && first.rejected === null) return done(first.index);
  // Without sh-fallback (or with an empty table) the kernel returns NULL: the connection is
  // refused even when other dests could take it.
  if (!state.flags.fallback || bucketDest === null) return done(null);
  // ip_vs_sh_get_fallback walks offsets 0..255 with roffset = (offset + ihash) % 256, and the
  // bucket is hashkey(roffset) = (roffset + ihash) & 255: the walk starts at 2 × ihash, not at
  // ihash + 1, and still meets every bucket once.
  for (let offset = 0; offset < IP_VS_SH_TAB_SIZE; offset++) {
    const roffset = (offset + bucket) % IP_VS_SH_TAB_SIZE;
    const b = shHashKey(key, roffset);
    const id = state.buckets[b] ?? null;
    if (id === null) break;
    const found = lookup(dests, id);
    fallback.push({ bucket: b, dest: id, rejected: found.rejected });
    if (found.index !== null && found.rejected === null) return done(found.index);
  }
  return done(null);
}

function lookup(dests: readonly IpvsDest[], id: string | null): { index: number | null; rejected: IpvsSkip | null } {
  if (id === null) return { index: null, rejected: null };
  const index = dests.findIndex((d) => d.id === id);
  // A bucket always names a dest of the list: shDestChanged refills the table at every change.
  if (index < 0) throw new Error(`sh: bucket dest ${id} is not in the list; call shDestChanged`);
  return { index, rejected: skipOf(dests[index]!) };
}
