import type { MessageKey } from '../../i18n/index.ts';
import type { ScenarioInput } from '../../sim/scenario.ts';
import { useLab, useT } from '../../store/context.tsx';
import { usePending } from './usePending.ts';
import { isolate } from '../userText.ts';

const ROUTES: NonNullable<ScenarioInput['rules']> = [
  { match: { pathPrefix: '/search' }, servers: ['s1'] },
  { match: { pathPrefix: '/map' }, servers: ['s2'] },
];
const CACHE = { pathPrefixes: ['/static'], ttlMs: 60_000 };
const BLOCK = { pathPrefixes: ['/admin'], perClient: { requests: 20, perMs: 1000 } };
const STICKY = { cookie: 'route' };
const SESSIONS = { loginPath: '/login' };

/** What the scenario file leaves out, as the engine fills it in (resolveScenario in scenario.ts). */
const DEFAULT_TTL_MS = 60_000;
const DEFAULT_BURST = 0;
const DEFAULT_STATUS = 503;
/** Rules and prefixes listed in a label before "… and N more"; characters of one value shown. */
const MAX_LISTED = 5;
const VALUE_CHARS = 30;

type T = (key: MessageKey, params?: Record<string, string | number>) => string;
type Rule = NonNullable<ScenarioInput['rules']>[number];

/** A value from the loaded file, cut short, with no control or bidirectional character, and isolated if right-to-left. */
const shown = (x: string) => isolate(x, VALUE_CHARS);

/** A list, separated by `sep`, of at most MAX_LISTED items ("… and N more" after them); "none" when empty. */
function listed(t: T, items: readonly string[], sep: string): string {
  if (items.length === 0) return t('controls.loadedNone');
  const head = items.slice(0, MAX_LISTED).join(sep);
  return items.length > MAX_LISTED ? `${head} ${t('controls.loadedMore', { count: items.length - MAX_LISTED })}` : head;
}

const duration = (t: T, ms: number) => (ms % 1000 === 0 ? t('controls.seconds', { n: ms / 1000 }) : t('controls.milliseconds', { n: ms }));

function ruleText(t: T, r: Rule): string {
  const servers = listed(t, r.servers.map(shown), ', ');
  const m = r.match;
  if ('pathPrefix' in m) return t('controls.rulePath', { prefix: shown(m.pathPrefix), servers });
  if ('header' in m) return t('controls.ruleHeader', { name: shown(m.header), value: shown(m.equals), servers });
  return t('controls.ruleCookie', { name: shown(m.cookie), value: shown(m.equals), servers });
}

/**
 * What the scenario has loaded for one setting, in words, or null when it has nothing or has
 * exactly the preset (whose label then says it already).
 */
export function loadedText(t: T, base: ScenarioInput, key: 'rules' | 'cache' | 'block' | 'sticky' | 'sessions'): string | null {
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  switch (key) {
    case 'rules':
      return !base.rules || same(base.rules, ROUTES)
        ? null
        : t('controls.routesLoaded', {
            rules: listed(
              t,
              base.rules.map((r) => ruleText(t, r)),
              '; ',
            ),
          });
    case 'cache':
      return !base.cache || same(base.cache, CACHE)
        ? null
        : t('controls.cacheLoaded', {
            prefixes: listed(t, base.cache.pathPrefixes.map(shown), ', '),
            ttl: duration(t, base.cache.ttlMs ?? DEFAULT_TTL_MS),
          });
    case 'block': {
      const b = base.block;
      if (!b || same(b, BLOCK)) return null;
      const parts: string[] = [];
      if (b.pathPrefixes?.length) parts.push(t('controls.blockPaths', { prefixes: listed(t, b.pathPrefixes.map(shown), ', ') }));
      const p = b.perClient;
      if (p)
        parts.push(
          t('controls.blockRate', {
            requests: p.requests,
            perMs: p.perMs,
            burst: p.burst ?? DEFAULT_BURST,
            status: p.status ?? DEFAULT_STATUS,
          }),
        );
      return t('controls.blockLoaded', { what: parts.length ? parts.join('; ') : t('controls.loadedNone') });
    }
    case 'sticky':
      return !base.sticky || same(base.sticky, STICKY) ? null : t('controls.stickyLoaded', { cookie: shown(base.sticky.cookie) });
    case 'sessions':
      return !base.sessions || same(base.sessions, SESSIONS)
        ? null
        : t('controls.sessionsLoaded', { path: shown(base.sessions.loginPath) });
  }
}

/**
 * What an L7 balancer can do with the request it reads; and where logins keep their session.
 * A box names its preset, the setting checking it applies; but when the scenario (a file, the
 * gallery, a link) has loaded something else, the box names what is loaded. Unchecking removes
 * what is loaded; checking applies the preset.
 */
type Setting = 'rules' | 'cache' | 'block' | 'sticky' | 'sessions';

/** One setting's checkbox: on while the scenario has it; its label names what is loaded. */
function SettingBox({ k, preset, value }: { k: Setting; preset: string; value: unknown }) {
  const t = useT();
  const base = useLab((s) => s.base);
  const configure = useLab((s) => s.configure);
  const [on, show] = usePending(base[k] !== undefined);
  const loaded = loadedText(t, base, k);
  const toggle = (next: boolean) => show(next, () => configure({ [k]: next ? value : undefined } as Partial<ScenarioInput>));
  return (
    <label className="check">
      <input type="checkbox" checked={on} onChange={(e) => toggle(e.target.checked)} />
      {loaded === null ? (
        preset
      ) : (
        <span className="loaded-setting" style={{ overflowWrap: 'anywhere' }}>
          {loaded}
        </span>
      )}
    </label>
  );
}

export function L7Controls() {
  const t = useT();
  const base = useLab((s) => s.base);
  const l7 = base.mode === 'L7';
  const box = (k: Setting, preset: string, value: unknown) => <SettingBox k={k} preset={preset} value={value} />;
  const anyLoaded = (['rules', 'cache', 'block', 'sticky', 'sessions'] as const).some(
    (k) => (l7 || k === 'sessions') && loadedText(t, base, k) !== null,
  );
  return (
    <>
      {l7 && (
        <fieldset className="l7-control" data-lesson-target="l7-settings">
          <legend>{t('controls.l7')}</legend>
          {box('rules', t('controls.routes'), ROUTES)}
          {box('cache', t('controls.cache'), CACHE)}
          {box('block', t('controls.block'), BLOCK)}
          {box('sticky', t('controls.sticky'), STICKY)}
        </fieldset>
      )}
      {box('sessions', t('controls.sessions'), SESSIONS)}
      {anyLoaded && <p className="hint">{t('controls.loadedHint')}</p>}
    </>
  );
}

/** Switching layers is a new run: an L4 balancer cannot keep L7 settings. */
export function layerPatch(mode: 'L4' | 'L7'): Partial<ScenarioInput> {
  return mode === 'L7' ? { mode } : { mode, rules: undefined, cache: undefined, block: undefined, sticky: undefined };
}
