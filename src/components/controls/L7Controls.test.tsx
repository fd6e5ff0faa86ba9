// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import l7Routing from '../../scenarios/l7-routing.json';
import type { Lang } from '../../i18n/index.ts';
import type { ScenarioInput } from '../../sim/scenario.ts';
import { LabProvider } from '../../store/context.tsx';
import { createLabStore, type LabStore } from '../../store/labStore.ts';
import { L7Controls } from './L7Controls.tsx';

const host = { now: () => 0, requestFrame: () => 0, cancelFrame: () => {} };
const traffic = {
  servers: [{ name: 's1' }, { name: 's2' }, { name: 's3' }],
  requests: [{ at: 0, client: '203.0.113.10', path: '/search' }],
};

function setup(scenario: ScenarioInput, lang: Lang = 'en'): LabStore {
  const store = createLabStore({ lang, scenario, host });
  render(
    <LabProvider store={store}>
      <L7Controls />
    </LabProvider>,
  );
  return store;
}

/** Clicks a box and waits for the rerun it starts. */
async function click(store: LabStore, box: HTMLElement) {
  await act(async () => {
    fireEvent.click(box);
    await store.getState().settled();
  });
}

const box = (name: string) => screen.getByRole('checkbox', { name });

afterEach(cleanup);

describe('L7 controls show what is loaded', () => {
  it("the gallery's L7 scenario: its three rules are listed; the cache and block it shares with the presets keep their labels", () => {
    setup(l7Routing as ScenarioInput);
    expect(box('Routing: /search → s1; /map → s2; X-Beta: 1 → s3')).toHaveProperty('checked', true);
    expect(box('Cache /static for 60 s')).toHaveProperty('checked', true);
    expect(box("Block /admin, and limit each client to 20 requests/s (nginx's limit_req: one every 50 ms at most)")).toHaveProperty(
      'checked',
      true,
    );
    expect(box('Sticky cookie (route=server)')).toHaveProperty('checked', false);
    expect(screen.getByText('As loaded. Unchecking removes it; checking again applies the preset.')).toBeTruthy();
  });

  it("a file's own rules, cache, block, sticky cookie and login path, in English and in Korean", () => {
    const scenario: ScenarioInput = {
      ...traffic,
      mode: 'L7',
      rules: [
        { match: { cookie: 'beta', equals: 'yes' }, servers: ['s2', 's3'] },
        { match: { pathPrefix: '/api' }, servers: ['s1'] },
      ],
      cache: { pathPrefixes: ['/img', '/css'], ttlMs: 1500 },
      block: { perClient: { requests: 5, perMs: 60_000, burst: 2, status: 429 } },
      sticky: { cookie: 'srv' },
      sessions: { loginPath: '/signin' },
    };
    setup(scenario);
    for (const name of [
      'Routing: cookie beta=yes → s2, s3; /api → s1',
      'Cache /img, /css for 1500 ms',
      'Block: per client 5 requests per 60000 ms, burst 2, status 429',
      'Sticky cookie (srv=server)',
      'Logins keep a session on one server (/signin)',
    ])
      expect(box(name)).toHaveProperty('checked', true);
    cleanup();
    setup(
      {
        ...scenario,
        cache: { pathPrefixes: ['/img'] },
        block: { pathPrefixes: ['/admin', '/private'], perClient: { requests: 20, perMs: 1000 } },
      },
      'ko',
    );
    for (const name of [
      '라우팅: 쿠키 beta=yes → s2, s3; /api → s1',
      '캐시: /img, 60초 동안',
      '차단: 경로 /admin, /private; 클라이언트마다 1000 ms에 요청 20개, 버스트 0, 상태 코드 503',
      '고정 쿠키 (srv=서버)',
      '로그인 세션을 서버 한 대에 저장 (/signin)',
    ])
      expect(box(name)).toHaveProperty('checked', true);
    expect(screen.getByText('불러온 설정입니다. 체크를 풀면 없어지고, 다시 체크하면 기본 설정을 적용합니다.')).toBeTruthy();
  });

  it('unchecking removes what is loaded; checking again applies the preset', async () => {
    const store = setup(l7Routing as ScenarioInput);
    await click(store, box('Routing: /search → s1; /map → s2; X-Beta: 1 → s3'));
    expect(store.getState().base.rules).toBeUndefined();
    expect(box('Route /search → s1 and /map → s2')).toHaveProperty('checked', false);
    await click(store, box('Route /search → s1 and /map → s2'));
    expect(store.getState().base.rules).toEqual([
      { match: { pathPrefix: '/search' }, servers: ['s1'] },
      { match: { pathPrefix: '/map' }, servers: ['s2'] },
    ]);
    expect(box('Route /search → s1 and /map → s2')).toHaveProperty('checked', true);
    expect(screen.queryByText(/^As loaded/)).toBeNull();
  });

  it("the presets themselves keep their labels (the names the page's tests and lessons use)", async () => {
    const store = setup({ ...traffic, mode: 'L7' });
    for (const name of [
      'Route /search → s1 and /map → s2',
      'Cache /static for 60 s',
      "Block /admin, and limit each client to 20 requests/s (nginx's limit_req: one every 50 ms at most)",
      'Sticky cookie (route=server)',
      'Logins keep a session on one server (/login)',
    ]) {
      expect(box(name)).toHaveProperty('checked', false);
      await click(store, box(name));
      expect(box(name)).toHaveProperty('checked', true);
    }
    expect(screen.queryByText(/^As loaded/)).toBeNull();
  });

  it('many rules and hostile values: a short list, cut values, nothing hidden', () => {
    const rules = Array.from({ length: 7 }, (_, i) => ({
      match: { header: 'X-Beta', equals: `\u202e${i}${'v'.repeat(100)}` },
      servers: ['s1'],
    }));
    setup({ ...traffic, mode: 'L7', rules });
    const label = screen.getByRole('checkbox', { name: /^Routing: / }).parentElement!.textContent!;
    expect(label).toContain(`X-Beta: \\u202e0${'v'.repeat(23)}… → s1`);
    expect(label).toMatch(/ … and 2 more$/);
    expect(label).not.toContain('\u202e');
    expect(label.length).toBeLessThan(400);
  });
});
