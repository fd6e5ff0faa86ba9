import { ineligibility, type Ineligible, type Peer } from './peers.ts';

/** The per-request part of ip_hash: where hashing resumes on a retry, and how many rehashes. */
export interface IpHashCursor {
  hash: number;
  hashTries: number;
}

export const IP_HASH_START = 89;
export const IP_HASH_MAX_TRIES = 20;

/** One pass of nginx's arithmetic, kept so the view can show it line by line. */
export interface IpHashRound {
  /** hash before each octet, the octet, and hash after: (hash * 113 + octet) % 6271 */
  steps: { hash: number; octet: number; result: number }[];
  hash: number;
  totalWeight: number;
  /** hash % totalWeight */
  w: number;
  peer: string;
  rejected: Ineligible | null;
}

export function ipHashOctets(ip: string): [number, number, number] {
  const parts = ip.split('.').map(Number);
  return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0];
}

/**
 * nginx's ip_hash: the first three octets of the client's IPv4 address are hashed; the result
 * modulo the total weight (every configured peer, down ones included) walks the peers. An
 * unusable peer makes it hash again from where it stopped; past 20 tries the caller falls back
 * to round robin. Returns null for that fallback.
 */
export function ipHashPick(
  peers: readonly Peer[],
  octets: readonly [number, number, number],
  cursor: IpHashCursor,
  nowS: number,
  triedPeers: number,
  rounds: IpHashRound[] | null,
): Peer | null {
  let totalWeight = 0;
  for (const p of peers) totalWeight += p.weight;
  let hash = cursor.hash;
  for (;;) {
    const steps = rounds ? ([] as IpHashRound['steps']) : null;
    for (const octet of octets) {
      const result = (hash * 113 + octet) % 6271;
      steps?.push({ hash, octet, result });
      hash = result;
    }
    let w = hash % totalWeight;
    const w0 = w;
    let i = 0;
    while (w >= peers[i]!.weight) {
      w -= peers[i]!.weight;
      i++;
    }
    const peer = peers[i]!;
    const rejected = ineligibility(peer, nowS, triedPeers);
    if (rounds && steps) {
      rounds.push({ steps, hash, totalWeight, w: w0, peer: peer.name, rejected });
    }
    if (rejected === null) {
      cursor.hash = hash;
      return peer;
    }
    if (++cursor.hashTries > IP_HASH_MAX_TRIES) {
      cursor.hash = hash;
      return null;
    }
  }
}
