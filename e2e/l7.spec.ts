import { expect, keepForReview, seek, test, wholeTrace, type RequestRecord } from './fixtures.ts';

test('L7: two connections, X-Forwarded-For, routes, cache and blocking', async ({ page }) => {
  await page.goto('/?lang=en');
  await page.getByRole('combobox', { name: 'Layer' }).selectOption('L7');
  await page.getByRole('checkbox', { name: 'Route /search → s1 and /map → s2' }).check();
  await page.getByRole('checkbox', { name: 'Cache /static for 60 s' }).check();
  await page.getByRole('checkbox', { name: 'Block /admin, and limit each client to 20 requests/s' }).check();
  const recs = await wholeTrace(page);
  expect(recs.filter((r) => r.path.startsWith('/search') && r.server).every((r) => r.server === 's1')).toBe(true);
  expect(recs.filter((r) => r.path.startsWith('/map') && r.server).every((r) => r.server === 's2')).toBe(true);
  expect(recs.some((r) => r.outcome === 'cached')).toBe(true);
  // deny answers 403; limit_req runs first (nginx's preaccess phase) and answers 503 to a burst.
  const admin = recs.filter((r) => r.path === '/admin');
  expect(admin.every((r) => r.outcome === 'blocked' && (r.status === 403 || r.status === 503))).toBe(true);
  expect(admin.some((r) => r.status === 403)).toBe(true);
  const served = recs.find((r) => r.outcome === 'ok' && r.headers)!;
  expect(served.headers!['X-Forwarded-For']).toBeTruthy();

  // The inspector shows both connections and the header the server received.
  await page.evaluate(
    ([id, at]) => {
      window.lbLab.select(id);
      window.lbLab.seek(at);
    },
    [served.id, served.hops.at(-1)!.at] as const,
  );
  const inspector = page.getByRole('region', { name: 'Packet inspector' });
  await expect(inspector).toContainText('Connection 1:');
  await expect(inspector).toContainText('Connection 2: 10.0.0.2:');
  await expect(inspector).toContainText('X-Forwarded-For');
  await keepForReview(page, 'l7-en', { fullPage: true });
});

test('sessions: lost under round robin, kept by IP hash and by a sticky cookie', async ({ page }) => {
  await page.goto('/?lang=en');
  await page.getByRole('checkbox', { name: 'Logins keep a session on one server (/login)' }).check();
  const lost = (recs: RequestRecord[]) => recs.filter((r) => r.session === 'lost').length;
  expect(lost(await wholeTrace(page))).toBeGreaterThan(0);
  await seek(page, 0);
  await page.getByRole('combobox', { name: 'Algorithm' }).selectOption('ip-hash');
  expect(lost(await wholeTrace(page))).toBe(0);
  await seek(page, 0);
  await page.getByRole('combobox', { name: 'Algorithm' }).selectOption('round-robin');
  await page.getByRole('combobox', { name: 'Layer' }).selectOption('L7');
  await page.getByRole('checkbox', { name: 'Sticky cookie (route=server)' }).check();
  expect(lost(await wholeTrace(page))).toBe(0);
});

test('L7 controls in Korean', async ({ page }) => {
  await page.goto('/?lang=ko');
  await page.getByRole('combobox', { name: '계층' }).selectOption('L7');
  await expect(page.getByRole('checkbox', { name: '/search → s1, /map → s2 로 라우팅' })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: '고정 쿠키 (route=서버)' })).toBeVisible();
  await page.getByRole('checkbox', { name: '로그인 세션을 서버 한 대에 저장 (/login)' }).check();
  const recs = await wholeTrace(page);
  const lost = recs.find((r) => r.session === 'lost');
  const served = recs.find((r) => r.outcome === 'ok' && r.headers)!;
  await page.evaluate(
    ([id, at]) => {
      window.lbLab.select(id);
      window.lbLab.seek(at);
    },
    [served.id, served.hops.at(-1)!.at] as const,
  );
  const inspector = page.getByRole('region', { name: '패킷 검사기' });
  await expect(inspector).toContainText('연결 1:');
  await expect(inspector).toContainText('연결 2: 10.0.0.2:');
  // Round robin without a sticky cookie: a later request lands elsewhere and the session is lost.
  expect(lost).toBeTruthy();
  await page.evaluate(
    ([id, at]) => {
      window.lbLab.select(id);
      window.lbLab.seek(at);
    },
    [lost!.id, lost!.hops.at(-1)!.at] as const,
  );
  await expect(inspector).toContainText('세션 없음');
  await keepForReview(page, 'l7-ko');
});
