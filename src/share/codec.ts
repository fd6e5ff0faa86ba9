/**
 * Bytes to and from a URL-safe string: JSON, deflated (the browser's and Node's own
 * CompressionStream), in base64url. Inflating stops past MAX_BYTES, so a link cannot make the
 * page unpack a bomb.
 */
export const MAX_BYTES = 200_000;

export class LinkError extends Error {}

function toBase64Url(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new LinkError('it is not valid base64url (it was cut short or changed)');
  let bin: string;
  try {
    bin = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
  } catch {
    throw new LinkError('it is not valid base64url (it was cut short or changed)');
  }
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream, limit: number): Promise<Uint8Array> {
  const reader = new Blob([bytes as BlobPart]).stream().pipeThrough(stream).getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      await reader.cancel();
      throw new LinkError(`it unpacks to more than ${limit.toLocaleString('en-US')} bytes`);
    }
    parts.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

export async function packJson(value: unknown): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  return toBase64Url(await pipe(bytes, new CompressionStream('deflate-raw'), Infinity));
}

/** The JSON a packed string holds; throws LinkError saying what is wrong with it. */
export async function unpackJson(text: string): Promise<unknown> {
  if (text.length > MAX_BYTES) throw new LinkError('it is far too long');
  let bytes: Uint8Array;
  try {
    bytes = await pipe(fromBase64Url(text), new DecompressionStream('deflate-raw'), MAX_BYTES);
  } catch (e) {
    if (e instanceof LinkError) throw e;
    throw new LinkError('it does not unpack (it was cut short or changed)');
  }
  let json: string;
  try {
    json = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new LinkError('it does not hold text');
  }
  try {
    return JSON.parse(json);
  } catch {
    throw new LinkError('it does not hold valid JSON');
  }
}
