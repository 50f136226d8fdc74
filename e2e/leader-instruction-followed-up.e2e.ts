import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { pdf } from '../server/modules/attachments/testing/samples.ts';
import { expectMessage, loginAs, logout, openModule } from './support/fixtures.ts';
import { useLuoshi } from './support/luoshi.ts';
import { api, YEAR } from './support/tasks.ts';

// Issue 8 §3: the leader follows a task and writes a 批办 instruction on it; the unit's handler, told in
// the inbox, reports back with a file; the province's staff confirm it carried out; the leader sees the
// follow-up under the instruction on 批示办理 and the events in 我的关注.

const luoshi = useLuoshi();
const SHOTS = '/tmp/shots';
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const TEXT = '请发改委牵头抓紧推进，月底前报送进展。';

async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

// Desktop, then a phone: nothing wider than its screen.
async function shots(page: Page, name: string): Promise<void> {
  await shot(page, `${name}-desktop`);
  await page.setViewportSize(PHONE);
  await page.waitForTimeout(300);
  expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
    PHONE.width,
  );
  await shot(page, `${name}-phone`);
  await page.setViewportSize(DESKTOP);
}

async function signIn(page: Page, username: string): Promise<void> {
  await page.setViewportSize(DESKTOP);
  await loginAs(page, luoshi.server, username);
}

async function openTask(page: Page, id: number): Promise<void> {
  await page.goto(`/tasks/${id}`);
  await page.getByTestId('task-title').waitFor();
}

test('the leader writes a 批办 instruction, the unit reports back, staff confirm it, the leader sees the follow-up', async () => {
  const page = await luoshi.newPage();
  await signIn(page, 'staff');
  const units = await api<{ items: { id: number; name: string }[] }>(
    page,
    'GET',
    `/api/units?q=${encodeURIComponent('山东省发展和改革委员会')}`,
  );
  const unitId = units.items.find((u) => u.name === '山东省发展和改革委员会')!.id;
  const task = await api<{ id: number }>(page, 'POST', '/api/tasks', {
    source: 'leader',
    title: '推进民营企业参与乡村振兴（批示测试）',
    leadUnitId: unitId,
    startDate: `${YEAR}-01-01`,
    dueDate: `${YEAR}-12-31`,
    cycle: 'monthly',
    assign: true,
  });
  await logout(page);

  // The leader follows the task and writes a 批办 instruction on it.
  await signIn(page, 'leader');
  await openTask(page, task.id);
  await page.getByTestId('watch-button').filter({ hasText: '关注' }).click();
  await expectMessage(page, /已关注/);
  await page.getByTestId('watch-button').filter({ hasText: '已关注' }).waitFor();
  await page.getByTestId('instruct').click();
  const dialog = page.getByTestId('instruct-dialog');
  await dialog.getByText('责任单位须反馈落实情况').waitFor();
  await dialog.locator('textarea').fill(TEXT);
  await shot(page, 'instruction-write-desktop');
  await dialog.getByTestId('instruction-save').click();
  await expectMessage(page, '批示已发出');
  const section = page.getByTestId('task-instructions');
  await section.getByTestId('instruction-status').filter({ hasText: '待反馈' }).waitFor();
  await page.getByTestId('task-timeline').getByText('领导批示').first().waitFor();
  await logout(page);

  // The handler: the inbox message opens the task at the instruction; they report back with a file.
  await signIn(page, 'handler');
  await openModule(page, '站内消息');
  await page
    .locator('[data-message-id]')
    .filter({ hasText: '领导批示' })
    .first()
    .getByRole('button')
    .first()
    .click();
  await page.getByTestId('task-title').waitFor();
  expect(page.url()).toContain('instruction=');
  const mine = page.getByTestId('task-instructions').getByTestId('instruction').first();
  await mine.getByTestId('instruction-follow-up').click();
  const form = mine.getByTestId('follow-up-form');
  await form.locator('textarea').fill('已召开专题会议部署，走访企业 12 家。');
  await form.getByTestId('evidence-input').setInputFiles({
    name: '走访名单.pdf',
    mimeType: 'application/pdf',
    buffer: pdf('visits'),
  });
  await form.locator('[data-file="走访名单.pdf"]').waitFor();
  await shots(page, 'instruction-follow-up-form');
  await form.getByTestId('follow-up-submit').click();
  await expectMessage(page, '已反馈落实情况');
  await mine.getByTestId('instruction-status').filter({ hasText: '待确认' }).waitFor();
  await logout(page);

  // Staff of the province confirm it carried out.
  await signIn(page, 'staff');
  await openTask(page, task.id);
  const item = page.getByTestId('task-instructions').getByTestId('instruction').first();
  await item.getByText('已召开专题会议部署').waitFor();
  await item.getByTestId('instruction-confirm').click();
  const prompt = page.getByRole('dialog', { name: '确认落实完毕' });
  await prompt.locator('textarea').fill('落实到位');
  await prompt.getByRole('button', { name: '确定' }).click();
  await expectMessage(page, '已确认落实完毕');
  await item.getByTestId('instruction-status').filter({ hasText: '已落实' }).waitFor();
  await logout(page);

  // The leader sees the follow-up under the instruction, and the events in 我的关注.
  await signIn(page, 'leader');
  await openModule(page, '批示办理');
  await page.getByRole('radio', { name: '已落实' }).click({ force: true });
  await page.getByTestId('mine').click();
  const listed = page.getByTestId('instruction-list').getByTestId('instruction').filter({ hasText: TEXT });
  await listed.getByTestId('instruction-thread').getByText('已召开专题会议部署，走访企业 12 家。').waitFor();
  await listed.getByText('走访名单.pdf').waitFor();
  await listed.getByText('落实到位').waitFor();
  await shots(page, 'instruction-list-done');
  await openModule(page, '我的关注');
  await page.getByTestId('watch-list').getByText('推进民营企业参与乡村振兴（批示测试）').waitFor();
  await page.getByTestId('watch-feed').getByText('确认批示落实完毕').first().waitFor();
  await shots(page, 'watch-list');
  await openTask(page, task.id);
  await page.getByTestId('task-instructions').getByText('落实到位').waitFor();
  await shots(page, 'task-instructions-leader');
});

