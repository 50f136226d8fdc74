import fs from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { expectMessage, loginAs, logout } from './support/fixtures.ts';
import { useLuoshi } from './support/luoshi.ts';
import { api } from './support/tasks.ts';

// Issue 8 §1, a 重点 督办单 end to end: province staff issue it from the task page (the response date
// pre-filled 5 working days ahead), the lead unit's handler signs and responds with measures and a fix
// date, staff accept, the unit reports it fixed, staff close it with a rating. The notice page is looked
// at on a desktop and on a phone.

// Wednesday 2 December 2026: 5 working days on is Wednesday 9 December.
const T0 = '2026-12-02T09:00:00+08:00';
const luoshi = useLuoshi({ LUOSHI_NOW: T0 });
const SHOTS = '/tmp/shots';
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const TITLE = '推动民营企业参与乡村振兴（督办测试）';

async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

async function signIn(page: Page, username: string, viewport = DESKTOP): Promise<void> {
  await page.setViewportSize(DESKTOP);
  await loginAs(page, luoshi.server, username);
  await page.setViewportSize(viewport);
}

async function signOut(page: Page): Promise<void> {
  await page.setViewportSize(DESKTOP);
  await logout(page);
}

async function typeDate(scope: Locator, label: string, date: string): Promise<void> {
  const input = scope.locator('.el-form-item').filter({ hasText: label }).locator('input').first();
  await input.click();
  await input.fill(date);
  await input.press('Enter');
  expect(await input.inputValue()).toBe(date);
}

async function openNotice(page: Page, url: string, status: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('notice-status').filter({ hasText: status }).waitFor();
}

function actions(page: Page): Locator {
  return page.getByTestId('notice-actions');
}

test('staff issue a 重点 notice from the task page; the unit signs and responds; staff accept; the unit reports it fixed; staff close it with a rating', async () => {
  const page = await luoshi.newPage();
  try {
    await noticeLoop(page);
  } catch (error) {
    await shot(page, 'notice-failure').catch(() => undefined);
    throw error;
  }
}, 300_000);

