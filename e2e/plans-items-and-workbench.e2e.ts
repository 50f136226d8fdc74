import { expect, test } from 'vitest';
import { expectMessage, loginAs, logout, screenshot } from './support/fixtures.ts';
import { createPlanFromText, openItem, openPlan, outlineTree } from './support/plans.ts';
import { useLuoshi } from './support/luoshi.ts';

const luoshi = useLuoshi();

const CITY_PLAN = `济南市2027年统战工作要点
一、强化政治引领
引导广大统战成员深学细悟笃行习近平新时代中国特色社会主义思想。
二、提升统战干部能力
加强统战干部队伍建设,开展全市统战干部培训。`;

test('staff see the year’s next step on the 工作台, are refused an empty item, and set an item’s 牵头单位', async () => {
  const page = await luoshi.newPage();
  // 待办 is no empty placeholder: staff are told to import this year's plan. (The demo holds the
  // province's plan for this year, so a city without one is asked.)
  await loginAs(page, luoshi.server, 'qingdao_staff');
  const todo = page.getByTestId('next-steps');
  const year = new Date().getFullYear();
  await todo.getByText(`导入青岛市${year}年工作要点`).waitFor();
  await todo.getByRole('link', { name: '去导入' }).waitFor();
  await screenshot(page, 'workbench-next-steps');
  await logout(page);
  await loginAs(page, luoshi.server, 'staff');

  const plan = await createPlanFromText(page, CITY_PLAN, {
    regionCode: '370100',
    year: 2027,
    title: '济南市2027年统战工作要点',
  });
  await openPlan(page, plan.id);

  // An item emptied in the editor is marked there, and the save is refused naming it.
  await page.getByRole('button', { name: '编辑', exact: true }).click();
  await outlineTree(page).getByText('提升统战干部能力', { exact: true }).click();
  await page.getByRole('textbox', { name: '条目标题' }).fill('');
  await page.getByRole('textbox', { name: '条目正文' }).fill('');
  await page.getByRole('button', { name: '应用修改' }).click();
  await outlineTree(page).getByText('标题和正文都为空').waitFor();
  await page.getByRole('button', { name: '保存修改' }).click();
  const refused = await expectMessage(page, /第 2 条（二）的标题和正文都为空/);
  expect(await refused.innerText()).toContain('请填写内容或删除该条目');
  await page.getByText('该条目的标题和正文都为空，不能保存或发布').waitFor();
  await screenshot(page, 'plans-empty-item-refused');
  await page.getByRole('button', { name: '取消编辑' }).click();
  await page.getByRole('dialog', { name: '取消编辑' }).getByRole('button', { name: '放弃修改' }).click();

  // 牵头单位: chosen from 济南市's units, and a name typed freely is kept as it is.
  const drawer = await openItem(page, '强化政治引领');
  await drawer.getByRole('button', { name: '编辑单位' }).click();
  const lead = drawer.getByTestId('units-lead').getByRole('combobox');
  await lead.click({ force: true });
  await lead.fill('统战部');
  await page.getByRole('option', { name: '中共济南市委统战部' }).filter({ visible: true }).click();
  const cooperating = drawer.getByTestId('units-cooperating').getByRole('combobox');
  await cooperating.click({ force: true });
  await cooperating.fill('市民族宗教局');
  await cooperating.press('Enter');
  // Close the list (a click outside it) before saving.
  await drawer.getByRole('heading', { name: /强化政治引领/ }).click();
  await cooperating.and(page.locator('[aria-expanded="false"]')).waitFor();
  await drawer.getByRole('button', { name: '保存单位' }).click();
  await expectMessage(page, '已保存牵头、配合单位');
  await drawer.getByText('中共济南市委统战部', { exact: true }).waitFor();
  await drawer.getByText('市民族宗教局', { exact: true }).waitFor();
  await screenshot(page, 'plans-item-units');
});