test('the leader writes a 批办 instruction on a 督办单 from its page, and it shows on its timeline', async () => {
  const page = await luoshi.newPage();
  await signIn(page, 'staff');
  const units = await api<{ items: { id: number; name: string }[] }>(
    page,
    'GET',
    `/api/units?q=${encodeURIComponent('山东省发展和改革委员会')}`,
  );
  const unitId = units.items.find((u) => u.name === '山东省发展和改革委员会')!.id;
  const task = await api<{ id: number }>(page, 'POST', '/api/tasks', {
    source: 'leader',
    title: '推进民营企业参与乡村振兴（督办单批示测试）',
    leadUnitId: unitId,
    startDate: `${YEAR}-01-01`,
    dueDate: `${YEAR}-12-31`,
    cycle: 'none',
    assign: true,
  });
  const notice = await api<{ id: number }>(page, 'POST', `/api/tasks/${task.id}/notices`, {
    level: 'key',
    reason: '进度滞后',
    requirements: '请说明原因并提出整改措施',
  });
  await logout(page);

  await signIn(page, 'leader');
  await page.goto(`/notices/${notice.id}`);
  await page.getByTestId('notice-title').waitFor();
  const section = page.getByTestId('notice-instructions');
  await section.getByTestId('instruct').click();
  const dialog = page.getByTestId('instruct-dialog');
  await dialog.locator('textarea').fill('请限期整改到位。');
  await dialog.getByTestId('instruction-save').click();
  await expectMessage(page, '批示已发出');
  await section.getByTestId('instruction-status').filter({ hasText: '待反馈' }).waitFor();
  await page.getByTestId('notice-timeline').getByText('领导批示').waitFor();
  await page.getByTestId('notice-timeline').getByText('批示：请限期整改到位。').waitFor();
  await shots(page, 'notice-instructions-leader');

  // The leader follows the notice (关注): it is in 我的关注 with its steps in the feed.
  await page.getByTestId('watch-button').filter({ hasText: '关注' }).click();
  await expectMessage(page, /已关注/);
  await page.getByTestId('watch-button').filter({ hasText: '已关注' }).waitFor();
  await openModule(page, '我的关注');
  await page
    .getByTestId('watch-list')
    .getByText('推进民营企业参与乡村振兴（督办单批示测试）（重点督办单）')
    .waitFor();
  await page.getByTestId('watch-feed').getByText('下发督办单').first().waitFor();
  await shots(page, 'watch-list-notice');
});

