import { ipHashOctets } from './algorithms/ipHash.ts';
import type { Rng } from './rng.ts';

/** What one client machine keeps between its requests: its next source port, its DNS answer, its cookies. */
export interface ClientState {
  octets: [number, number, number];
  /** Cookies the client keeps from responses. */
  jar: Record<string, string> | null;
  /** Offset of its next source port in the ephemeral range. */
  nextPort: number;
  /** When its DNS lookup under way is answered, or -1 before its first. */
  dnsAnsweredAt: number;
  /** Until when it keeps the answer (its TTL), or -1. */
  dnsUntil: number;
}

// The IANA ephemeral range, which clients take their source ports from.
const EPHEMERAL_LOW = 49152;
const EPHEMERAL_SPAN = 65536 - EPHEMERAL_LOW;

/** A client seen for the first time: its ports start at a seeded random place in the range, as a real host's do. */
export function newClient(ip: string, rng: Rng): ClientState {
  return { octets: ipHashOctets(ip), jar: null, nextPort: rng.int(0, EPHEMERAL_SPAN - 1), dnsAnsweredAt: -1, dnsUntil: -1 };
}

/** The client's source port for a new connection; the next one follows it, wrapping round the range. */
export function takeClientPort(c: ClientState): number {
  const port = EPHEMERAL_LOW + c.nextPort;
  c.nextPort = (c.nextPort + 1) % EPHEMERAL_SPAN;
  return port;
}
