import { expect, test } from 'vitest';
import {
  changePassword,
  choose,
  expectMessage,
  field,
  heading,
  loginAs,
  logout,
  openModule,
  screenshot,
  submitCredentials,
} from './support/fixtures.ts';
import { useLuoshi } from './support/luoshi.ts';

const luoshi = useLuoshi();

test('sysadmin creates a unit and a user in it, secadmin grants a role; the new user must change the one-time password', async () => {
  const page = await luoshi.newPage();
  expect(await loginAs(page, luoshi.server, 'sysadmin')).toEqual(['enrol-totp', 'change-password']);

  // 单位 → 新建单位
  await openModule(page, '单位');
  await page.getByRole('button', { name: '新建单位' }).first().click();
  const unitDialog = page.getByRole('dialog', { name: '新建单位' });
  await field(unitDialog, '单位名称').fill('济南市新阶层人士联谊会');
  await choose(unitDialog, '所属行政区划', '济南市（市）', '济南');
  await choose(unitDialog, '单位类型', '其他');
  // 简称: what plans and 任务分解表 call the unit, so their names match it.
  const aliases = unitDialog.getByTestId('unit-aliases').getByRole('combobox');
  await aliases.click({ force: true });
  await aliases.pressSequentially('济南新联会');
  await page.getByRole('option', { name: '济南新联会', exact: true }).filter({ visible: true }).click();
  await unitDialog.getByTestId('unit-aliases').locator('.el-tag').getByText('济南新联会').waitFor();
  await unitDialog.getByRole('button', { name: '保存' }).click();
  await expectMessage(page, '单位已新建');
  await page
    .getByRole('row')
    .filter({ hasText: '济南市新阶层人士联谊会' })
    .filter({ hasText: '济南市' })
    .waitFor();
  const saved = await page.request.get(`/api/units?q=${encodeURIComponent('济南市新阶层人士联谊会')}`);
  expect(((await saved.json()) as { items: { aliases: string[] }[] }).items[0]?.aliases).toEqual([
    '济南新联会',
  ]);

  // A second unit of the same name at the same place is refused on the name field; the dialog stays open.
  await page.getByRole('button', { name: '新建单位' }).first().click();
  const twinDialog = page.getByRole('dialog', { name: '新建单位' });
  await field(twinDialog, '单位名称').fill('济南市新阶层人士联谊会');
  await choose(twinDialog, '所属行政区划', '济南市（市）', '济南');
  await choose(twinDialog, '单位类型', '其他');
  await twinDialog.getByRole('button', { name: '保存' }).click();
  await twinDialog.getByText('该行政区划的顶级单位中已有名为“济南市新阶层人士联谊会”的单位').waitFor();
  await twinDialog.getByRole('button', { name: '取消' }).click();
  await twinDialog.waitFor({ state: 'hidden' });
  expect(await page.getByRole('row').filter({ hasText: '济南市新阶层人士联谊会' }).count()).toBe(1);

  // 用户 → 新建用户, in that unit
  await openModule(page, '用户');
  await page.getByRole('button', { name: '新建用户' }).click();
  const userDialog = page.getByRole('dialog', { name: '新建用户' });
  await field(userDialog, '用户名').fill('wangfang');
  await field(userDialog, '姓名').fill('王芳');
  await choose(userDialog, '所属单位', '济南市新阶层人士联谊会 济南市', '新阶层');
  await choose(userDialog, '行政区划', '济南市（市）', '济南');
  await userDialog.getByRole('button', { name: '保存' }).click();

  // The one-time password is shown once, in a dialog.
  const created = page.getByRole('dialog', { name: '用户已创建' });
  await created.getByText('初始密码只显示这一次').waitFor();
  const initialPassword = (await created.getByTestId('initial-password').innerText()).trim();
  expect(initialPassword.length).toBeGreaterThanOrEqual(10);
  luoshi.server.passwords.wangfang = initialPassword;
  await created.getByRole('button', { name: '我已记下' }).click();
  const wangfangRow = page.getByRole('row').filter({ hasText: 'wangfang' });
  await wangfangRow.filter({ hasText: '济南市新阶层人士联谊会' }).waitFor();

  // 重置密码 and 停用 are offered where the server does them: not on 三员 accounts (reset only on the
  // console; the watchers and oneself are never disabled on the page).
  await wangfangRow.getByRole('button', { name: '重置密码' }).waitFor();
  await wangfangRow.getByRole('button', { name: '停用' }).waitFor();
  for (const admin of ['sysadmin', 'secadmin', 'auditor']) {
    const row = page.getByRole('row').filter({ has: page.getByRole('cell', { name: admin, exact: true }) });
    await row.getByRole('button', { name: '编辑' }).waitFor();
    expect(await row.getByRole('button', { name: '重置密码' }).count(), admin).toBe(0);
    expect(await row.getByRole('button', { name: '停用' }).count(), admin).toBe(0);
  }
  await logout(page);

  // The security administrator raises the minimum length, then grants wangfang a role: saving none is
  // refused (an account without a role could sign in and do nothing).
  await loginAs(page, luoshi.server, 'secadmin');
  await openModule(page, '安全设置');
  await page.getByRole('spinbutton', { name: '密码最小长度' }).fill('12');
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await expectMessage(page, '安全设置已保存');
  await openModule(page, '用户');
  await page
    .getByRole('row')
    .filter({ hasText: 'wangfang' })
    .getByRole('button', { name: '分配角色' })
    .click();
  const rolesDialog = page.getByRole('dialog', { name: '分配角色：王芳' });
  await rolesDialog.getByRole('button', { name: '保存' }).click();
  await expectMessage(page, '请至少选择一个角色；不再使用的账户请由系统管理员停用');
  // Element Plus hides the native box under its own drawing; a person clicks the label.
  await rolesDialog.getByText('统战部工作人员', { exact: true }).click();
  expect(await rolesDialog.getByRole('checkbox', { name: '统战部工作人员' }).isChecked()).toBe(true);
  await rolesDialog.getByRole('button', { name: '保存' }).click();
  await expectMessage(page, '角色已更新');
  await logout(page);

  // The new user signs in and is sent to the forced password change first.
  await submitCredentials(page, 'wangfang', initialPassword);
  await heading(page, '修改密码').waitFor();
  await page.getByText('您正在使用初始密码或密码已过期').waitFor();
  // The form lists the policy the security administrator set, not a copy of its own.
  await page.getByTestId('password-rules').getByText('长度至少 12 个字符').waitFor();
  await field(page, '新密码').fill('Xinjie#2026');
  await field(page, '确认新密码').click();
  await page.getByText('新密码长度至少 12 个字符').waitFor();
  await changePassword(page, luoshi.server, 'wangfang', 'Xinjieceng#2026');

  await heading(page, '您好，王芳').waitFor();
  expect(await page.title()).toBe('工作台 · 落实');
  await page.getByRole('cell', { name: '济南市新阶层人士联谊会', exact: true }).waitFor();
  await page.getByRole('cell', { name: '济南市', exact: true }).waitFor();

  // The old one-time password no longer works; the new one does.
  await logout(page);
  await submitCredentials(page, 'wangfang', initialPassword);
  await expectMessage(page, '用户名或密码错误');
  expect(await loginAs(page, luoshi.server, 'wangfang')).toEqual([]);
  await heading(page, '您好，王芳').waitFor();

  await screenshot(page, 'sysadmin-creates-unit-and-user');
});
