import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { expect, keepForReview, load, nowTab, seek, settledText, test, time, trace, type RequestRecord } from './fixtures.ts';
import type { Locator, Page } from '@playwright/test';

const STEP = { en: ['Step forward', 'Step back'], ko: ['한 단계 앞으로', '한 단계 뒤로'] } as const;

/**
 * Steps forward (or back) until `done` holds, as a teacher at the lectern does: focus on the
 * step button, then the arrow key, one moment at a time. Fails after `max` steps.
 */
async function stepUntil(page: Page, done: () => Promise<boolean>, max = 400, back = false): Promise<void> {
  const names = page.url().includes('lang=ko') ? STEP.ko : STEP.en;
  await page.getByRole('button', { name: names[back ? 1 : 0], exact: true }).focus();
  for (let i = 0; i < max; i++) {
    if (await done()) return;
    await page.keyboard.press(back ? 'ArrowLeft' : 'ArrowRight');
  }
  throw new Error(`not reached in ${max} steps (now at ${await time(page)} ms)`);
}
const shows = (l: Locator) => async () => (await l.count()) > 0;

test.describe.configure({ timeout: 90_000 });

test.describe('failures (English)', () => {
  test("L4: a failed server's reset goes back through the NAT to the client, with no retry", async ({ page }) => {
    await page.goto('/?lang=en');
    await seek(page, 3000);
    const s2 = page.getByRole('group', { name: 'Server s2' });
    await s2.getByRole('button', { name: 'Fail s2', exact: true }).click();
    const log = page.getByRole('region', { name: 'Event log' }).getByRole('log');
    await stepUntil(page, shows(log.getByText(/lb1 rewrites s2's reset back to the client/)));
    await expect(log).toContainText('An L4 NAT picked the server at the SYN and does not retry');
    const reset = (await trace(page)).find((r) => r.hops.some((h) => h.node === 's2' && h.drop === 'refused'))!;
    // Linux conntrack: the server was pinned at the SYN; no HTTP status from the balancer.
    expect(reset).toMatchObject({ server: 's2', outcome: 'reset', status: null });
    expect(reset.hops.filter((h) => h.node === 'lb1' && h.dir === 'request')).toHaveLength(1);
    // The NAT card names the packet: the server's reset, rewritten back to the client.
    const back = reset.hops.find((h) => h.node === 'lb1' && h.dir === 'response')!;
    await page.evaluate(
      ([id, at]) => {
        window.lbLab.select(id);
        window.lbLab.seek(at);
      },
      [reset.id, back.at] as const,
    );
    await nowTab(page, 'nat');
    await expect(page.getByRole('region', { name: 'Address rewrite (NAT)' })).toContainText('Reset (RST), not retried');
  });

  test('L7: a failed server refuses, nginx retries the next one, and with none left the answer is 502', async ({ page }) => {
    await page.goto('/?lang=en');
    await page.getByRole('combobox', { name: 'Layer' }).selectOption('L7');
    await page.getByRole('button', { name: 'Step forward' }).click();
    await seek(page, 3000);
    const s2 = page.getByRole('group', { name: 'Server s2' });
    await s2.getByRole('button', { name: 'Fail s2', exact: true }).click();
    await expect(s2.getByRole('button', { name: 'Restore s2', exact: true })).toBeVisible();
    await expect(page.getByRole('img', { name: /^s2 10\.0\.0\.12:8080: .*✗ failed: refuses/ })).toBeVisible();

    const log = page.getByRole('region', { name: 'Event log' }).getByRole('log');
    await expect(log).toContainText('Server s2 fails');
    await stepUntil(page, shows(log.getByText(/s2 refused the connection \(RST\); lb1 tries s\d/)));
    // The refusal is marked on the drawing where it happened, beside s2.
    await expect(page.locator('.signals .drop-refused').first()).toBeVisible();
    await page.evaluate(() => window.scrollTo(0, 0));
    await keepForReview(page, 'failures-server-en');

    const refused = (await trace(page)).find((r) => r.hops.some((h) => h.node === 's2' && h.drop === 'refused'))!;
    const i = refused.hops.findIndex((h) => h.node === 'lb1' && h.drop === 'refused');
    // The retry (nginx's proxy_next_upstream): lb1 sends the request anew to another server.
    expect(refused.hops[i + 1]).toMatchObject({ node: 'lb1', dir: 'request', in: null });
    await seek(page, refused.doneAt);
    const done = (await trace(page)).find((r) => r.id === refused.id)!;
    expect(done).toMatchObject({ outcome: 'ok', status: 200 });
    expect(['s1', 's3']).toContain(done.server);

    // Every server down: nginx answers 502 Bad Gateway itself (ngx_http_upstream_next).
    for (const name of ['s1', 's3'])
      await page
        .getByRole('group', { name: `Server ${name}` })
        .getByRole('button', { name: `Fail ${name}`, exact: true })
        .click();
    const since = await time(page);
    await stepUntil(page, shows(log.getByText(/lb1 answers #\d+ itself with 502/)));
    const failedAll = (await trace(page)).filter((r) => r.at >= since && r.outcome === 'unavailable');
    expect(failedAll.length).toBeGreaterThan(0);
    expect(failedAll[0]).toMatchObject({ status: 502 });
    await expect(log).toContainText('has no server left to try');
  });

  test("L7: a server that does not answer: the connection waits for nginx's timeout", async ({ page }) => {
    await page.goto('/?lang=en');
    await page.getByRole('combobox', { name: 'Layer' }).selectOption('L7');
    const s2 = page.getByRole('group', { name: 'Server s2' });
    await s2.getByRole('combobox', { name: 'How s2 fails' }).selectOption('timeout');
    await seek(page, 3000);
    await s2.getByRole('button', { name: 'Fail s2', exact: true }).click();
    await expect(page.getByRole('img', { name: /^s2 10\.0\.0\.12:8080: .*✗ failed: no answer/ })).toBeVisible();
    const log = page.getByRole('region', { name: 'Event log' }).getByRole('log');
    await stepUntil(page, shows(log.getByText(/s2 does not answer: the connection for #\d+ gets no reply/)));
    await expect(page.locator('.signals .drop-lost').first()).toBeVisible();
    const silent = (await trace(page)).find((r) => r.hops.some((h) => h.node === 's2' && h.drop === 'lost'))!;
    // nginx's proxy_connect_timeout (60 s) passes before lb1 tries another server.
    const gaveUp = silent.hops.find((h) => h.node === 'lb1' && h.drop === 'timeout')!;
    const sent = silent.hops.find((h) => h.node === 's2' && h.drop === 'lost')!;
    expect(gaveUp.at - sent.at).toBeGreaterThan(59_000);
  });

  test("health checks (L4: keepalived's TCP_CHECK): probes are drawn, the server goes down after retry + 1 failures, bad numbers are refused", async ({
    page,
  }) => {
    await page.goto('/?lang=en');
    const panel = page.getByRole('region', { name: 'Failover and health check settings' });
    await panel.getByRole('checkbox', { name: 'Active health checks' }).check();
    await expect(panel).toContainText("As keepalived's TCP_CHECK runs them (L4)");
    // Each checker waits delay_loop (2 s) after its check ended (a round trip of 10 ms here):
    // lb1's go out at 0, 2010, 4020 …
    await seek(page, 4025);
    await expect(page.locator('.signals .probe').first()).toBeVisible();

    await seek(page, 3000);
    await page.getByRole('group', { name: 'Server s2' }).getByRole('button', { name: 'Fail s2', exact: true }).click();
    const s2box = page.getByRole('img', { name: /^s2 10\.0\.0\.12:8080: / });
    const down = page.getByRole('img', { name: /^s2 10\.0\.0\.12:8080: .*lb1: down \(health check\)/ });
    // Until the checks notice, the balancer still believes in s2: the window of the lesson.
    // keepalived: after a passed check a server takes retry + 1 (2) failures in a row to go down;
    // the retry comes delay_before_retry (1 s) after the first.
    await stepUntil(page, shows(page.getByRole('img', { name: /^s2 10\.0\.0\.12:8080: .*lb1: up, down at the next failed check/ })));
    await expect(panel).toContainText('lb1 still sends new connections to s2 until its checks fail 1 more time(s)');
    await stepUntil(page, shows(down));
    await expect(s2box).toHaveAttribute('aria-label', /✗ failed: refuses/);
    const log = page.getByRole('region', { name: 'Event log' }).getByRole('log');
    const marked = 'lb1 marks s2 DOWN: its health checks failed (keepalived TCP_CHECK); its IPVS weight is now 0';
    await expect(log).toContainText(marked);
    const table = panel.getByRole('table', { name: 'Each server as the balancers see it' });
    const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 's2', exact: true }) });
    await expect(row.getByRole('cell')).toHaveText(['✗ failed', '▼ down', '▼ down']);
    await page.evaluate(() => window.scrollTo(0, 0));
    await keepForReview(page, 'failures-health-en');
    await keepForReview(panel, 'failures-panel-en');

    // A bad number is refused with a message naming the field; nothing else is lost.
    const retry = panel.getByRole('spinbutton', { name: 'retry: retries before marking down' });
    await retry.fill('-1');
    await retry.press('Enter');
    await expect(page.getByText('retry (retries before marking down) must be a whole number from 0 to 100 (got “-1”)')).toBeVisible();
    await expect(retry).toHaveValue('-1');
    await expect(panel.getByRole('checkbox', { name: 'Active health checks' })).toBeChecked();
    await expect(page.getByRole('group', { name: 'Server s2' }).getByRole('button', { name: 'Restore s2', exact: true })).toBeVisible();
    await retry.fill('2');
    await retry.press('Enter');
    await expect(retry).toHaveValue('2');
    await seek(page, 5000);
    await stepUntil(page, shows(log.getByText(marked)));
    const interval = panel.getByRole('spinbutton', { name: 'delay_loop: wait between checks (ms)' });
    await interval.fill('50');
    await interval.press('Enter');
    await expect(
      page.getByText(/The health-check interval must be a number of milliseconds from 100 to 600,000 \(got “50”\)/),
    ).toBeVisible();
    await expect(panel.getByRole('spinbutton', { name: 'delay_before_retry: wait before a retry (ms)' })).toHaveValue('1000');
  });

  test("health checks in L7 are HAProxy's: fall and rise", async ({ page }) => {
    await page.goto('/?lang=en');
    await load(page, {
      mode: 'L7',
      servers: [{ name: 's1' }, { name: 's2' }],
      healthCheck: { fall: 4 },
      requests: [{ at: 0, client: '203.0.113.1' }],
    });
    const panel = page.getByRole('region', { name: 'Failover and health check settings' });
    await expect(panel).toContainText('As HAProxy runs them');
    await expect(panel.getByRole('spinbutton', { name: 'Fall: failed checks to mark down' })).toHaveValue('4');
    await expect(panel.getByRole('spinbutton', { name: 'Rise: passed checks to mark up' })).toHaveValue('2');
    await expect(panel.getByRole('spinbutton', { name: 'retry: retries before marking down' })).toHaveCount(0);
  });

  test('the primary balancer fails: adverts stop, lb2 takes the VIP after the master-down interval, stepping back undoes it', async ({
    page,
  }) => {
    await page.goto('/?lang=en');
    await nowTab(page, 'failover');
    const panel = page.getByRole('region', { name: 'Failover', exact: true });
    const roles = panel.getByTestId('vrrp-roles');
    await seek(page, 4300);
    await page.getByRole('button', { name: 'Step forward' }).click();
    const t0 = await time(page);
    await expect(roles).toHaveText('lb1: master · lb2: backup');
    await expect(page.locator('.vip-badge')).toHaveAttribute('data-vip-on', 'lb1');
    const before = await settledText(page.locator('main'));
    // An advert on its way from lb1 to lb2 just after lb1 sent it (every 1 s).
    await seek(page, 4100);
    await expect(page.locator('.signals .advert').first()).toBeVisible();
    await seek(page, t0);
    for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Step forward' }).click();

    await panel.getByRole('button', { name: 'Fail primary balancer' }).click();
    await expect(panel.getByRole('button', { name: 'Restore primary balancer' })).toBeVisible();
    await expect(panel.getByTestId('vrrp-master')).toContainText('none: lb1 is down and nobody answers for the VIP 198.51.100.1');
    const lastAdvert = Number(/\(at ([\d,.]+) ms\)/.exec(await panel.innerText())![1]!.replace(/,/g, ''));
    await expect(panel.getByTestId('vrrp-takeover')).toContainText(
      `lb2 takes over at ${(lastAdvert + 3609.375).toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} ms if nothing is heard`,
    );
    await expect(panel.getByTestId('vrrp-takeover')).toContainText(
      "master-down interval (VRRPv2, keepalived's default) = 3 × 1,000 + (256 − 100)/256 × 1,000 = 3,609.4 ms",
    );
    await expect(page.getByRole('img', { name: /Primary balancer lb1: ✗ failed/ })).toBeVisible();

    const log = page.getByRole('region', { name: 'Event log' }).getByRole('log');
    await stepUntil(page, shows(log.getByText(/lb1 is down: the packet to the VIP is lost/)));
    await page.evaluate(() => window.scrollTo(0, 0));
    await keepForReview(page, 'failures-gap-en');
    await stepUntil(page, async () => (await roles.textContent()) === 'lb1: ✗ failed · lb2: master');
    // The takeover comes exactly one master-down interval after the last advert heard.
    expect(await time(page)).toBeCloseTo(lastAdvert + 3609.375, 3);
    await expect(log).toContainText('lb2 is now MASTER and sends 5 gratuitous ARPs: the VIP 198.51.100.1 moves to lb2');
    await expect(page.locator('.vip-badge')).toHaveAttribute('data-vip-on', 'lb2');
    await expect(page.getByRole('img', { name: /Standby balancer lb2: master, holds the VIP/ })).toBeVisible();
    await expect(panel.getByTestId('vrrp-master')).toHaveText('lb2 (priority 100) holds the VIP 198.51.100.1');
    await page.evaluate(() => window.scrollTo(0, 0));
    await keepForReview(page, 'failures-takeover-en');

    // Traffic flows through lb2 from now on.
    const takeover = await time(page);
    await seek(page, takeover + 3000);
    const later = (await trace(page)).filter((r) => r.at > takeover);
    expect(later.length).toBeGreaterThan(5);
    expect(later.every((r) => r.balancer === 'lb2')).toBe(true);

    // Step back across the failover: the page is exactly as it was.
    await seek(page, takeover);
    await stepUntil(page, async () => (await time(page)) <= t0, 400, true);
    expect(await time(page)).toBe(t0);
    await expect(roles).toHaveText('lb1: master · lb2: backup');
    await expect(page.locator('.vip-badge')).toHaveAttribute('data-vip-on', 'lb1');
    expect(await settledText(page.locator('main'))).toBe(before);
  });

  test('connections through the dead balancer are lost, unless connection-state sync is on; the primary preempts back', async ({
    page,
  }) => {
    await page.goto('/?lang=en');
    await nowTab(page, 'failover');
    const panel = page.getByRole('region', { name: 'Failover', exact: true });
    const settings = page.getByRole('region', { name: 'Failover and health check settings' });
    await seek(page, 4400);
    // Step to a moment where a request is in flight through lb1 (picked, not yet answered).
    let open: RequestRecord | undefined;
    await stepUntil(page, async () => {
      const now = await time(page);
      open = (await trace(page)).find((r) => {
        const pick = r.hops.find((h) => h.node === 'lb1' && h.dir === 'request');
        const back = r.hops.find((h) => h.node === 'lb1' && h.dir === 'response');
        return pick && back && pick.at < now && back.at > now;
      });
      return !!open;
    });
    const failAt = await time(page);
    await panel.getByRole('button', { name: 'Fail primary balancer' }).click();
    await seek(page, failAt + 15_000);
    const reset = (await trace(page)).find((r) => r.id === open!.id)!;
    // lb2 cannot know the client: it resets the server's side; the client waits and gives up.
    expect(reset).toMatchObject({ outcome: 'timeout', status: null });
    const resetAt = reset.hops.find((h) => h.node === 'lb2' && h.drop === 'reset')!.at;
    await seek(page, resetAt);
    const log = page.getByRole('region', { name: 'Event log' }).getByRole('log');
    await expect(log).toContainText(`lb2 has no record of this connection, so it cannot know the client`);
    await expect(log).toContainText(`(#${reset.id})`);
    await expect(page.locator('.signals .drop-reset').first()).toBeVisible();
    await keepForReview(page, 'failures-reset-en');

    // With connection-state sync, lb2 knew the connection: it survives the failover.
    await settings.getByRole('checkbox', { name: 'Connection-state sync' }).check();
    await expect(settings.getByRole('checkbox', { name: 'Connection-state sync' })).toBeChecked();
    expect(await time(page)).toBe(resetAt);
    const kept = (await trace(page)).find((r) => r.id === open!.id)!;
    expect(kept).toMatchObject({ outcome: 'ok', status: 200, balancer: 'lb2' });
    await expect(log).not.toContainText('has no record of this connection');
    await settings.getByRole('checkbox', { name: 'Connection-state sync' }).uncheck();
    await expect(log).toContainText('lb2 has no record of this connection, so it cannot know the client');

    // Restore lb1: it comes back as backup and takes the VIP back when its own timer runs out.
    await panel.getByRole('button', { name: 'Restore primary balancer' }).click();
    const roles = panel.getByTestId('vrrp-roles');
    await expect(roles).toHaveText('lb1: backup · lb2: master');
    const takeover = panel.getByTestId('vrrp-takeover');
    await expect(takeover).toContainText(
      /lb1 \(priority 150 > 100\) ignores lb2’s lower-priority adverts and takes the VIP back when its own master-down timer runs out, at ([\d,.]+) ms \(preemption\)/,
    );
    const at = Number(/at ([\d,.]+) ms \(preemption\)/.exec((await takeover.textContent())!)![1]!.replace(/,/g, ''));
    // keepalived, VRRPv2, priority 150: 3 s + (256 − 150)/256 s after lb1 came back.
    expect(at - (await time(page))).toBeCloseTo(3414.1, 0);
    await stepUntil(page, async () => (await roles.textContent()) === 'lb1: master · lb2: backup');
    expect(await time(page)).toBeCloseTo(at, 1);
    await expect(page.locator('.vip-badge')).toHaveAttribute('data-vip-on', 'lb1');

    // Without preemption lb2 keeps the VIP.
    await settings.getByRole('checkbox', { name: 'Preemption' }).uncheck();
    await expect(roles).toHaveText('lb1: backup · lb2: master');
    await seek(page, at + 5000);
    await expect(roles).toHaveText('lb1: backup · lb2: master');
  });
});

test.describe('failures (Korean)', () => {
  test('the same lessons in Korean: a refused connection, the failover and stepping back', async ({ page }) => {
    await page.goto('/?lang=ko');
    await seek(page, 3000);
    const s2 = page.getByRole('group', { name: '서버 s2' });
    await s2.getByRole('button', { name: 's2 장애 발생', exact: true }).click();
    await expect(s2.getByRole('button', { name: 's2 복구', exact: true })).toBeVisible();
    const log = page.getByRole('region', { name: '이벤트 기록' }).getByRole('log');
    await stepUntil(
      page,
      shows(log.getByText(/lb1 로드밸런서가 s2 서버의 RST를 연결의 다른 패킷처럼 주소를 바꿔 클라이언트에게 돌려보냅니다/)),
    );
    await expect(page.getByRole('img', { name: /^s2 10\.0\.0\.12:8080: .*✗ 장애: 연결 거부/ })).toBeVisible();
    await s2.getByRole('button', { name: 's2 복구', exact: true }).click();

    await nowTab(page, 'failover');
    const panel = page.getByRole('region', { name: '장애 조치(페일오버)' });
    const roles = panel.getByTestId('vrrp-roles');
    await seek(page, 4300);
    await page.getByRole('button', { name: '한 단계 앞으로' }).click();
    const t0 = await time(page);
    const before = await settledText(page.locator('main'));
    await page.getByRole('button', { name: '한 단계 앞으로' }).click();
    await panel.getByRole('button', { name: '메인 로드밸런서 장애 발생' }).click();
    await expect(panel.getByRole('button', { name: '메인 로드밸런서 복구' })).toBeVisible();
    await expect(panel.getByTestId('vrrp-takeover')).toContainText('7,609.4 ms까지 광고를 못 들으면 lb2 로드밸런서가 넘겨받습니다');
    await stepUntil(page, async () => (await roles.textContent()) === 'lb1: ✗ 장애 · lb2: 마스터');
    expect(await time(page)).toBeCloseTo(7609.375, 3);
    await expect(log).toContainText(
      'lb2 로드밸런서가 MASTER가 되어 gratuitous ARP 5개를 보냅니다: VIP 198.51.100.1 주소가 lb2로 옮겨 갑니다',
    );
    await expect(page.getByRole('img', { name: /대기 로드밸런서 lb2: 마스터, VIP 보유/ })).toBeVisible();
    await page.evaluate(() => window.scrollTo(0, 0));
    await keepForReview(page, 'failures-takeover-ko');
    await keepForReview(panel, 'failures-panel-ko');

    await stepUntil(page, async () => (await time(page)) <= t0, 400, true);
    expect(await time(page)).toBe(t0);
    await expect(roles).toHaveText('lb1: 마스터 · lb2: 백업');
    expect(await settledText(page.locator('main'))).toBe(before);
  });

  test('a projector-sized view of the failover (1920×1080)', async ({ page }) => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto('/?lang=ko');
    await page.getByRole('region', { name: '장애 조치와 헬스 체크 설정' }).getByRole('checkbox', { name: '능동 헬스 체크' }).check();
    await seek(page, 3000);
    await page.getByRole('group', { name: '서버 s2' }).getByRole('button', { name: 's2 장애 발생', exact: true }).click();
    await seek(page, 5000);
    await nowTab(page, 'failover');
    await page.getByRole('button', { name: '메인 로드밸런서 장애 발생' }).click();
    await seek(page, 6010);
    await expect(page.getByRole('img', { name: /메인 로드밸런서 lb1: ✗ 장애/ })).toBeVisible();
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help} e.g. ${v.nodes[0]?.target.join(' ')}`)).toEqual([]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await keepForReview(page, 'failures-1920-ko', { fullPage: true });
  });
});

/**
 * Issue 18, points 3 to 5: at a balancer's failure, the takeover and a server's failure, the why
 * names the right balancer, the narration the main event, and the gratuitous ARP is drawn.
 */
const gallery = (name: string) => JSON.parse(readFileSync(new URL(`../src/scenarios/${name}.json`, import.meta.url), 'utf8')) as unknown;
/** failover.json's takeover: lb2's master-down interval after lb1's last advert (the run's own time). */
const TAKEOVER = 10_609.375;
const SAY = {
  en: {
    why: 'Why this server',
    narration: 'Narration',
    gap: 'lb1 is down; lb2 takes over at 10,609.4 ms.',
    took: 'lb1 is down; lb2 took over at 10,609.4 ms',
    lb2: /lb2 decided at/,
    master: /lb2 is now MASTER and sends 5 gratuitous ARPs/,
    garp: /^gratuitous ARP from lb2: .* is now at lb2/,
    repeat: /^gratuitous ARP from lb2, repeated/,
    s2: 'Server s2 fails',
  },
  ko: {
    why: '왜 이 서버인가',
    narration: '해설',
    gap: 'lb1 로드밸런서 장애: lb2 로드밸런서가 10,609.4 ms에 넘겨받습니다.',
    took: 'lb1 로드밸런서 장애: lb2 로드밸런서가 10,609.4 ms에 넘겨받았고',
    lb2: /lb2 로드밸런서가 [\d,.]+ ms에 결정/,
    master: /lb2 로드밸런서가 MASTER가 되어 gratuitous ARP 5개를 보냅니다/,
    garp: /^lb2 로드밸런서의 gratuitous ARP: /,
    repeat: /^lb2 로드밸런서의 gratuitous ARP 반복/,
    s2: 's2 서버 장애 발생',
  },
} as const;

for (const lang of ['en', 'ko'] as const) {
  const say = SAY[lang];
  test.describe(`the failover moment told right (${lang})`, () => {
    test('lb1 down: the why says who takes over and when, then tells lb2’s picks; the takeover is narrated and its GARP drawn', async ({
      page,
    }) => {
      await page.goto(`/?lang=${lang}`);
      await load(page, gallery('failover'));
      const why = page.getByRole('region', { name: say.why });
      const narration = page.getByRole('region', { name: say.narration, exact: true });
      const garp = page.getByRole('img', { name: /gratuitous ARP/ });

      await seek(page, 7000);
      await expect(why).toContainText(lang === 'en' ? 'lb1 decided at' : 'lb1 로드밸런서가');
      await seek(page, 9000);
      await expect(why).toContainText(say.gap);
      await expect(why).not.toContainText(lang === 'en' ? 'Chosen server' : '선택된 서버');
      await expect(garp).toHaveCount(0);

      await seek(page, TAKEOVER);
      await expect(narration).toContainText(say.master);
      await expect(garp).toHaveCount(1);
      await expect(garp).toHaveAccessibleName(say.garp);
      await expect(page.locator('.vip-badge')).toHaveAttribute('data-vip-on', 'lb2');
      await expect(why).toContainText(say.took);
      await keepForReview(page, `failover-takeover-${lang}`);

      // lb2's first decision after the takeover: the why is lb2's from then on.
      await seek(page, 12_000);
      expect((await trace(page)).some((r) => r.balancer === 'lb2')).toBe(true);
      await expect(why).toContainText(say.lb2);

      // Its repeat, 5 s later, is drawn too.
      await seek(page, TAKEOVER + 5000 + 100);
      await expect(garp).toHaveAccessibleName(say.repeat);
    });

    test('s2 fails while lb1 repeats its gratuitous ARPs: the narration says s2 fails', async ({ page }) => {
      await page.goto(`/?lang=${lang}`);
      await load(page, gallery('server-failure'));
      await seek(page, 5000);
      await expect(page.getByRole('region', { name: say.narration, exact: true })).toContainText(say.s2);
    });
  });
}
