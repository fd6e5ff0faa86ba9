/**
 * Reading a scenario file safely for the command line: a size limit read no further than one
 * byte past it (so /dev/zero and /dev/urandom are refused at once), the text's encoding (UTF-8
 * with or without a byte-order mark, UTF-16 in either byte order), a nesting limit checked
 * before JSON.parse and the schema see the text, and messages made safe to print on a terminal.
 * Pure functions but for readScenarioBytes; every refusal is one line of English.
 */
import { open } from 'node:fs/promises';
import { parseScenarioText, type Scenario } from '../src/sim/scenario.ts';
import { deeperAt, MAX_DEPTH, tooDeep } from '../src/store/nesting.ts';

/** The largest scenario file the command line reads: ample for the schema's 1,000,000 requests. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;
/** The deepest nesting of objects and lists a file may have: the page's limit. */
export { MAX_DEPTH };
/** A message longer than this (one quoting a huge value, say) is cut, so it stays one readable line. */
export const MAX_MESSAGE_CHARS = 2000;

/** A file the command line will not read, with the reason as one line of English. */
export class Refused extends Error {}

const mib = (bytes: number) => `${bytes / (1024 * 1024)} MiB`;

/**
 * The file's bytes, at most `limit`. Regular files larger than the limit are refused from their
 * size; anything else (a device, a pipe) is read until it ends or passes the limit by one byte.
 * Errors from the system (a missing file, a directory) are thrown as they are.
 */
export async function readScenarioBytes(file: string, limit = MAX_FILE_BYTES): Promise<Buffer> {
  const tooBig = () => new Refused(`the file is larger than ${mib(limit)}, the most a scenario file may be`);
  const handle = await open(file, 'r');
  try {
    const st = await handle.stat();
    if (st.isFile() && st.size > limit) throw tooBig();
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const want = Math.min(1024 * 1024, limit + 1 - total);
      const chunk = Buffer.allocUnsafe(want);
      const { bytesRead } = await handle.read(chunk, 0, want, null);
      if (bytesRead === 0) break;
      chunks.push(bytesRead === want ? chunk : chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > limit) throw tooBig();
    }
    return Buffer.concat(chunks, total);
  } finally {
    await handle.close();
  }
}

const SAVE_AS_UTF8 = 'save it as UTF-8';

/** Where byte `offset` is, as "line L, column C" (columns in bytes). */
function whereByte(bytes: Uint8Array, offset: number): string {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      start = i + 1;
    }
  }
  return `line ${line}, column ${offset - start + 1}`;
}

