import { expect, test } from './fixtures.ts';

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

test('on a phone: no keyboard hints, and quiz choices a finger can hit', async ({ page }) => {
  await page.goto('/?lang=en');
  await expect(page.getByRole('group', { name: /^Network/ })).toBeVisible();
  await expect(page.locator('.keys-hint')).toBeHidden();
  await page.getByRole('button', { name: 'Lessons', exact: true }).click();
  await page.getByRole('navigation', { name: 'Lessons' }).getByRole('button', { name: 'Round robin, and sessions' }).click();
  const lesson = page.getByRole('region', { name: 'Lesson', exact: true });
  await expect(lesson).toBeVisible();
  // Step forward until a quiz appears, then measure its choices.
  for (let i = 0; i < 4 && (await lesson.locator('.quiz-choice').count()) === 0; i++) {
    await lesson.getByRole('button', { name: 'Next' }).click();
  }
  const choice = lesson.locator('.quiz-choice').first();
  await expect(choice).toBeVisible();
  const box = await choice.boundingBox();
  expect(box!.height).toBeGreaterThanOrEqual(44);
});
