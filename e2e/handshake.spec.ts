import type { Page } from '@playwright/test';
import { expect, keepForReview, seek, test, wholeTrace } from './fixtures.ts';

const first = async (page: Page) => (await wholeTrace(page))[0]!;

for (const [lang, names] of [
  [
    'en',
    {
      setting: 'TCP handshakes',
      layer: 'Layer',
      log: 'Event log',
      inspector: 'Packet inspector',
      sends: 'sends SYN for #1',
      rewrites: 'lb1 rewrites the SYN of #1',
    },
  ],
  [
    'ko',
    {
      setting: 'TCP 핸드셰이크',
      layer: '계층',
      log: '이벤트 기록',
      inspector: '패킷 검사기',
      sends: '#1의 SYN 세그먼트를 보냅니다',
      rewrites: 'lb1이 #1의 SYN 세그먼트 주소를 바꿉니다',
    },
  ],
] as const) {
  test(`handshakes: L4 passes the client's through the NAT, L7 makes two (${lang})`, async ({ page }) => {
    await page.goto(`/?lang=${lang}`);
    await page.getByRole('checkbox', { name: names.setting }).check();
    const l4 = await first(page);
    expect(l4.tcp!.map((g) => `${g.node}:${g.flags}`)).toEqual([
      'client:SYN',
      'lb1:SYN',
      `${l4.server}:SYN`,
      `${l4.server}:SYN-ACK`,
      'lb1:SYN-ACK',
      'client:SYN-ACK',
      'client:ACK',
    ]);

    // Step to the client's SYN: the log tells it with its addresses.
    await page.evaluate((at) => {
      window.lbLab.select(1);
      window.lbLab.seek(at);
    }, l4.tcp![0]!.at);
    const log = page.getByRole('region', { name: names.log });
    await expect(log).toContainText(`${names.sends}: ${l4.tcp![0]!.out!.src} → ${l4.tcp![0]!.out!.dst}`);
    // At the balancer the SYN is rewritten like the request: VIP → server, client → VIP.
    const atLb = l4.tcp![1]!;
    await seek(page, atLb.at);
    await expect(log).toContainText(`${names.rewrites}: ${atLb.in!.src} → ${atLb.in!.dst}`);
    const inspector = page.getByRole('region', { name: names.inspector });
    await expect(inspector.getByRole('region', { name: names.setting })).toContainText('SYN');

    // L7: the balancer's own handshake with the server, from its own address.
    await seek(page, 0);
    await page.getByRole('combobox', { name: names.layer }).selectOption('L7');
    const l7 = await first(page);
    const serverSyn = l7.tcp!.find((g) => g.node === l7.server && g.flags === 'SYN')!;
    expect(serverSyn.in!.src.startsWith('10.0.0.2:')).toBe(true);
    expect(l7.tcp!.filter((g) => g.flags === 'SYN-ACK' && g.out).map((g) => g.node)).toEqual(['lb1', l7.server]);
    await page.evaluate(
      ([at]) => {
        window.lbLab.select(1);
        window.lbLab.seek(at!);
      },
      [serverSyn.at] as const,
    );
    await expect(inspector.getByRole('region', { name: names.setting })).toContainText(serverSyn.in!.src);
    await keepForReview(page, `handshake-${lang}`, { fullPage: true });
  });
}