/** The offset of the first byte that is not part of valid UTF-8 (RFC 3629). */
function firstBadUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    let n: number;
    let min: number;
    if (c < 0x80) {
      i++;
      continue;
    }
    if (c >= 0xc2 && c <= 0xdf) {
      n = 1;
      min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
      n = 2;
      min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3;
      min = 0x10000;
    } else return i;
    let cp = c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const d = b[i + k];
      if (d === undefined || (d & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (d & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return -1;
}

function decodeUtf16(bytes: Uint8Array, bigEndian: boolean, skip: number): string {
  const name = bigEndian ? 'UTF-16BE' : 'UTF-16LE';
  const body = Buffer.from(bytes.subarray(skip));
  if (body.length % 2 !== 0) throw new Refused(`the file looks like ${name} text but has an odd number of bytes: ${SAVE_AS_UTF8}`);
  if (bigEndian) body.swap16();
  try {
    return new TextDecoder('utf-16le', { fatal: true }).decode(body);
  } catch {
    throw new Refused(`the file looks like ${name} text but is not valid ${name} (a broken surrogate pair): ${SAVE_AS_UTF8}`);
  }
}

/**
 * The file's text. UTF-8 (its byte-order mark dropped) and UTF-16 with a byte-order mark are
 * decoded; so is UTF-16 without one, told by its zero bytes as RFC 4627 §3 does (JSON text
 * starts with an ASCII character). UTF-32 and bytes that are not UTF-8 are refused, naming the
 * encoding or the first bad byte.
 */
export function decodeScenarioText(bytes: Uint8Array): string {
  const [a, b, c, d] = [bytes[0], bytes[1], bytes[2], bytes[3]];
  if ((a === 0xff && b === 0xfe && c === 0 && d === 0) || (a === 0 && b === 0 && c === 0xfe && d === 0xff)) {
    throw new Refused(`the file is UTF-32 text: ${SAVE_AS_UTF8}`);
  }
  if (a === 0xef && b === 0xbb && c === 0xbf) return decodeUtf8(bytes, 3);
  if (a === 0xff && b === 0xfe) return decodeUtf16(bytes, false, 2);
  if (a === 0xfe && b === 0xff) return decodeUtf16(bytes, true, 2);
  if (bytes.length >= 4) {
    if (a === 0 && b === 0 && c === 0 && d !== 0) throw new Refused(`the file is UTF-32 text: ${SAVE_AS_UTF8}`);
    if (a !== 0 && b === 0 && c === 0 && d === 0) throw new Refused(`the file is UTF-32 text: ${SAVE_AS_UTF8}`);
  }
  if (bytes.length >= 2) {
    if (a === 0 && b !== 0) return decodeUtf16(bytes, true, 0);
    if (a !== 0 && b === 0) return decodeUtf16(bytes, false, 0);
  }
  return decodeUtf8(bytes, 0);
}

function decodeUtf8(bytes: Uint8Array, skip: number): string {
  const body = bytes.subarray(skip);
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    const at = firstBadUtf8(body);
    const where = at < 0 ? '' : ` (byte 0x${body[at]!.toString(16).padStart(2, '0')} at ${whereByte(body, at)})`;
    throw new Refused(`the file is not UTF-8 text${where}: ${SAVE_AS_UTF8}`);
  }
}

/**
 * Refuses text whose objects and lists nest deeper than `max`, before anything recursive reads
 * it: the page's check and message (src/store/nesting.ts), with the line and column.
 */
export function checkDepth(text: string, max = MAX_DEPTH): void {
  const at = deeperAt(text, max);
  if (at) throw new Refused(`${tooDeep(max).en} (line ${at.line}, column ${at.column})`);
}

/** The file's text, decoded and checked: ready for parseScenarioText. */
export function scenarioText(bytes: Uint8Array): string {
  const text = decodeScenarioText(bytes);
  checkDepth(text);
  return text;
}

/**
 * Characters that must not reach a terminal raw: C0 and C1 controls (escape sequences, line
 * breaks), DEL, and the bidirectional marks, embeddings, overrides and isolates that can make
 * text read in another order than it is (Trojan Source, CVE-2021-42574), plus the line and
 * paragraph separators.
 */
// oxlint-disable-next-line no-control-regex -- these are the characters it escapes
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** One line safe for a terminal: unsafe characters become \uXXXX; a very long line is cut. */
export function safeLine(message: string, max = MAX_MESSAGE_CHARS): string {
  let cut = message;
  if (message.length > max) {
    const end = /[\ud800-\udbff]/.test(message[max - 1]!) ? max - 1 : max; // not between a surrogate pair
    cut = `${message.slice(0, end)}…`;
  }
  return cut.replace(UNSAFE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * A scenario file read, checked and resolved, for a command line: the scenario, or one line of
 * English saying what is wrong (the file, its text, or the schema's first complaint).
 */
export async function loadScenarioFile(file: string): Promise<{ ok: true; scenario: Scenario } | { ok: false; message: string }> {
  let text: string;
  try {
    text = scenarioText(await readScenarioBytes(file));
  } catch (e) {
    if (e instanceof Refused) return { ok: false, message: `${file}: ${e.message}` };
    return { ok: false, message: `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  }
  const parsed = parseScenarioText(text);
  return parsed.ok ? { ok: true, scenario: parsed.scenario } : { ok: false, message: `${file}: ${parsed.error}` };
}
