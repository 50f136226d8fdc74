import { expect, test } from 'vitest';
import { loginAs, screenshot } from './support/fixtures.ts';
import { openPlans } from './support/plans.ts';
import { useLuoshi } from './support/luoshi.ts';

const luoshi = useLuoshi();

// The search box takes what its schema takes (q: at most 100 characters, from the generated limits), and
// a refusal from the server is said in Chinese under the box itself.
test('the search box refuses a 101st character, and a refused search shows the Chinese message on the box', async () => {
  const page = await luoshi.newPage();
  await loginAs(page, luoshi.server, 'staff');
  await openPlans(page);

  const box = page.getByRole('textbox', { name: '全文检索' });
  expect(await box.getAttribute('maxlength')).toBe('100');
  await box.pressSequentially('统'.repeat(101));
  expect(await box.inputValue()).toHaveLength(100);

  // A client without the limit (an older page, a script): the server refuses 101 characters and the
  // page shows its field message, not English and not only a toast.
  await page.route('**/api/plans/search?*', (route) => {
    const url = new URL(route.request().url());
    url.searchParams.set('q', '统'.repeat(101));
    return route.continue({ url: url.toString() });
  });
  await page.getByRole('button', { name: '检索' }).click();
  const error = page.locator('.el-form-item__error');
  await error.waitFor();
  const text = await error.innerText();
  expect(text).toMatch(/^查询条件.*100/);
  expect(text).not.toMatch(/Too big|expected/);
  await screenshot(page, 'search-too-long');
});
