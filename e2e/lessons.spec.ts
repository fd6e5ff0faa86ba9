import AxeBuilder from '@axe-core/playwright';
import { TARGETS, targetSelector } from '../src/components/lessons/targets.ts';
import { LESSON_TARGETS } from '../src/lessons/types.ts';
import { expect, keepForReview, nowTab, test, time } from './fixtures.ts';

for (const [lang, n] of [
  [
    'en',
    {
      lessons: 'Lessons',
      list: 'Lessons',
      nat: 'NAT on the request and on the response',
      lesson: 'Lesson',
      next: 'Next',
      back: 'Back',
      step: (k: number) => `Step ${k} of 5`,
      check: 'Check',
      right: 'Right.',
      wrong: 'Not quite',
      showMe: 'Show me',
      close: 'Close lesson',
      tryAgain: 'Try again',
      response: 'Response',
    },
  ],
  [
    'ko',
    {
      lessons: '수업',
      list: '수업 목록',
      nat: '요청과 응답의 NAT',
      lesson: '수업',
      next: '다음',
      back: '이전',
      step: (k: number) => `5단계 중 ${k}단계`,
      check: '확인',
      right: '맞았습니다.',
      wrong: '아쉽네요',
      showMe: '직접 보기',
      close: '수업 닫기',
      tryAgain: '다시 풀기',
      response: '응답',
    },
  ],
] as const) {
  test(`a whole lesson with its quizzes, by buttons and clicker keys (${lang})`, async ({ page }) => {
    test.setTimeout(90_000);
    await page.goto(`/?lang=${lang}`);
    await page.getByRole('button', { name: n.lessons, exact: true }).click();
    await page.getByRole('navigation', { name: n.list }).getByRole('button', { name: n.nat }).click();
    const panel = page.getByRole('region', { name: n.lesson, exact: true });
    await expect(panel).toContainText(n.step(1));
    // Step 1 points at the inspector, with request #1 selected and the packet on its way.
    await expect(page.locator('.insp-inspector')).toHaveClass(/lesson-highlight/);
    const t1 = await time(page);
    expect(t1).toBeGreaterThan(0);

    // Step 2: predict the destination after the balancer. A wrong answer first.
    await page.keyboard.press('PageDown');
    await expect(panel).toContainText(n.step(2));
    await expect(page.locator('.node[data-node="lb1"]')).toHaveClass(/lesson-highlight/);
    const choices = panel.getByRole('radio');
    const labels = await panel.locator('.quiz-choice').allInnerTexts();
    // The right answer is what the engine does: the chosen server's address (read from the trace at the end).
    const server = await page.evaluate(async () => {
      const t = window.lbLab.time();
      window.lbLab.seek(1e9);
      const rec = (await window.lbLab.trace()).find((r) => r.id === 1)!;
      window.lbLab.seek(t);
      return rec.nat!.server;
    });
    const right = labels.findIndex((l) => l.trim() === server);
    expect(right).toBeGreaterThanOrEqual(0);
    await choices.nth((right + 1) % labels.length).check();
    await panel.getByRole('button', { name: n.check }).click();
    await expect(panel.locator('.quiz-feedback')).toContainText(n.wrong);
    await panel.getByRole('button', { name: n.tryAgain }).click();
    await choices.nth(right).check();
    await panel.getByRole('button', { name: n.check }).click();
    await expect(panel.locator('.quiz-feedback')).toContainText(n.right);
    const before = await time(page);
    await panel.getByRole('button', { name: n.showMe }).click();
    expect(await time(page)).toBeGreaterThan(before);

    // Back and forth; PageUp goes back a step, Back too.
    await panel.getByRole('button', { name: n.next }).click();
    await expect(panel).toContainText(n.step(3));
    await page.keyboard.press('PageUp');
    await expect(panel).toContainText(n.step(2));
    await panel.getByRole('button', { name: n.back }).click();
    await expect(panel).toContainText(n.step(1));
    expect(await time(page)).toBe(t1);
    for (let k = 2; k <= 4; k++) await page.keyboard.press('PageDown');
    await expect(panel).toContainText(n.step(4));
    await expect(page.locator('.insp-conntrack')).toHaveClass(/lesson-highlight/);
    // The last step is the response at the balancer: the NAT card shows its rewrite at once,
    // with no "Show me" pressed.
    await page.keyboard.press('PageDown');
    await expect(panel).toContainText(n.step(5));
    await expect(page.locator('.nat-card')).toHaveClass(/lesson-highlight/);
    await expect(page.locator('.nat-card .nat-dir')).toHaveText(n.response);

    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((x) => x.target).join(' ')}`)).toEqual([]);
    await keepForReview(page, `lesson-${lang}`);
    await panel.getByRole('button', { name: n.close }).click();
    await expect(panel).toHaveCount(0);
  });
}

test('every lesson opens, every step of it, and every part it points at is on the page', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/?lang=en');
  await page.getByRole('button', { name: 'Lessons', exact: true }).click();
  // The list loads on first use.
  await expect(page.locator('.lesson-open')).toHaveCount(10);
  const names = await page.locator('.lesson-open').allInnerTexts();
  expect(names.length).toBeGreaterThanOrEqual(10);
  for (let i = 0; i < names.length; i++) {
    if (i > 0) await page.getByRole('button', { name: 'Lessons', exact: true }).click();
    await page.locator('.lesson-open').nth(i).click();
    const panel = page.getByRole('region', { name: 'Lesson', exact: true });
    for (;;) {
      await expect(page.locator('.lesson-highlight').first()).toBeVisible();
      await expect(page.locator('.notice')).toHaveCount(0);
      const next = panel.getByRole('button', { name: 'Next' });
      if ((await next.count()) === 0) break;
      await next.click();
    }
    await panel.getByRole('button', { name: 'Finish' }).click();
  }
});

test('every part a lesson can point at is found by its data-lesson-target: one element, or one per node of its kind', async ({ page }) => {
  await page.goto('/?lang=en');
  // The L7 settings are drawn only in L7.
  await page.getByRole('combobox', { name: 'Layer' }).selectOption('L7');
  for (const id of LESSON_TARGETS.filter((t) => !TARGETS[t].each)) {
    // What lives in a tab of the now column is drawn while its tab is shown (a lesson step shows it).
    const tab = TARGETS[id].tab;
    if (tab) await nowTab(page, tab);
    await expect(page.locator(targetSelector(id)), id).toHaveCount(1);
  }
  // Clients and servers: every node of the kind, and nothing else.
  expect(LESSON_TARGETS.filter((t) => TARGETS[t].each)).toEqual(['clients', 'servers']);
  for (const [id, kind] of [
    ['clients', 'client'],
    ['servers', 'server'],
  ] as const) {
    const nodes = await page.locator(`svg.topology g.node-${kind}[data-node]`).count();
    expect(nodes, id).toBeGreaterThan(1);
    await expect(page.locator(targetSelector(id)), id).toHaveCount(nodes);
    await expect(page.locator(`${targetSelector(id)}:not(g.node-${kind})`), id).toHaveCount(0);
  }
  // The balancers are found as the drawing names them.
  await expect(page.locator(targetSelector('lb1'))).toHaveAttribute('data-node', 'lb1');
  await expect(page.locator(targetSelector('lb2'))).toHaveAttribute('data-node', 'lb2');
});

test('on a one-column screen the list and the lesson come into view, and focus follows them', async ({ page }) => {
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 820, height: 1000 });
  await page.goto('/?lang=en');
  const button = page.getByRole('button', { name: 'Lessons', exact: true });
  await button.click();
  // The list sits below the drawing here: opening it must bring it into view and focus it.
  const heading = page.getByRole('navigation', { name: 'Lessons' }).getByRole('heading', { name: 'Lessons' });
  await expect(heading).toBeFocused();
  await expect(heading).toBeInViewport();
  await page.getByRole('button', { name: 'NAT on the request and on the response' }).click();
  const panel = page.getByRole('region', { name: 'Lesson', exact: true });
  await expect(panel.getByRole('heading', { level: 2 })).toBeFocused();
  await expect(panel).toBeInViewport({ ratio: 1 });
  await page.keyboard.press('PageDown');
  await expect(panel).toContainText('Step 2 of 5');
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((x) => x.target).join(' ')}`)).toEqual([]);
  // What the step outlines is above the lesson sheet, not under it.
  const sheet = (await panel.boundingBox())!;
  for (const target of await page.locator('.lesson-highlight').all()) {
    const box = (await target.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(sheet.y);
  }
  // Starting the same lesson again from the list brings focus back to it, at its first step.
  await button.click();
  await page.getByRole('button', { name: 'NAT on the request and on the response' }).click();
  await expect(panel).toContainText('Step 1 of 5');
  await expect(panel.getByRole('heading', { level: 2 })).toBeFocused();
  await panel.getByRole('button', { name: 'Close lesson' }).click();
  await expect(button).toBeFocused();
});

