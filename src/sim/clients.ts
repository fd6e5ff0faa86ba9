import { ipHashOctets } from './algorithms/ipHash.ts';
import { CLIENT_PORT_HIGH, CLIENT_PORT_LOW, ClientPorts } from './ports.ts';
import type { Rng } from './rng.ts';

/** What one client machine keeps between its requests: its ports, its DNS answer, its cookies. */
export interface ClientState {
  octets: [number, number, number];
  /** Cookies the client keeps from responses. */
  jar: Record<string, string> | null;
  /**
   * Its ephemeral ports toward the VIP:port. A port is unique per destination (Linux's
   * connect()), and a lab client connects to one destination only, the VIP: one range.
   */
  ports: ClientPorts;
  /** When its DNS lookup under way is answered, or -1 before its first. */
  dnsAnsweredAt: number;
  /** Until when it keeps the answer (its TTL), or -1. */
  dnsUntil: number;
}

const EPHEMERAL_SPAN = CLIENT_PORT_HIGH + 1 - CLIENT_PORT_LOW;

/** A client seen for the first time: its ports start at a seeded random place in the range, as a real host's do. */
export function newClient(ip: string, rng: Rng): ClientState {
  return { octets: ipHashOctets(ip), jar: null, ports: new ClientPorts(rng.int(0, EPHEMERAL_SPAN - 1)), dnsAnsweredAt: -1, dnsUntil: -1 };
}
