import { expect, test } from 'vitest';
import { loginAs, screenshot } from './support/fixtures.ts';
import { compareWith, createPlanFromText, demoPlanText, openPlan } from './support/plans.ts';
import { useLuoshi } from './support/luoshi.ts';

const luoshi = useLuoshi();

test('staff compare this year’s key points with last year’s and see what was inserted and deleted', async () => {
  const page = await luoshi.newPage();
  await loginAs(page, luoshi.server, 'staff');

  // Last year's plan is the example; this year's adds a word to one heading and drops a phrase from a body.
  const lastYear = demoPlanText();
  const thisYear = lastYear.replace('强化政治引领', '强化思想政治引领').replace('突出统战特色,', '');
  expect(thisYear).not.toBe(lastYear);
  await createPlanFromText(page, lastYear, {
    regionCode: '370100',
    year: 2024,
    title: '济南市2024年统战工作要点',
  });
  const current = await createPlanFromText(page, thisYear, {
    regionCode: '370100',
    year: 2025,
    title: '济南市2025年统战工作要点',
  });

  await openPlan(page, current.id);
  await compareWith(page, '济南市 2024 年 · 济南市2024年统战工作要点（草稿）');

  // The older plan is on the left.
  await page.getByRole('link', { name: /左：济南市 2024 年/ }).waitFor();
  const counts = page.getByRole('group', { name: '对比结果统计' });
  const changed = Number(/有修改 (\d+)/.exec(await counts.innerText())?.[1]);
  expect(changed).toBe(2);
  expect(await counts.innerText()).toMatch(/一致 \d+/);

  await page.getByRole('insertion').filter({ hasText: '思想' }).first().waitFor();
  await page.getByRole('deletion').filter({ hasText: '突出统战特色' }).first().waitFor();
  await screenshot(page, 'plans-compare');

  // Only the changed items.
  await counts.getByText(/有修改/).click();
  expect(await page.locator('.compare-row').count()).toBe(2);
  await screenshot(page, 'plans-compare-changed');
});
