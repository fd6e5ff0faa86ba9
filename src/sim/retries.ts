/** TCP's first retransmission timeout (RFC 6298), doubled on each retry. */
export const RTO_MS = 1000;

/** How many times a SYN is sent again before connect() gives up: Linux's tcp_syn_retries default, 6 (127 s in all). */
export const SYN_RETRIES = 6;

/** HTTP methods nginx may send to a second server after the first got the request (proxy_next_upstream). */
export const IDEMPOTENT: ReadonlySet<string> = new Set(['GET', 'HEAD', 'PUT', 'DELETE']);
