/**
 * nginx's limit_req rate for a scenario's `requests` per `perMs`, as the nginx export writes it
 * and as nginx then holds it. One function for both, so the lab limits at exactly the rate the
 * exported nginx.conf gives nginx.
 */

/** The rate as nginx.conf writes it: a whole number of requests per second or per minute. */
export interface WrittenRate {
  count: number;
  unit: 'r/s' | 'r/m';
  /** Whether it is the scenario's rate exactly (otherwise the r/m just below it). */
  exact: boolean;
}

/** The highest rate the schema accepts: 1,000,000 requests a second (nginx's arithmetic stays exact far beyond). */
export const MAX_RATE_PER_SECOND = 1_000_000;

/**
 * r/s or r/m, whichever says the rate exactly; otherwise the whole r/m just below it (nginx
 * reads only whole numbers: ngx_atoi in ngx_http_limit_req_zone, nginx release-1.22.1,
 * src/http/modules/ngx_http_limit_req_module.c), at least 1r/m, nginx's lowest.
 */
export function writtenRate(requests: number, perMs: number): WrittenRate {
  const perSecond = (requests * 1000) / perMs;
  if (Number.isInteger(perSecond)) return { count: perSecond, unit: 'r/s', exact: true };
  const perMinute = (requests * 60_000) / perMs;
  if (Number.isInteger(perMinute)) return { count: perMinute, unit: 'r/m', exact: true };
  return { count: Math.max(1, Math.floor(perMinute)), unit: 'r/m', exact: false };
}

/**
 * The rate as nginx holds it: whole milli-requests per second (ngx_http_limit_req_zone:
 * `ctx->rate = rate * 1000 / scale`, scale 1 for "r/s" and 60 for "r/m", integer division).
 * 10r/s is 10000, 30r/m 500, 1r/m 16 (1000 / 60, rounded down).
 */
export function milliRate(limit: { requests: number; perMs: number }): number {
  const r = writtenRate(limit.requests, limit.perMs);
  return r.unit === 'r/s' ? r.count * 1000 : Math.floor((r.count * 1000) / 60);
}
