import { expect, test } from 'vitest';
import { heading, loginAs, logout, openModule, screenshot, submitCredentials } from './support/fixtures.ts';
import { useLuoshi } from './support/luoshi.ts';

const luoshi = useLuoshi();

test('a user whose password sysadmin reset is told when and by whom at the next sign-in', async () => {
  const page = await luoshi.newPage();
  await loginAs(page, luoshi.server, 'sysadmin');
  await openModule(page, '用户');
  await page
    .getByRole('row')
    .filter({ hasText: 'handler' })
    .getByRole('button', { name: '重置密码' })
    .click();
  await page.getByRole('dialog').getByRole('button', { name: '重置', exact: true }).click();
  const shown = page.getByRole('dialog', { name: '密码已重置' });
  const oneTime = (await shown.getByTestId('initial-password').innerText()).trim();
  await shown.getByRole('button', { name: '我已记下' }).click();
  await logout(page);

  await submitCredentials(page, 'handler', oneTime);
  await heading(page, '修改密码').waitFor();
  const notice = page.getByTestId('password-reset-notice');
  await notice.waitFor();
  const text = await notice.innerText();
  expect(text).toMatch(/您的密码已于 .+ 由 .*（sysadmin） 重置/);
  expect(text).toContain('如果您没有申请重置密码，请立即联系安全管理员');

  await screenshot(page, 'user-told-of-password-reset');
});
