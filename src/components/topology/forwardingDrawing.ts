import type { MessageKey } from '../../i18n/index.ts';
import type { NatForwardingKey } from '../../i18n/sections/natForwarding.ts';
import type { Forwarding } from '../../sim/forwarding.ts';
import { macOf } from '../../sim/forwarding.ts';
import { balancerIndex, isBalancer, isClient, isServer, type BalancerName } from '../../sim/nodes.ts';
import type { Scenario } from '../../sim/scenario.ts';
import type { Header, RequestRecord } from '../../sim/types.ts';
import type { PacketPosition } from '../../trace/packets.ts';

/**
 * The drawing's half of each forwarding mode (the engine's half is src/sim/forwarding.ts): what
 * the toolbar calls it, what the NAT card says it rewrites, whether the stage draws the servers'
 * direct answers, which legend items it adds, and what the header tag shows besides src and dst.
 * One entry per mode, complete by type: a new mode is a compile error here until it is drawn.
 */

/** What the header tag adds to src and dst for a mode that carries the server elsewhere than in the IP header. */
export type TagExtra =
  /** Direct routing: the Ethernet destination, flipped by the balancer to the server's MAC. */
  | { kind: 'mac'; dst: string; changed: boolean }
  /**
   * IP tunnelling: the outer IP header wrapped round the packet; `off` names the server that
   * took it off (the packet has reached it), else null.
   */
  | { kind: 'outer'; src: string; dst: string; changed: boolean; off: string | null };

/** The legend's items for the marks a mode adds (legendItems.ts names them). */
export type ForwardingMark = 'direct' | 'mac' | 'outer';

export interface ForwardingDrawing {
  /** The combobox's option. */
  label: MessageKey;
  /** What the balancer rewrites in this mode (the NAT card's own words: natForwarding.ts). */
  does: NatForwardingKey;
  /** The server answers the client itself: the stage draws a path from each server to each client. */
  directAnswer: boolean;
  /** The legend items its marks need. */
  marks: readonly ForwardingMark[];
  /** The header tag's extra line on packet `p` of record `r`, or null. */
  tagExtra(p: PacketPosition, r: RequestRecord, header: Header, s: Scenario): TagExtra | null;
}

const noExtra = () => null;

/** The balancer's own MAC: what a packet for the VIP carries as its Ethernet destination on its way in. */
function balancerMac(node: BalancerName, s: Scenario): string | null {
  const ip = s.network.balancerIps[balancerIndex(node)];
  return ip ? macOf(ip) : null;
}

/** The packet has just left a balancer for another node (that is where the balancer rewrote it). */
const leavingBalancer = (p: PacketPosition) => p.from !== p.to && isBalancer(p.from);

/**
 * Direct routing: the header the balancer sent carries the server's MAC (the record's `mac`); a
 * packet on its way into the balancer carries the balancer's, so the tag shows the one field
 * that flips while src and dst stay client → VIP.
 */
function macExtra(p: PacketPosition, _r: RequestRecord, header: Header, s: Scenario): TagExtra | null {
  if (header.mac) return { kind: 'mac', dst: header.mac.dst, changed: leavingBalancer(p) };
  const into = isBalancer(p.to) && (isClient(p.from) || p.from === p.to);
  const mac = into ? balancerMac(p.to as BalancerName, s) : null;
  return mac ? { kind: 'mac', dst: mac, changed: false } : null;
}

/** IP tunnelling: the outer header from the balancer, taken off where the packet reaches its server. */
function outerExtra(p: PacketPosition, _r: RequestRecord, header: Header): TagExtra | null {
  if (!header.outer) return null;
  const off = p.from === p.to && isServer(p.from) ? p.from : null;
  return { kind: 'outer', src: header.outer.src, dst: header.outer.dst, changed: leavingBalancer(p) || off !== null, off };
}

export const FORWARDING_DRAWING = {
  'full-nat': { label: 'forwarding.full-nat', does: 'does.full-nat', directAnswer: false, marks: [], tagExtra: noExtra },
  nat: { label: 'forwarding.nat', does: 'does.nat', directAnswer: false, marks: [], tagExtra: noExtra },
  dr: { label: 'forwarding.dr', does: 'does.dr', directAnswer: true, marks: ['direct', 'mac'], tagExtra: macExtra },
  tun: { label: 'forwarding.tun', does: 'does.tun', directAnswer: true, marks: ['direct', 'outer'], tagExtra: outerExtra },
} as const satisfies Record<Forwarding, ForwardingDrawing>;

/** The drawing of the scenario's mode; L7 is a proxy and always draws as full NAT's (the engine holds it there). */
export function drawingOf(s: Pick<Scenario, 'mode' | 'forwarding'>): ForwardingDrawing {
  return FORWARDING_DRAWING[s.mode === 'L7' ? 'full-nat' : s.forwarding];
}
