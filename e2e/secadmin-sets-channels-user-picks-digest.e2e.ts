import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { expectMessage, loginAs, logout, openModule, screenshot } from './support/fixtures.ts';
import { useLuoshi } from './support/luoshi.ts';
import { api } from './support/tasks.ts';

// 通知渠道: the security administrator points a JSON webhook at a receiver (here a local HTTP server) and
// limits it to 催报提醒; a reminder from the not-reported board reaches it. A handler chooses 每日汇总 for
// 催报提醒 in 个人设置 and finds the choice kept.
const luoshi = useLuoshi();
const hits: { body: string }[] = [];
let receiver: http.Server;
let receiverUrl = '';

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      hits.push({ body });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

test('the security administrator adds a webhook for reminders; a reminder reaches it', async () => {
  const page = await luoshi.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await loginAs(page, luoshi.server, 'secadmin');
  await openModule(page, '通知渠道');
  await page.getByTestId('email-settings').waitFor();
  await page.getByRole('tab', { name: '机器人 Webhook' }).click();
  await page.getByText('尚未设置 Webhook').waitFor();
  await page.getByTestId('webhook-add').click();
  const form = page.getByTestId('webhook-form');
  await form.getByPlaceholder('如 统战部工作群').fill('催报测试接收端');
  await form.getByText('通用 JSON', { exact: true }).click();
  await form.getByPlaceholder('机器人的 Webhook 地址，以 http 或 https 开头').fill(receiverUrl);
  // A multiple select: it stays open after a pick.
  await form.getByRole('combobox', { name: '消息类型' }).click({ force: true });
  await page.getByRole('option', { name: '催报提醒', exact: true }).filter({ visible: true }).click();
  await page.keyboard.press('Escape');
  await page.getByTestId('webhook-save').click();
  await expectMessage(page, 'Webhook 已添加');
  const row = page.getByTestId('webhooks').locator('.el-table__row').filter({ hasText: '催报测试接收端' });
  await expect.poll(() => row.innerText()).toContain('催报提醒');
  expect(await row.innerText()).toContain('通用 JSON');
  await screenshot(page, 'channels-webhooks');
  await page.getByRole('tab', { name: '发送失败' }).click();
  await page.getByText('没有发送失败的通知').waitFor();
  await logout(page);

  // Provincial staff remind the units that have not reported: the webhook receives the reminder.
  await loginAs(page, luoshi.server, 'staff');
  const result = await api<{ units: number }>(page, 'POST', '/api/reports/missing/remind', {});
  expect(result.units).toBeGreaterThan(0);
  await expect.poll(() => hits.length, { timeout: 20_000 }).toBeGreaterThan(0);
  expect(JSON.parse(hits[0]!.body)).toMatchObject({ kind: 'report.reminder', kindLabel: '催报提醒' });
  await page.close();
});

test('a handler chooses a daily digest for reminders and finds the choice kept', async () => {
  const page = await luoshi.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await loginAs(page, luoshi.server, 'handler');
  await openModule(page, '个人设置');
  await page.setViewportSize({ width: 390, height: 844 });
  const settings = page.getByTestId('notification-settings');
  await settings.locator('[data-kind="report.reminder"]').getByText('每日汇总').click();
  await settings.getByRole('button', { name: '保存' }).click();
  await expectMessage(page, '通知设置已保存');
  await screenshot(page, 'profile-notification-settings-phone');
  expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
  await page.reload();
  const chosen = page
    .getByTestId('notification-settings')
    .locator('[data-kind="report.reminder"] .el-radio-button.is-active');
  await expect.poll(() => chosen.innerText()).toBe('每日汇总');
  await page.close();
});
