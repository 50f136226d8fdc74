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

test('sysadmin creates a unit and a user in it; the new user must change the one-time password', async () => {
  const page = await luoshi.newPage();
  expect(await loginAs(page, luoshi.server, 'sysadmin')).toEqual(['enrol-totp', 'change-password']);

  // 单位 → 新建单位
  await openModule(page, '单位');
  await page.getByRole('button', { name: '新建单位' }).first().click();
  const unitDialog = page.getByRole('dialog', { name: '新建单位' });
  await field(unitDialog, '单位名称').fill('济南市新阶层人士联谊会');
  await choose(unitDialog, '所属行政区划', '济南市（市）', '济南');
  await choose(unitDialog, '单位类型', '其他');
  await unitDialog.getByRole('button', { name: '保存' }).click();
  await expectMessage(page, '单位已新建');
  await page
    .getByRole('row')
    .filter({ hasText: '济南市新阶层人士联谊会' })
    .filter({ hasText: '济南市' })
    .waitFor();

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
  await page
    .getByRole('row')
    .filter({ hasText: 'wangfang' })
    .filter({ hasText: '济南市新阶层人士联谊会' })
    .waitFor();
  await logout(page);

  // The new user signs in and is sent to the forced password change first.
  await submitCredentials(page, 'wangfang', initialPassword);
  await heading(page, '修改密码').waitFor();
  await page.getByText('您正在使用初始密码或密码已过期').waitFor();
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
