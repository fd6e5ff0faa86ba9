/** TCP's first retransmission timeout (RFC 6298), doubled on each retry. */
export const RTO_MS = 1000;

/** HTTP methods nginx may send to a second server after the first got the request (proxy_next_upstream). */
export const IDEMPOTENT: ReadonlySet<string> = new Set(['GET', 'HEAD', 'PUT', 'DELETE']);
