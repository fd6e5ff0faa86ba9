import { translate, type Lang } from '../../i18n/index.ts';
import type { RuleMatch } from '../../sim/scenario.ts';
import type { RuleInfo, WhyAt } from '../../trace/why.ts';
import { ms } from './format.ts';
import { isolate } from '../userText.ts';

const msText = (at: number, lang: Lang) => `${ms(at, lang)} ms`;

/** A rule's match as the class reads it: "path starts with /map", "header X-Beta: 1", "cookie k=v". */
export function matchText(m: RuleMatch, lang: Lang): string {
  if ('pathPrefix' in m) return translate(lang, 'why.match.path', { prefix: isolate(m.pathPrefix) });
  if ('header' in m) return translate(lang, 'why.match.header', { name: m.header, value: isolate(m.equals) });
  return translate(lang, 'why.match.cookie', { name: m.cookie, value: isolate(m.equals) });
}

/** "Rule 2 matched: path starts with /map → s2" (numbered from 1), or "No rule matched …" when the scenario has rules. */
export function ruleLine(rule: RuleInfo | null, rules: boolean, lang: Lang): string | null {
  if (rule) return translate(lang, 'why.rule', { n: rule.index + 1, match: matchText(rule.match, lang), servers: rule.servers.join(', ') });
  return rules ? translate(lang, 'why.ruleNone') : null;
}

/** The balancer's own answer, told as its decision: a cache hit or a block (denied path, or over the rate). */
export function answeredLine(w: Extract<WhyAt, { kind: 'answered' }>, lang: Lang): string {
  const r = w.record;
  if (w.how === 'cached') return translate(lang, 'why.cached', { balancer: w.balancer, path: isolate(r.path) });
  // nginx's `deny` answers 403; the rate limit its own status (503 unless told).
  return translate(lang, w.status === 403 ? 'why.blocked' : 'why.limited', {
    balancer: w.balancer,
    status: w.status ?? '—',
    path: isolate(r.path),
    client: r.client,
  });
}

/** While the balancer that decided last is down (or gave the VIP away): who takes over, and when. */
export function takeoverLines(w: Extract<WhyAt, { kind: 'takeover' }>, t: number, lang: Lang): string[] {
  const old = translate(lang, 'why.downOld', { from: w.from, id: w.record.id });
  if (!w.down) return [translate(lang, 'why.handover', { from: w.from, to: w.to ?? '—', time: msText(w.at ?? t, lang) })];
  if (w.to === null || w.at === null) return [translate(lang, 'why.downNobody', { from: w.from }), old];
  const key = w.at > t ? 'why.down' : 'why.downTook';
  return [translate(lang, key, { from: w.from, to: w.to, time: msText(w.at, lang) }), old];
}
