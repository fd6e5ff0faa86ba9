/**
 * The HTTP/1.1 bytes of a request and its response, from what the engine recorded: the request
 * line, the headers as the server received them (a client's own copy has no X-Forwarded-For:
 * the L7 balancer adds it), the status and the cookies the response set.
 */
import type { RequestRecord } from '../sim/types.ts';

const utf8 = new TextEncoder();

const REASONS: Record<number, string> = {
  200: 'OK',
  204: 'No Content',
  301: 'Moved Permanently',
  302: 'Found',
  304: 'Not Modified',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** What only the balancer adds, so the client's copy of the request leaves it out. */
const ADDED_BY_PROXY = 'x-forwarded-for';

/** A header line can never break the message: CR and LF become spaces. */
const oneLine = (s: string) => s.replace(/[\r\n]+/g, ' ');

export function httpRequest(r: RequestRecord, host: string, fromClient: boolean): Uint8Array {
  const lines = [`${oneLine(r.method)} ${oneLine(r.path).replace(/ /g, '%20')} HTTP/1.1`];
  const headers = r.headers ?? { Host: host };
  if (!Object.keys(headers).some((k) => k.toLowerCase() === 'host')) lines.push(`Host: ${oneLine(host)}`);
  for (const [k, value] of Object.entries(headers)) {
    if (fromClient && k.toLowerCase() === ADDED_BY_PROXY) continue;
    lines.push(`${oneLine(k)}: ${oneLine(value)}`);
  }
  return utf8.encode(`${lines.join('\r\n')}\r\n\r\n`);
}

export function httpResponse(status: number, setCookie: Record<string, string> | null): Uint8Array {
  const lines = [`HTTP/1.1 ${status} ${REASONS[status] ?? 'Status'}`, 'Content-Length: 0'];
  for (const [k, value] of Object.entries(setCookie ?? {})) lines.push(`Set-Cookie: ${oneLine(k)}=${oneLine(value)}`);
  return utf8.encode(`${lines.join('\r\n')}\r\n\r\n`);
}

/**
 * The status a response carries as it leaves `fromServer` or a balancer. The record keeps the
 * status the client got; a server's answer that never reached the client (the client gave up,
 * nginx answered 504 first) was still the server's own: 200, or 401 for a lost session.
 */
export function statusSent(r: RequestRecord, fromServer: boolean): number {
  const servers = r.session === 'lost' ? 401 : 200;
  if (fromServer) return r.outcome === 'ok' && r.status !== null ? r.status : servers;
  return r.status ?? servers;
}
