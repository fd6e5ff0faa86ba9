import type { Header, Hop, RequestRecord } from '../../sim/types.ts';

/** Which address fields a node rewrote between the header it got and the one it sent. */
export interface HeaderChange {
  src: boolean;
  dst: boolean;
}

const NONE: HeaderChange = { src: false, dst: false };

/**
 * Compares a hop's headers. A side that is missing (the packet starts or ends at this node)
 * is not a rewrite, so nothing counts as changed then.
 */
export function headerChange(inH: Header | null, outH: Header | null): HeaderChange {
  if (!inH || !outH) return NONE;
  return { src: inH.src !== outH.src, dst: inH.dst !== outH.dst };
}

export function hopChange(hop: Hop): HeaderChange {
  return headerChange(hop.in, hop.out);
}

/** Index of the last hop at or before t (the node the packet is at or last left), or -1. */
export function hopIndexAt(r: RequestRecord, t: number): number {
  let found = -1;
  for (let i = 0; i < r.hops.length; i++) {
    if (r.hops[i]!.at <= t) found = i;
    else break;
  }
  return found;
}

/**
 * The header the packet carries at hop i: as it left the node, or, where it stops there (a
 * server holding the request, the client at the end), as it arrived.
 */
export function carriedHeader(r: RequestRecord, i: number): Header | null {
  const hop = r.hops[i];
  return hop ? (hop.out ?? hop.in) : null;
}

/** "ip:port" -> "ip". */
export function ipOf(endpoint: string): string {
  const colon = endpoint.lastIndexOf(':');
  return colon < 0 ? endpoint : endpoint.slice(0, colon);
}

export function portOf(endpoint: string): string {
  const colon = endpoint.lastIndexOf(':');
  return colon < 0 ? '' : endpoint.slice(colon + 1);
}
