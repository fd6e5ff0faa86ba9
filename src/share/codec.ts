import type { Said } from '../sim/said.ts';

/**
 * Bytes to and from a URL-safe string: JSON, deflated (the browser's and Node's own
 * CompressionStream), in base64url. Inflating stops past MAX_BYTES, so a link cannot make the
 * page unpack a bomb.
 */
export const MAX_BYTES = 200_000;

/**
 * What is wrong with a link, in both languages (the Error's message is the English); `tooLarge`
 * when the link is refused for its size alone (a file, not a link, carries a scenario that big).
 */
export class LinkError extends Error {
  constructor(
    readonly said: Said,
    readonly tooLarge = false,
  ) {
    super(said.en);
  }
}

const cutOrChanged = {
  en: 'it is not valid base64url (it was cut short or changed)',
  ko: '올바른 base64url이 아닙니다(잘렸거나 바뀌었습니다)',
};

function toBase64Url(bytes: Uint8Array): string {
  // One character at a time: spreading a large array into a call can overflow the stack.
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new LinkError(cutOrChanged);
  let bin: string;
  try {
    bin = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
  } catch {
    throw new LinkError(cutOrChanged);
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
      const bytes = limit.toLocaleString('en-US');
      throw new LinkError({ en: `it unpacks to more than ${bytes} bytes`, ko: `풀면 ${bytes}바이트를 넘습니다` }, true);
    }
    parts.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export async function packJson(value: unknown): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  return toBase64Url(await pipe(bytes, new CompressionStream('deflate-raw'), Infinity));
}

/** The JSON a packed string holds; throws LinkError saying what is wrong with it. */
export async function unpackJson(text: string): Promise<unknown> {
  if (text.length > MAX_BYTES) throw new LinkError({ en: 'it is far too long', ko: '너무 깁니다' }, true);
  let bytes: Uint8Array;
  try {
    bytes = await pipe(fromBase64Url(text), new DecompressionStream('deflate-raw'), MAX_BYTES);
  } catch (e) {
    if (e instanceof LinkError) throw e;
    throw new LinkError({
      en: 'it does not unpack (it was cut short or changed)',
      ko: '압축이 풀리지 않습니다(잘렸거나 바뀌었습니다)',
    });
  }
  let json: string;
  try {
    json = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new LinkError({ en: 'it does not hold text', ko: '글자가 아닌 내용이 들어 있습니다' });
  }
  try {
    return JSON.parse(json);
  } catch {
    throw new LinkError({ en: 'it does not hold valid JSON', ko: '올바른 JSON이 들어 있지 않습니다' });
  }
}
