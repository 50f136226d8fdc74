import { expect, test } from 'vitest';
import { expectMessage, heading, loginAs, screenshot } from './support/fixtures.ts';
import {
  createPlanFromText,
  demoPlanText,
  openItem,
  openPlan,
  openPlans,
  publishPlan,
} from './support/plans.ts';
import { useLuoshi } from './support/luoshi.ts';

const luoshi = useLuoshi();

const CITY_PLAN = `济南市2025年统战工作要点
一、强化政治引领
引导广大统战成员深学细悟笃行习近平新时代中国特色社会主义思想,不断增强“四个意识”。
二、提升统战干部能力
加强统战干部队伍建设,开展全市统战干部培训。`;

test('city staff align an item to the province’s; the province sees it in coverage; search finds items', async () => {
  const page = await luoshi.newPage();
  await loginAs(page, luoshi.server, 'staff');

  const province = await createPlanFromText(page, demoPlanText(), {
    regionCode: '370000',
    year: 2025,
    title: '山东省2025年统战工作要点',
  });
  const city = await createPlanFromText(page, CITY_PLAN, {
    regionCode: '370100',
    year: 2025,
    title: '济南市2025年统战工作要点',
  });
  await openPlan(page, province.id);
  await publishPlan(page);
  await openPlan(page, city.id);
  await publishPlan(page);

  // The city item: suggestions from the province plan, ranked; 确认对应.
  const drawer = await openItem(page, '强化政治引领');
  const suggestion = drawer
    .locator('.suggestion')
    .filter({ hasText: '山东省 2025 年' })
    .filter({ hasText: '强化政治引领' });
  await suggestion.waitFor();
  await screenshot(page, 'plans-item-suggestions');
  await suggestion.getByRole('button', { name: '确认对应' }).click();
  await page.getByRole('dialog', { name: '确认对应' }).getByRole('button', { name: '确认对应' }).click();
  await expectMessage(page, '已确认对应');
  await drawer.getByRole('link', { name: /山东省 2025 年 · 强化政治引领/ }).waitFor();
  await screenshot(page, 'plans-item-aligned');

  // The province plan's coverage: 济南市 has taken up that item; other cities have nothing yet.
  await openPlan(page, province.id);
  await page.getByRole('button', { name: '覆盖情况' }).click();
  await heading(page, '覆盖情况').waitFor();
  const matrix = page.getByRole('table', { name: '覆盖矩阵' });
  const cell = matrix.getByRole('button', { name: '强化政治引领 · 济南市：1' });
  await cell.waitFor();
  expect(await matrix.getByRole('button', { name: '强化政治引领 · 青岛市：0' }).count()).toBe(1);
  await page.getByText(/尚无对应的地区：.*青岛市/).waitFor();
  await screenshot(page, 'plans-coverage');
  await cell.click();
  const drill = page.getByRole('dialog', { name: '济南市的对应条目' });
  await drill.getByRole('link', { name: /济南市 2025 年 · 一、强化政治引领/ }).waitFor();
  await screenshot(page, 'plans-coverage-drill');
  await page.keyboard.press('Escape');
  await drill.waitFor({ state: 'hidden' });

  // 全文检索 on the list: hits link to their item.
  await openPlans(page);
  await page.getByRole('textbox', { name: '全文检索' }).fill('统战干部');
  await page.getByRole('button', { name: '检索' }).click();
  const hit = page.getByRole('link', { name: /提升统战干部能力/ });
  await hit.waitFor();
  await page.locator('mark').filter({ hasText: '统战' }).first().waitFor();
  await screenshot(page, 'plans-search');
  await hit.click();
  await page
    .getByRole('dialog', { name: '条目详情' })
    .getByRole('heading', { name: /提升统战干部能力/ })
    .waitFor();

  // 版本历史: create, publish, align. A published plan is not restored in place (it changes through a
  // revision), but any version opens, compared with the current text.
  await page.keyboard.press('Escape');
  await page.getByRole('dialog', { name: '条目详情' }).waitFor({ state: 'hidden' });
  await page.getByRole('button', { name: '版本历史' }).click();
  const versions = page.getByRole('dialog', { name: '版本历史' });
  const first = versions.getByRole('row').filter({ hasText: '新建' });
  await first.waitFor();
  await screenshot(page, 'plans-versions');
  expect(await first.getByRole('button', { name: '恢复' }).count()).toBe(0);
  await first.getByRole('button', { name: '查看' }).click();
  const version = page.getByRole('dialog', { name: /^版本 1/ });
  await version.getByRole('tab', { name: /与当前版本 \d+ 对比/ }).waitFor();
  await version.getByText('内容没有变化').waitFor();
  await version.getByRole('tab', { name: '该版本全文' }).click();
  await version.getByText('提升统战干部能力', { exact: true }).first().waitFor();
});