test('the leader writes a 批示 on a submitted progress report from the task page’s report panel', async () => {
  const page = await luoshi.newPage();
  await signIn(page, 'staff');
  const units = await api<{ items: { id: number; name: string }[] }>(
    page,
    'GET',
    `/api/units?q=${encodeURIComponent('山东省发展和改革委员会')}`,
  );
  const unitId = units.items.find((u) => u.name === '山东省发展和改革委员会')!.id;
  const title = '推进民营企业参与乡村振兴（报告批示测试）';
  const task = await api<{ id: number }>(page, 'POST', '/api/tasks', {
    source: 'leader',
    title,
    leadUnitId: unitId,
    startDate: `${YEAR}-01-01`,
    dueDate: `${YEAR}-12-31`,
    cycle: 'monthly',
    assign: true,
  });
  await logout(page);

  // The handler signs the task and submits its first report (through the API: the form has its own spec).
  await signIn(page, 'handler');
  const fresh = await api<{ version: number }>(page, 'GET', `/api/tasks/${task.id}`);
  await api(page, 'POST', `/api/tasks/${task.id}/sign`, {}, { 'If-Match': `"${fresh.version}"` });
  const periods = await api<{ periodKey: string }[]>(page, 'GET', `/api/tasks/${task.id}/reports`);
  const period = periods[0]!.periodKey;
  const draft = await api<{ version: number }>(page, 'GET', `/api/tasks/${task.id}/reports/${period}/draft`);
  await api(
    page,
    'POST',
    `/api/tasks/${task.id}/reports/${period}/submit`,
    { percent: 30, narrative: '已走访企业 8 家。' },
    { 'If-Match': `"${draft.version}"` },
  );
  await logout(page);

  // The leader opens the report on the task page and writes a 批示 on it from the panel.
  await signIn(page, 'leader');
  await page.goto(`/tasks/${task.id}?report=${encodeURIComponent(period)}`);
  await page.getByTestId('task-title').waitFor();
  const panel = page.getByTestId('task-reports');
  await panel.getByTestId('report-status').filter({ hasText: '待审核' }).waitFor();
  await panel.getByTestId('instruct-report').click();
  const dialog = page.getByTestId('instruct-dialog');
  await dialog.getByText('进度报告').first().waitFor();
  await dialog.locator('textarea').fill('进展较慢，请加大走访力度。');
  await dialog.getByTestId('instruction-save').click();
  await expectMessage(page, '批示已发出');
  // The task's 领导批示 section lists it (on the report), with the follow-up to come.
  const section = page.getByTestId('task-instructions');
  await section.getByText('进展较慢，请加大走访力度。').waitFor();
  await section.getByTestId('instruction-status').filter({ hasText: '待反馈' }).first().waitFor();
  await shots(page, 'report-instruction-leader');
  await logout(page);

  // Staff without the right to instruct see no 写批示 on the report.
  await signIn(page, 'staff');
  await page.goto(`/tasks/${task.id}?report=${encodeURIComponent(period)}`);
  await page.getByTestId('task-reports').getByTestId('report-status').waitFor();
  expect(await page.getByTestId('instruct-report').count()).toBe(0);

  // Staff who issued a 督办单 by mistake withdraw it (撤回) before the unit signs, with a reason.
  const notice = await api<{ id: number }>(page, 'POST', `/api/tasks/${task.id}/notices`, {
    level: 'general',
    reason: '误发',
    requirements: '请反馈',
  });
  await page.goto(`/notices/${notice.id}`);
  await page.getByTestId('notice-title').waitFor();
  await page.getByTestId('notice-withdraw').click();
  const prompt = page.getByRole('dialog', { name: '撤回督办单' });
  await prompt.locator('textarea').fill('督办对象有误，重新下发');
  await prompt.getByRole('button', { name: '确定' }).click();
  await expectMessage(page, '督办单已撤回');
  await page.getByTestId('notice-status').filter({ hasText: '已撤回' }).waitFor();
  await page.getByTestId('notice-withdraw-reason').getByText('督办对象有误，重新下发').waitFor();
  await page.getByTestId('notice-timeline').getByText('撤回原因：督办对象有误，重新下发').waitFor();
  expect(await page.getByTestId('notice-withdraw').count()).toBe(0);
  await shots(page, 'notice-withdrawn');
});
