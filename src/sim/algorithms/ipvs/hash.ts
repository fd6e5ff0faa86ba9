/**
 * hash_32, include/linux/hash.h (Linux v6.17-rc3): `(val * GOLDEN_RATIO_32) >> (32 - bits)`
 * in u32 arithmetic, keeping the product's high bits ("High bits are more random"). The
 * generic version; the few architectures with their own __hash_32 (CONFIG_HAVE_ARCH_HASH)
 * must give the same values (lib/test_hash.c checks them against this one).
 */
export const GOLDEN_RATIO_32 = 0x61c88647;

export function hash32(val: number, bits: number): number {
  // Math.imul is the low 32 bits of the product, as u32 multiplication wraps; >>> makes it unsigned.
  return Math.imul(val >>> 0, GOLDEN_RATIO_32) >>> (32 - bits);
}

// sh hashes the client's address at every new connection: each address is parsed once.
const parsed = new Map<string, number>();

/** An IPv4 address as the u32 `ntohl(addr)` gives: the first octet in the top byte. */
export function ipv4ToU32(ip: string): number {
  const known = parsed.get(ip);
  if (known !== undefined) return known;
  const v = parseIpv4(ip);
  if (parsed.size >= 65_536) parsed.clear();
  parsed.set(ip, v);
  return v;
}

function parseIpv4(ip: string): number {
  const parts = ip.split('.');
  if (parts.length !== 4) throw new Error(`not an IPv4 address: ${ip}`);
  let v = 0;
  for (const p of parts) {
    const o = Number(p);
    if (!Number.isInteger(o) || o < 0 || o > 255) throw new Error(`not an IPv4 address: ${ip}`);
    v = v * 256 + o;
  }
  return v;
}
