import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { expectMessage, loginAs, logout, openModule } from './support/fixtures.ts';
import { useLuoshi } from './support/luoshi.ts';

const luoshi = useLuoshi();
const SHOTS = '/tmp/shots';

async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

test('provincial staff read this year’s official arrangement and correct a day of next year; a city’s staff only read it', async () => {
  const page = await luoshi.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await loginAs(page, luoshi.server, 'staff');
  await openModule(page, '节假日安排');
  const thisYear = new Date().getFullYear();
  // This year's arrangement as published, and the count of working days it leaves.
  await page.getByText(`${thisYear} 年共`).waitFor();
  await expect.poll(() => page.locator('.el-table__row').count()).toBeGreaterThan(20);
  await shot(page, 'calendar-desktop');

  // Next year (not yet published when this release shipped: provisional) gets a 调休 Saturday.
  await page.getByRole('combobox', { name: '年份' }).click({ force: true });
  await page.getByRole('option', { name: `${thisYear + 1} 年` }).click();
  const day = `${thisYear + 1}-02-20`;
  await page.getByPlaceholder('选择日期').fill(day);
  await page.keyboard.press('Enter');
  await page.getByText('调休上班', { exact: true }).first().click();
  await page.getByPlaceholder('如：春节').fill('春节');
  await page.getByRole('button', { name: '保存更正' }).click();
  await expectMessage(page, '已保存');
  const row = page.locator('.el-table__row').filter({ hasText: day });
  await expect.poll(() => row.innerText()).toContain('工作人员更正');
  expect(await row.innerText()).toContain('调休上班');

  // On a phone nothing needs scrolling sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(300);
  await shot(page, 'calendar-phone');
  expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);

  // Restore it: the shipped arrangement applies again.
  await page.setViewportSize({ width: 1280, height: 800 });
  await row.getByRole('button', { name: '恢复' }).click();
  await page.getByRole('button', { name: '确定' }).click();
  await expectMessage(page, '已恢复');
  await expect.poll(() => row.count()).toBe(0);
  await logout(page);

  await loginAs(page, luoshi.server, 'jinan_staff');
  await openModule(page, '节假日安排');
  await page.getByText(`${thisYear} 年共`).waitFor();
  expect(await page.getByRole('button', { name: '保存更正' }).count()).toBe(0);
  await page.close();
});
