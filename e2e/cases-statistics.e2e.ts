import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { loginAs } from './support/fixtures.ts';
import { useLuoshi } from './support/luoshi.ts';

// 事项统计 (issue 9 §2, §4, §7): staff open the statistics from a type's list and see this year's figures
// of the demo cases; the .xlsx downloads; the page is looked at on a desktop and a phone (390 px), where
// nothing needs scrolling sideways.
const luoshi = useLuoshi();
const SHOTS = '/tmp/shots';

async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

const tile = (page: Page, label: string) =>
  page
    .getByTestId('case-stats-totals')
    .locator('.tile')
    .filter({ hasText: new RegExp(`^\\S+${label}$`) });

test('staff open a type’s statistics from its list, see the figures and download the .xlsx', async () => {
  const page = await luoshi.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  await loginAs(page, luoshi.server, 'staff');

  for (const [type, label] of [
    ['appeal', '政企沟通'],
    ['proposal', '议政建言'],
  ] as const) {
    await page.goto(`/cases/${type}`);
    await page.getByTestId('case-list-title').filter({ hasText: label }).waitFor();
    await page.getByTestId('case-stats-link').click();
    await page.waitForURL(new RegExp(`/cases/${type}/statistics$`));
    await page.getByRole('heading', { name: `${label}统计` }).waitFor();
    await page.getByTestId('case-stats-totals').waitFor();
    // The demo workspace has cases of this type this year: the page shows the server's own figures.
    const year = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(
      new Date(),
    );
    const stats = (await (
      await page.request.get(`/api/cases/statistics?type=${type}&year=${year}`)
    ).json()) as { totals: { submitted: number; accepted: number } };
    expect(stats.totals.submitted).toBeGreaterThan(0);
    expect((await tile(page, '提交').innerText()).replace(/\s+/g, '')).toBe(`${stats.totals.submitted}提交`);
    expect((await tile(page, '立案').innerText()).replace(/\s+/g, '')).toBe(`${stats.totals.accepted}立案`);
    await shot(page, `case-stats-${type}-desktop`);
  }

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '导出 Excel' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  const bytes = fs.readFileSync(await download.path());
  expect(bytes.subarray(0, 2).toString()).toBe('PK');
  expect(bytes.length).toBeGreaterThan(1000);

  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await page.getByTestId('case-stats-totals').waitFor();
  await page.waitForTimeout(300);
  await shot(page, 'case-stats-proposal-phone');
  expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
  await page.close();
});
