/**
 * What keepalived puts on the wire for the VRRP records: advertisements from the master to
 * 224.0.0.18 (VRRPv2, RFC 3768, or VRRPv3, RFC 5798, as the scenario says) and the gratuitous
 * ARPs with which a new master tells the LAN the VIP is at the virtual router's MAC.
 */
import { finish, pseudoHeaderSum, sumWords } from './checksum.ts';
import { PROTO_VRRP } from './packetBytes.ts';

/** The virtual router id keepalived's examples use; the lab's pair is that one router. */
export const VRID = 51;
export const VRRP_GROUP = '224.0.0.18';
/** The virtual router's MAC (RFC 3768 §7.3: 00-00-5E-00-01-{VRID}). */
export const VIRTUAL_MAC = Uint8Array.of(0x00, 0x00, 0x5e, 0x00, 0x01, VRID);
/** 224.0.0.18 mapped to Ethernet multicast. */
export const VRRP_GROUP_MAC = Uint8Array.of(0x01, 0x00, 0x5e, 0x00, 0x00, 0x12);
/** RFC 3768 §5.2.8: VRRP packets are sent with TTL 255, and a receiver drops any other. */
export const VRRP_TTL = 255;

export interface Advert {
  version: 2 | 3;
  priority: number;
  advertIntervalMs: number;
  vip: Uint8Array;
  /** The sender's and the group's address: VRRPv3's checksum covers a pseudo-header. */
  src: Uint8Array;
  dst: Uint8Array;
}

export function vrrpAdvert(a: Advert): Uint8Array {
  // VRRPv2 ends with 8 bytes of authentication data (none: auth type 0).
  const out = new Uint8Array(a.version === 3 ? 12 : 20);
  const v = new DataView(out.buffer);
  out[0] = (a.version << 4) | 1; // type 1: advertisement
  out[1] = VRID;
  out[2] = Math.min(255, Math.max(0, Math.round(a.priority)));
  out[3] = 1; // one address
  if (a.version === 3) {
    // 12 bits of centiseconds.
    v.setUint16(4, Math.min(0xfff, Math.max(1, Math.round(a.advertIntervalMs / 10))));
  } else {
    out[4] = 0; // no authentication
    out[5] = Math.min(255, Math.max(1, Math.round(a.advertIntervalMs / 1000)));
  }
  out.set(a.vip, 8);
  const base = a.version === 3 ? pseudoHeaderSum(a.src, a.dst, PROTO_VRRP, out.length) : 0;
  v.setUint16(6, finish(sumWords(out, 0, out.length, base)));
  return out;
}
