import { translate, type Lang } from '../../i18n/index.ts';
import { ownText } from '../../i18n/ownSection.ts';
import { whyNginx } from '../../i18n/sections/whyNginx.ts';
import type { Decision } from '../../sim/algorithms/pick.ts';

/** The key line of nginx's pick (L7; L4's is IPVS's, ipvsText.ts): who was chosen, or nginx's own 502. */
export function headline(d: Decision, balancer: string, lang: Lang): string {
  return d.chosen !== null ? translate(lang, 'why.chosen', { server: d.chosen }) : ownText(whyNginx, lang, 'why.unavailable', { balancer });
}

/** For the paths that bypass the algorithm: one server only, or none at all. */
export function pathNote(d: Decision, lang: Lang): string | null {
  if (d.before.length === 0) return ownText(whyNginx, lang, 'why.empty');
  if (d.path !== 'single') return null;
  const only = d.before[0]!.name;
  return ownText(whyNginx, lang, d.chosen ? 'why.single' : 'why.singleBusy', { server: only });
}

/** "s2: marked down", one per server that could not take the request. */
export function skippedLines(d: Decision, lang: Lang): string[] {
  return d.skipped.map((s) => `${s.name}: ${translate(lang, `why.reason.${s.reason}`)}`);
}

/**
 * When failures left nobody to pick: nginx 1.22 keeps the failure counts (its quick "mark all
 * live" reset was removed in 1.11.5; ngx_http_upstream_round_robin.c), worth saying then.
 */
export function markLiveNote(d: Decision, lang: Lang): string | null {
  return d.chosen === null && d.skipped.some((s) => s.reason === 'failed') ? ownText(whyNginx, lang, 'why.markLive') : null;
}
