import type { ScenarioInput } from '../../sim/scenario.ts';
import { useLab, useT } from '../../store/context.tsx';

const ROUTES: NonNullable<ScenarioInput['rules']> = [
  { match: { pathPrefix: '/search' }, servers: ['s1'] },
  { match: { pathPrefix: '/map' }, servers: ['s2'] },
];
const CACHE = { pathPrefixes: ['/static'], ttlMs: 60_000 };
const BLOCK = { pathPrefixes: ['/admin'], perClient: { requests: 20, perMs: 1000 } };

/** What an L7 balancer can do with the request it reads; and where logins keep their session. */
export function L7Controls() {
  const t = useT();
  const base = useLab((s) => s.base);
  const configure = useLab((s) => s.configure);
  const l7 = base.mode === 'L7';
  const toggle = (key: 'rules' | 'cache' | 'block' | 'sticky' | 'sessions', on: boolean, value: unknown) =>
    configure({ [key]: on ? value : undefined } as Partial<ScenarioInput>);
  const box = (key: 'rules' | 'cache' | 'block' | 'sticky', label: string, value: unknown) => (
    <label className="check">
      <input type="checkbox" checked={base[key] !== undefined} onChange={(e) => toggle(key, e.target.checked, value)} />
      {label}
    </label>
  );
  return (
    <>
      {l7 && (
        <fieldset className="l7-control">
          <legend>{t('controls.l7')}</legend>
          {box('rules', t('controls.routes'), ROUTES)}
          {box('cache', t('controls.cache'), CACHE)}
          {box('block', t('controls.block'), BLOCK)}
          {box('sticky', t('controls.sticky'), { cookie: 'route' })}
        </fieldset>
      )}
      <label className="check">
        <input type="checkbox" checked={base.sessions !== undefined} onChange={(e) => toggle('sessions', e.target.checked, { loginPath: '/login' })} />
        {t('controls.sessions')}
      </label>
    </>
  );
}

/** Switching layers is a new run: an L4 balancer cannot keep L7 settings. */
export function layerPatch(mode: 'L4' | 'L7'): Partial<ScenarioInput> {
  return mode === 'L7' ? { mode } : { mode, rules: undefined, cache: undefined, block: undefined, sticky: undefined };
}