async function noticeLoop(page: Page): Promise<void> {
  await page.context().clock.install({ time: new Date(T0) });

  // Province staff: a task assigned to 山东省发展和改革委员会 (through the API), then its page.
  await signIn(page, 'staff');
  const units = await api<{ items: { id: number; name: string }[] }>(
    page,
    'GET',
    `/api/units?q=${encodeURIComponent('山东省发展和改革委员会')}`,
  );
  const leadUnitId = units.items.find((u) => u.name === '山东省发展和改革委员会')!.id;
  const task = await api<{ id: number }>(
    page,
    'POST',
    '/api/tasks',
    {
      source: 'leader',
      title: TITLE,
      startDate: '2026-11-01',
      dueDate: '2026-12-31',
      leadUnitId,
      assign: true,
    },
    { 'Idempotency-Key': crypto.randomUUID() },
  );
  await page.goto(`/tasks/${task.id}`);
  const section = page.getByTestId('task-notices');
  await section.getByRole('button', { name: '下发督办单' }).click();
  const form = page.getByRole('dialog', { name: '下发督办单' });
  await form.waitFor();
  await form.getByRole('radio', { name: '重点' }).check({ force: true });
  const due = form.locator('.el-form-item').filter({ hasText: '反馈期限' }).locator('input').first();
  await expect.poll(() => due.inputValue()).toBe('2026-12-09');
  await form.getByText('默认为 5 个工作日后（2026-12-09）').waitFor();
  await form
    .locator('.el-form-item')
    .filter({ hasText: '督办事由' })
    .locator('textarea')
    .fill('连续两期进度滞后');
  await form
    .locator('.el-form-item')
    .filter({ hasText: '督办要求' })
    .locator('textarea')
    .fill('请于期限内反馈整改措施和整改时限');
  await form.getByRole('button', { name: '下发' }).click();
  await expectMessage(page, '督办单已下发');
  await page.getByTestId('notice-status').filter({ hasText: '待签收' }).waitFor();
  await page.getByTestId('notice-level').filter({ hasText: '重点' }).waitFor();
  const noticeUrl = page.url();
  expect(noticeUrl).toMatch(/\/notices\/\d+$/);
  await signOut(page);

  // The handler: the inbox names it; signs, then responds with measures and a fix date.
  await signIn(page, 'handler');
  await page.goto('/inbox');
  await page.getByText('督办单已下发给山东省发展和改革委员会，请签收').first().waitFor();
  await openNotice(page, noticeUrl, '待签收');
  await actions(page).getByRole('button', { name: '签收' }).click();
  await expectMessage(page, '已签收');
  await actions(page).getByRole('button', { name: '反馈整改措施' }).click();
  const respond = page.getByRole('dialog', { name: '反馈整改措施' });
  await respond.locator('textarea').fill('成立工作专班，每周调度一次');
  await typeDate(respond, '整改时限', '2026-12-18');
  await respond.getByRole('button', { name: '提交' }).click();
  await expectMessage(page, '已反馈');
  await page.getByTestId('notice-status').filter({ hasText: '反馈待审核' }).waitFor();
  await signOut(page);

  // Staff accept the measures.
  await signIn(page, 'staff');
  await openNotice(page, noticeUrl, '反馈待审核');
  await page.getByTestId('notice-measures').filter({ hasText: '成立工作专班' }).waitFor();
  await actions(page).getByRole('button', { name: '审核通过' }).click();
  await expectMessage(page, '已审核通过');
  await page.getByTestId('notice-status').filter({ hasText: '整改中' }).waitFor();
  await signOut(page);

  // The handler, on a phone: reports it fixed.
  await signIn(page, 'handler', PHONE);
  await openNotice(page, noticeUrl, '整改中');
  await shot(page, 'notice-phone-rectifying');
  await actions(page).getByRole('button', { name: '报告整改完成' }).click();
  const done = page.getByRole('dialog', { name: '报告整改完成' });
  await done.locator('textarea').fill('专班已完成调度，进度已追上');
  await done.getByRole('button', { name: '提交' }).click();
  await expectMessage(page, '已报告整改完成');
  await page.getByTestId('notice-status').filter({ hasText: '整改完成待审核' }).waitFor();
  const width = await page.evaluate<number>('document.documentElement.scrollWidth');
  expect(width).toBeLessThanOrEqual(PHONE.width);
  await signOut(page);

  // Staff close it with a rating; the task page lists it, closed.
  await signIn(page, 'staff');
  await openNotice(page, noticeUrl, '整改完成待审核');
  await actions(page).getByRole('button', { name: '办结并评价' }).click();
  const close = page.getByRole('dialog', { name: '办结并评价' });
  await close.getByRole('radio', { name: '较好' }).check({ force: true });
  await close.getByRole('button', { name: '办结' }).click();
  await expectMessage(page, '督办单已办结');
  await close.waitFor({ state: 'hidden' });
  await page.getByTestId('notice-status').filter({ hasText: '已办结' }).waitFor();
  await page.getByTestId('notice-rating').filter({ hasText: '较好' }).waitFor();
  const timeline = page.getByTestId('notice-timeline');
  for (const label of ['下发督办单', '签收', '反馈整改措施', '反馈审核通过', '报告整改完成', '办结'])
    await timeline.getByText(label, { exact: true }).first().waitFor();
  await shot(page, 'notice-desktop-closed');
  await page.goto(`/tasks/${task.id}`);
  await page.getByTestId('task-notices').getByText('已办结').waitFor();
  await page.getByTestId('task-timeline').getByText('督办单办结').waitFor();
  await page.getByTestId('task-notices').scrollIntoViewIfNeeded();
  await shot(page, 'notice-task-section');
  // The list: closed notices are not among the open ones, and are under 已办结.
  await page.goto('/notices?status=closed');
  await page.getByTestId('notice-filters').waitFor();
  await page.locator('[data-notice]').filter({ hasText: TITLE }).waitFor();
  await shot(page, 'notice-list-desktop');
  await page.setViewportSize(PHONE);
  await page.goto(noticeUrl);
  await page.getByTestId('notice-status').filter({ hasText: '已办结' }).waitFor();
  await shot(page, 'notice-phone-closed');
}
