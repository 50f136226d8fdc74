import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { expectMessage, heading, loginAs, openModule } from './support/fixtures.ts';
import { useLuoshi } from './support/luoshi.ts';

// 督办通报 (issue 8 §6): staff generate the monthly bulletin from the record, edit a section, issue it and
// download the .docx; desktop and phone screenshots.
const luoshi = useLuoshi();
const SHOTS = '/tmp/shots';

async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

test('staff generate the monthly bulletin, edit it, issue it and download the .docx', async () => {
  const page = await luoshi.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  await loginAs(page, luoshi.server, 'staff');
  await openModule(page, '督办通报');
  await heading(page, '督办通报').waitFor();
  await shot(page, 'bulletins-list-desktop');

  // 月度 is chosen, with the latest month whose reports have fallen due.
  await page.getByTestId('generate-bulletin').click();
  await page.waitForURL(/\/bulletins\/\d+$/);
  const overview = page.getByTestId('section-overview');
  await overview.waitFor();
  expect(await overview.inputValue()).toMatch(/共有交办任务\d+项/);
  await page.locator('[data-section="red"]').waitFor();

  const practices = page.getByTestId('section-practices');
  await practices.fill('济南市建立“周调度、月通报”机制，红灯任务当周清零。');
  await page.getByTestId('save-bulletin').click();
  await expectMessage(page, '已保存');
  await shot(page, 'bulletin-draft-desktop');

  await page.getByTestId('issue-bulletin').click();
  await page.getByRole('button', { name: '印发', exact: true }).last().click();
  await expectMessage(page, '已印发');
  await page.getByTestId('send-bulletin').waitFor();
  expect(await page.getByText('济南市建立“周调度、月通报”机制，红灯任务当周清零。').count()).toBe(1);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('download-bulletin').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/通报\.docx$/);
  const file = await download.path();
  const bytes = fs.readFileSync(file);
  expect(bytes.subarray(0, 2).toString()).toBe('PK');
  // Kept beside the screenshots, to be converted to PDF and looked at (docs/decisions/bulletins.md).
  fs.copyFileSync(file, `${SHOTS}/bulletin.docx`);

  await page.getByTestId('send-bulletin').click();
  await expectMessage(page, /已发送到 \d+ 个单位/);
  await shot(page, 'bulletin-issued-desktop');

  // On a phone nothing needs scrolling sideways (the tables scroll inside their own box).
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(300);
  await shot(page, 'bulletin-issued-phone');
  expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
  await page.goto('/bulletins');
  await page.getByTestId('bulletin-list').waitFor();
  await shot(page, 'bulletins-list-phone');
  await page.close();
});
