/**
 * A request's DNS lookup as two UDP messages in DNS wire format (RFC 1035): the client's query
 * for an A record of the service's name, and the answer with the address the engine resolved.
 */
import type { DnsLookup } from '../sim/types.ts';
import { ipBytes } from './packetBytes.ts';

const utf8 = new TextEncoder();

/** The resolver has no address in the lab; this one is from TEST-NET-1 (RFC 5737), kept for documentation. */
export const RESOLVER_IP = '192.0.2.53';
export const DNS_PORT = 53;

const TYPE_A = 1;
const CLASS_IN = 1;
const HEADER = 12;
const LABEL_MAX = 63;

/** The name as DNS labels: each at most 63 bytes, the empty ones (a trailing dot) left out. */
export function encodeName(name: string): Uint8Array {
  const labels = name
    .split('.')
    .filter((l) => l.length > 0)
    .map((l) => utf8.encode(l).subarray(0, LABEL_MAX));
  let size = 1;
  for (const l of labels) size += 1 + l.length;
  const out = new Uint8Array(size);
  let o = 0;
  for (const l of labels) {
    out[o++] = l.length;
    out.set(l, o);
    o += l.length;
  }
  return out; // ends with the root's zero length
}

function message(id: number, flags: number, qname: Uint8Array, answer: Uint8Array | null): Uint8Array {
  const question = qname.length + 4;
  const out = new Uint8Array(HEADER + question + (answer ? answer.length : 0));
  const v = new DataView(out.buffer);
  v.setUint16(0, id & 0xffff);
  v.setUint16(2, flags);
  v.setUint16(4, 1);
  v.setUint16(6, answer ? 1 : 0);
  out.set(qname, HEADER);
  v.setUint16(HEADER + qname.length, TYPE_A);
  v.setUint16(HEADER + qname.length + 2, CLASS_IN);
  if (answer) out.set(answer, HEADER + question);
  return out;
}

/** A standard query with recursion desired. */
export function dnsQuery(id: number, dns: DnsLookup): Uint8Array {
  return message(id, 0x0100, encodeName(dns.name), null);
}

/** The response: recursion desired and available, one A record pointing back at the question's name. */
export function dnsAnswer(id: number, dns: DnsLookup, ttlMs: number): Uint8Array {
  const rr = new Uint8Array(16);
  const v = new DataView(rr.buffer);
  v.setUint16(0, 0xc000 | HEADER); // compression pointer to the question's name
  v.setUint16(2, TYPE_A);
  v.setUint16(4, CLASS_IN);
  v.setUint32(6, Math.max(0, Math.floor(ttlMs / 1000)));
  v.setUint16(10, 4);
  rr.set(ipBytes(dns.answer), 12);
  return message(id, 0x8180, encodeName(dns.name), rr);
}
