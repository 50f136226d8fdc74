import { expect, test } from 'vitest';
import { expectMessage, heading, loginAs, screenshot } from './support/fixtures.ts';
import { openPlans } from './support/plans.ts';
import { useLuoshi } from './support/luoshi.ts';

const luoshi = useLuoshi();

test('staff add a keyword → unit row to the map the parser uses to suggest lead units', async () => {
  const page = await luoshi.newPage();
  await loginAs(page, luoshi.server, 'staff');
  await openPlans(page);
  await page.getByRole('button', { name: '单位关键词' }).click();
  await heading(page, '单位关键词').waitFor();
  // Nothing saved yet: the province uses the built-in map, and saving makes it the province's own.
  await page.getByText('山东省尚未设置自己的对照表，目前沿用系统内置的对照表').waitFor();

  await page.getByRole('button', { name: '新增一行' }).click();
  await page.getByRole('textbox', { name: '关键词' }).last().fill('干部培训');
  await page.getByRole('textbox', { name: '单位' }).last().fill('干部处');
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await expectMessage(page, '已保存');

  // Saved: still there after a reload, as the province's own map.
  await page.reload();
  await heading(page, '单位关键词').waitFor();
  await page.getByText('本表为山东省的对照表').waitFor();
  await page.getByPlaceholder('筛选关键词或单位').fill('干部培训');
  const rows = page.getByRole('textbox', { name: '单位' });
  await rows.first().waitFor();
  const values = await Promise.all((await rows.all()).map((row) => row.inputValue()));
  expect(values).toContain('干部处');
  await screenshot(page, 'plans-unit-keywords');
});