test('the L2/L3/L4/L7 ladder reads the request at the balancer, in both languages', async ({ page }) => {
  test.setTimeout(60_000);
  for (const [lang, lessons, title, l4] of [
    ['en', 'Lessons', 'L2, L3, L4 and L7', 'L4 · transport'],
    ['ko', '수업', 'L2, L3, L4와 L7', 'L4 · 전송'],
  ] as const) {
    await page.goto(`/?lang=${lang}`);
    await page.getByRole('button', { name: lessons, exact: true }).click();
    await page.getByRole('button', { name: title }).click();
    const ladder = page.locator('figure.ladder');
    // Beside the stage the ladder waits under "More" when the step would not fit whole.
    await expect(
      page.getByRole('region', { name: lang === 'en' ? 'Lesson' : '수업', exact: true }).getByRole('heading', { level: 2 }),
    ).toBeVisible();
    const more = page.locator('.lesson-more > summary');
    if ((await more.count()) > 0) await more.click();
    const header = await page.evaluate(async () => {
      const r = (await window.lbLab.trace())[0]!;
      return { path: r.path, in: r.hops.find((h) => h.node === 'lb1' && h.in)!.in! };
    });
    await expect(ladder.getByRole('listitem')).toHaveCount(4);
    await expect(ladder.getByRole('listitem').filter({ hasText: l4 })).toContainText(`${header.in.src} → ${header.in.dst}`);
    await expect(ladder).toContainText(`GET ${header.path}`);
    const axe = await new AxeBuilder({ page }).include('figure.ladder').withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((x) => x.target).join(' ')}`)).toEqual([]);
  }
});

/** A box inside the window, and above `top` (the lesson sheet's top edge). */
async function inOpenArea(page: import('@playwright/test').Page, target: import('@playwright/test').Locator, top: number, what: string) {
  const box = (await target.boundingBox())!;
  expect(box, what).not.toBeNull();
  expect(box.y, `${what}: top`).toBeGreaterThanOrEqual(0);
  expect(box.x, `${what}: left`).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, `${what}: right`).toBeLessThanOrEqual(page.viewportSize()!.width + 0.5);
  expect(box.y + box.height, `${what}: bottom`).toBeLessThanOrEqual(top + 0.5);
}

for (const size of [
  { width: 390, height: 844 },
  { width: 820, height: 1180 },
]) {
  for (const [lang, n] of [
    [
      'en',
      {
        lessons: 'Lessons',
        nat: 'NAT on the request and on the response',
        lesson: 'Lesson',
        next: 'Next',
        check: 'Check',
        showMe: 'Show me',
        step: (k: number) => `Step ${k} of 5`,
      },
    ],
    [
      'ko',
      {
        lessons: '수업',
        nat: '요청과 응답의 NAT',
        lesson: '수업',
        next: '다음',
        check: '확인',
        showMe: '직접 보기',
        step: (k: number) => `5단계 중 ${k}단계`,
      },
    ],
  ] as const) {
    test(`the lesson sheet keeps its buttons and what it outlines in view at ${size.width}×${size.height} (${lang})`, async ({ page }) => {
      test.setTimeout(60_000);
      await page.setViewportSize(size);
      await page.goto(`/?lang=${lang}`);
      await page.getByRole('button', { name: n.lessons, exact: true }).click();
      await page.getByRole('button', { name: n.nat }).click();
      const panel = page.getByRole('region', { name: n.lesson, exact: true });
      await expect(panel).toContainText(n.step(1));
      // A sheet at the foot of the screen, whole.
      const sheet = (await panel.boundingBox())!;
      expect(sheet.y + sheet.height).toBeLessThanOrEqual(size.height + 0.5);
      expect(sheet.height).toBeLessThan(size.height * 0.6);

      // Step 2 asks a question: its Check button is among the step buttons, all on screen,
      // and the drawing's outlined nodes sit above the sheet.
      await page.keyboard.press('PageDown');
      await expect(panel).toContainText(n.step(2));
      const check = panel.getByRole('button', { name: n.check });
      const next = panel.getByRole('button', { name: n.next });
      const outlined = page.locator('.drawing .lesson-highlight');
      await expect(outlined.first()).toBeVisible();
      await page.waitForTimeout(800); // a smooth scroll, if any, has ended
      let top = (await panel.boundingBox())!.y;
      for (const [button, what] of [
        [check, 'Check'],
        [next, 'Next'],
      ] as const)
        await inOpenArea(page, button, size.height, what);
      expect(await outlined.count()).toBeGreaterThanOrEqual(2);
      for (const [i, node] of (await outlined.all()).entries()) await inOpenArea(page, node, top, `outlined node ${i}`);

      // Answered, the feedback makes the step long: the words scroll, the buttons stay.
      await panel.getByRole('radio').first().check();
      await check.click();
      await expect(panel.locator('.quiz-feedback')).toBeVisible();
      const showMe = panel.getByRole('button', { name: n.showMe });
      await expect(showMe).toBeFocused();
      for (const [button, what] of [
        [showMe, 'Show me'],
        [next, 'Next'],
      ] as const)
        await inOpenArea(page, button, size.height, what);

      // The last step outlines the NAT card: it comes into the space above the sheet.
      for (let k = 3; k <= 5; k++) await page.keyboard.press('PageDown');
      await expect(panel).toContainText(n.step(5));
      await expect(page.locator('.nat-card')).toHaveClass(/lesson-highlight/);
      await page.waitForTimeout(800);
      top = (await panel.boundingBox())!.y;
      await inOpenArea(page, page.locator('.nat-card'), top, 'the NAT card');
      await inOpenArea(page, panel.getByRole('button', { name: lang === 'en' ? 'Finish' : '마치기' }), size.height, 'Finish');
      await keepForReview(page, `lesson-sheet-${size.width}-${lang}`);
    });
  }
}

for (const [lang, n] of [
  [
    'en',
    {
      panels: 'Panels',
      inspector: 'Packet inspector',
      lessons: 'Lessons',
      nat: 'NAT on the request and on the response',
      lesson: 'Lesson',
      hidden: 'panel is hidden',
      show: 'Show “Packet inspector”',
    },
  ],
  [
    'ko',
    {
      panels: '패널',
      inspector: '패킷 검사기',
      lessons: '수업',
      nat: '요청과 응답의 NAT',
      lesson: '수업',
      hidden: '패널이 숨겨져 있어',
      show: "'패킷 검사기' 보이기",
    },
  ],
] as const) {
  test(`a hidden panel is named in the step, not outlined, and can be shown from it (${lang})`, async ({ page }) => {
    await page.goto(`/?lang=${lang}`);
    await page.locator('summary', { hasText: n.panels }).click();
    await page.getByRole('checkbox', { name: n.inspector }).uncheck();
    await page.locator('summary', { hasText: n.panels }).click();
    await expect(page.locator('.insp-inspector')).toHaveCount(0);
    await page.getByRole('button', { name: n.lessons, exact: true }).click();
    await page.getByRole('button', { name: n.nat }).click();
    const panel = page.getByRole('region', { name: n.lesson, exact: true });
    // Step 1 points at the clients and the inspector: the clients are outlined, the inspector named as hidden.
    const note = panel.locator('.lesson-missing li[data-target="inspector"]');
    await expect(note).toContainText(n.hidden);
    await expect(note).toContainText(n.inspector);
    await expect(page.locator('.node-client.lesson-highlight').first()).toBeVisible();
    await expect(panel.locator('.hint')).not.toContainText(n.inspector);
    await panel.getByRole('button', { name: n.show }).click();
    await expect(page.locator('.insp-inspector')).toHaveClass(/lesson-highlight/);
    await expect(note).toHaveCount(0);
    await expect(panel.locator('.hint')).toContainText(n.inspector);
  });
}
