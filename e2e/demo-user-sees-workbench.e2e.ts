import { expect, test } from 'vitest';
import { heading, loginAs, mainNav, screenshot } from './support/fixtures.ts';
import { useLuoshi } from './support/luoshi.ts';

const luoshi = useLuoshi();

test('a demo staff member signs in and sees the 工作台 with their name, unit and region', async () => {
  const page = await luoshi.newPage();

  const asked = await loginAs(page, luoshi.server, 'staff');

  // The printed demo password is one-time: the first sign-in asks for a new one, and nothing else.
  expect(asked).toEqual(['change-password']);
  await heading(page, '您好，李明').waitFor();
  expect(await page.title()).toBe('工作台 · 落实');
  const profile = page.getByRole('row').filter({ hasText: '单位' }).first();
  expect(await profile.getByRole('cell').allInnerTexts()).toEqual(
    expect.arrayContaining(['单位', '办公室', '行政区划', '山东省', '角色', '统战部工作人员']),
  );

  // The navigation lists only what a 统战部工作人员 may open.
  const nav = mainNav(page);
  const items = (await nav.getByRole('menuitem').allInnerTexts()).map((t) => t.trim());
  expect(items).toEqual(expect.arrayContaining(['工作台', '个人设置']));
  for (const forbidden of ['审计日志', '安全设置', '用户']) expect(items).not.toContain(forbidden);

  await screenshot(page, 'demo-user-sees-workbench');
});
