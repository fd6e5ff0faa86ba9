/**
 * The Internet checksum (RFC 1071): the ones' complement of the ones' complement sum of 16-bit
 * words. IPv4, TCP, UDP and VRRP all use it; TCP, UDP and VRRPv3 also sum a pseudo-header.
 */

/** Adds the bytes [start, end) of `bytes` to a running sum, as big-endian 16-bit words. */
export function sumWords(bytes: Uint8Array, start: number, end: number, sum = 0): number {
  let i = start;
  for (; i + 1 < end; i += 2) sum += (bytes[i]! << 8) | bytes[i + 1]!;
  if (i < end) sum += bytes[i]! << 8;
  return sum;
}

/** Folds a running sum to 16 bits and complements it. */
export function finish(sum: number): number {
  while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
  return ~sum & 0xffff;
}

export function checksum(bytes: Uint8Array, start: number, end: number): number {
  return finish(sumWords(bytes, start, end));
}

/** The IPv4 pseudo-header's sum: source, destination, protocol and the segment's length. */
export function pseudoHeaderSum(src: Uint8Array, dst: Uint8Array, protocol: number, length: number): number {
  return sumWords(src, 0, 4) + sumWords(dst, 0, 4) + protocol + length;
}
