import { test } from 'vitest';
import { expectMessage, loginAs, openModule } from './support/fixtures.ts';
import { useLuoshi } from './support/luoshi.ts';

const luoshi = useLuoshi();

// Issue 8 §2: a unit's 负责人 (told at the second step of escalation) is chosen on the unit form among the
// unit's active users.
test('sysadmin changes the head of a unit on the unit form', async () => {
  const page = await luoshi.newPage();
  await loginAs(page, luoshi.server, 'sysadmin');
  await openModule(page, '单位');
  await page.getByPlaceholder('单位名称').fill('山东省发展和改革委员会');
  await page.getByRole('button', { name: '查询' }).click();
  const row = page.getByRole('row').filter({ hasText: '山东省发展和改革委员会' }).first();
  // The demo names 刘强 its head.
  await row.getByText('刘强').waitFor();
  await row.getByRole('button', { name: '编辑' }).click();
  const dialog = page.getByRole('dialog', { name: '编辑单位' });
  await dialog.getByTestId('unit-head').click();
  await page.getByRole('option', { name: '张华（handler）' }).filter({ visible: true }).click();
  await dialog.getByRole('button', { name: '保存' }).click();
  await expectMessage(page, '单位已保存');
  await row.getByText('张华').waitFor();
  await page.screenshot({ path: '/tmp/shots/unit-head-changed.png', fullPage: true });
});
