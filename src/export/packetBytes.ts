/**
 * The bytes of one Ethernet frame: Ethernet II, IPv4, and a TCP or UDP segment, an ARP message,
 * or any IPv4 payload (VRRP). Every length and checksum is computed, so tshark's checks pass.
 */
import { checksum, finish, pseudoHeaderSum, sumWords } from './checksum.ts';

export const ETHERTYPE_IPV4 = 0x0800;
export const ETHERTYPE_ARP = 0x0806;
export const PROTO_TCP = 6;
export const PROTO_UDP = 17;
export const PROTO_VRRP = 112;

const ETH_LEN = 14;
const IP_LEN = 20;
const TCP_LEN = 20;
const UDP_LEN = 8;
/**
 * The most data one TCP segment carries: Ethernet's 1500-byte MTU less 20 bytes of IPv4 and 20
 * of TCP header (no options), what Linux advertises on an Ethernet link.
 */
export const MSS = 1460;
/** Ethernet's shortest frame without its FCS: shorter ones are padded, as a NIC would. */
const MIN_FRAME = 60;

export const TCP_FIN = 0x01;
export const TCP_SYN = 0x02;
export const TCP_RST = 0x04;
export const TCP_PSH = 0x08;
export const TCP_ACK = 0x10;

/** "a.b.c.d" as 4 bytes; anything else (the schema only lets IPv4 through) as 0.0.0.0. */
export function ipBytes(ip: string): Uint8Array {
  const out = new Uint8Array(4);
  const parts = ip.split('.');
  if (parts.length !== 4) return out;
  for (let i = 0; i < 4; i++) out[i] = Number(parts[i]) & 0xff;
  return out;
}

/** A stable, locally administered MAC for an IP: 02:00 and the address's four bytes. */
export function macOf(ip: Uint8Array): Uint8Array {
  return Uint8Array.of(0x02, 0x00, ip[0]!, ip[1]!, ip[2]!, ip[3]!);
}

export interface Ipv4Addressing {
  srcMac: Uint8Array;
  dstMac: Uint8Array;
  src: Uint8Array;
  dst: Uint8Array;
  ttl: number;
  /** The IP identification field; any value, but distinct frames read better. */
  id: number;
}

/** Where a frame's bytes go: zeroed memory of the length asked (see FrameArena). */
export type Alloc = (length: number) => Uint8Array;
const fresh: Alloc = (length) => new Uint8Array(length);

function put16(f: Uint8Array, o: number, v: number): void {
  f[o] = (v >>> 8) & 0xff;
  f[o + 1] = v & 0xff;
}

function put32(f: Uint8Array, o: number, v: number): void {
  put16(f, o, v >>> 16);
  put16(f, o + 2, v & 0xffff);
}

function frame(length: number, alloc: Alloc): Uint8Array {
  return alloc(Math.max(length, MIN_FRAME));
}

function writeEthernet(f: Uint8Array, srcMac: Uint8Array, dstMac: Uint8Array, etherType: number): void {
  f.set(dstMac, 0);
  f.set(srcMac, 6);
  f[12] = etherType >> 8;
  f[13] = etherType & 0xff;
}

/** Writes the Ethernet and IPv4 headers for a payload of `payloadLength` bytes; returns the frame. */
function ipv4Frame(a: Ipv4Addressing, protocol: number, payloadLength: number, alloc: Alloc): Uint8Array {
  const f = frame(ETH_LEN + IP_LEN + payloadLength, alloc);
  writeEthernet(f, a.srcMac, a.dstMac, ETHERTYPE_IPV4);
  const o = ETH_LEN;
  const total = IP_LEN + payloadLength;
  f[o] = 0x45;
  f[o + 2] = total >> 8;
  f[o + 3] = total & 0xff;
  f[o + 4] = (a.id >> 8) & 0xff;
  f[o + 5] = a.id & 0xff;
  f[o + 6] = 0x40; // don't fragment
  f[o + 8] = a.ttl;
  f[o + 9] = protocol;
  f.set(a.src, o + 12);
  f.set(a.dst, o + 16);
  const sum = checksum(f, o, o + IP_LEN);
  f[o + 10] = sum >> 8;
  f[o + 11] = sum & 0xff;
  return f;
}

export interface TcpFields {
  srcPort: number;
  dstPort: number;
  seq: number;
  ack: number;
  flags: number;
  payload: Uint8Array;
}

export function tcpFrame(a: Ipv4Addressing, t: TcpFields, alloc: Alloc = fresh): Uint8Array {
  const length = TCP_LEN + t.payload.length;
  const f = ipv4Frame(a, PROTO_TCP, length, alloc);
  const o = ETH_LEN + IP_LEN;
  put16(f, o, t.srcPort);
  put16(f, o + 2, t.dstPort);
  put32(f, o + 4, t.seq);
  put32(f, o + 8, t.flags & TCP_ACK ? t.ack : 0);
  f[o + 12] = (TCP_LEN / 4) << 4;
  f[o + 13] = t.flags;
  put16(f, o + 14, 65535); // window
  f.set(t.payload, o + TCP_LEN);
  put16(f, o + 16, finish(sumWords(f, o, o + length, pseudoHeaderSum(a.src, a.dst, PROTO_TCP, length))));
  return f;
}

export function udpFrame(a: Ipv4Addressing, srcPort: number, dstPort: number, payload: Uint8Array, alloc: Alloc = fresh): Uint8Array {
  const length = UDP_LEN + payload.length;
  const f = ipv4Frame(a, PROTO_UDP, length, alloc);
  const o = ETH_LEN + IP_LEN;
  put16(f, o, srcPort);
  put16(f, o + 2, dstPort);
  put16(f, o + 4, length);
  f.set(payload, o + UDP_LEN);
  // A UDP checksum that computes to 0 is sent as 0xffff (0 means "none").
  const sum = finish(sumWords(f, o, o + length, pseudoHeaderSum(a.src, a.dst, PROTO_UDP, length)));
  put16(f, o + 6, sum === 0 ? 0xffff : sum);
  return f;
}

/** Any other IPv4 payload, written as it is (its own checksum already in it). */
export function rawIpv4Frame(a: Ipv4Addressing, protocol: number, payload: Uint8Array, alloc: Alloc = fresh): Uint8Array {
  const f = ipv4Frame(a, protocol, payload.length, alloc);
  f.set(payload, ETH_LEN + IP_LEN);
  return f;
}

export const BROADCAST_MAC = Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff, 0xff);

/** A gratuitous ARP (a request for one's own address, broadcast): "this IP is at this MAC now". */
export function gratuitousArpFrame(mac: Uint8Array, ip: Uint8Array, alloc: Alloc = fresh): Uint8Array {
  const f = frame(ETH_LEN + 28, alloc);
  writeEthernet(f, mac, BROADCAST_MAC, ETHERTYPE_ARP);
  const o = ETH_LEN;
  put16(f, o, 1); // Ethernet
  put16(f, o + 2, ETHERTYPE_IPV4);
  f[o + 4] = 6;
  f[o + 5] = 4;
  put16(f, o + 6, 1); // request
  f.set(mac, o + 8);
  f.set(ip, o + 14);
  f.set(ip, o + 24); // target hardware address stays zero
  return f;
}
