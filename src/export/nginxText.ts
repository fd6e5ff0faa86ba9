/** Writing values into nginx's configuration language safely: quoting, regular expressions. */
import { writtenRate } from '../sim/limitRate.ts';

// oxlint-disable-next-line no-control-regex -- these are the characters it replaces
export const CONTROL = /[\u0000-\u001f\u007f]/g;
/** A control character as \xHH, which PCRE, HAProxy and a reader all understand. */
export const hex = (c: string) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;

/**
 * A word as nginx reads it: bare when plain, otherwise double-quoted. nginx turns \\ into \ and
 * \" into " in either form, so every backslash is doubled.
 */
export function word(text: string): string {
  const escaped = text.replace(/[\\"]/g, (c) => `\\${c}`);
  return /^[A-Za-z0-9/._~%:@,+=^$\\()|*?[\]-]+$/.test(text) ? escaped : `"${escaped}"`;
}

/** `text` as a literal inside a PCRE regular expression; control characters as \xHH. */
export function literal(text: string): string {
  return text.replace(/[\\^$.|?*+()[\]{}]/g, (c) => `\\${c}`).replace(CONTROL, hex);
}

/** A map key that is a case-sensitive regular expression (map compares plain strings without case). */
export function regexKey(pattern: string): string {
  return word(`~${pattern}`);
}

/** The variable holding a request header: X-Beta is $http_x_beta. */
export function headerVariable(name: string): string {
  return `$http_${name.toLowerCase().replace(/-/g, '_')}`;
}

/**
 * How a map reads a cookie: $cookie_NAME when the name can be a variable's (letters, digits,
 * "_"); otherwise the Cookie header with a regular expression for NAME=VALUE.
 */
export function cookieTest(cookie: string, equals: string): { source: string; key: string } {
  if (/^[A-Za-z0-9_]+$/.test(cookie)) return { source: `$cookie_${cookie}`, key: regexKey(`^${literal(equals)}$`) };
  return { source: '$http_cookie', key: regexKey(`(^|;\\s*)${literal(cookie)}=${literal(equals)}(;|$)`) };
}

/**
 * nginx's limit_req rate for `requests` per `perMs`: r/s or r/m, whichever says it exactly;
 * otherwise the whole r/m just below it, the rate the lab then limits at (writtenRate, src/sim/limitRate.ts).
 */
export function nginxRate(requests: number, perMs: number): { rate: string; exact: boolean } {
  const r = writtenRate(requests, perMs);
  return { rate: `${r.count}${r.unit}`, exact: r.exact };
}
