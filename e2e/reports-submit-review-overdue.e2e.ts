import fs from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { pdf } from '../server/modules/attachments/testing/samples.ts';
import { choose, expectMessage, field, heading, loginAs, logout, mainNav } from './support/fixtures.ts';
import { openItem, openPlan } from './support/plans.ts';
import { useLuoshi } from './support/luoshi.ts';

// Issue 7 §10, the report loop: a task from the plan assigned to 济南市, decomposed for 历下区, whose staff
// sign it and report from a phone with an evidence file; 济南市 returns the report, 历下区 fixes it, 济南市
// accepts it and the parent's progress moves. Then time passes the due date (the server restarts with a
// later LUOSHI_NOW, docs/decisions/clock-start-outside-production.md): the daily job turns the task red,
// the page says why, and the colour strip keeps the earlier colour.

// 2 December: the task runs 15 November – 20 December, its November report is due 7 December (5 working
// days after 30 November).
const T0 = '2026-12-02T09:00:00+08:00';
// 22 December: two days past the task's due date.
const T1 = '2026-12-22T09:00:00+08:00';
const START = '2026-11-15';
const DUE = '2026-12-20';
const PERIOD = '2026-11';

const luoshi = useLuoshi({ LUOSHI_NOW: T0, JOB_POLL_SECONDS: '1' });
const SHOTS = '/tmp/shots';
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

async function getJson<T>(page: Page, url: string): Promise<T> {
  const res = await page.request.get(url);
  if (!res.ok()) throw new Error(`GET ${url}: ${res.status()}`);
  return (await res.json()) as T;
}

// Nothing on the page is wider than the phone's screen.
async function fitsPhone(page: Page): Promise<void> {
  await page.waitForTimeout(300);
  const width = await page.evaluate<number>('document.documentElement.scrollWidth');
  expect(width).toBeLessThanOrEqual(PHONE.width);
}

// Signs in (the sign-in helpers look for the desktop navigation), then takes the screen size asked.
async function signIn(page: Page, username: string, viewport = DESKTOP): Promise<void> {
  await page.setViewportSize(DESKTOP);
  await loginAs(page, luoshi.server, username);
  await page.setViewportSize(viewport);
}

async function signOut(page: Page): Promise<void> {
  await page.setViewportSize(DESKTOP);
  await logout(page);
}

// A date picker in a form, by its label: typed as a clerk would, confirmed with Enter.
async function typeDate(scope: Locator, label: string, date: string): Promise<void> {
  const input = scope.locator('.el-form-item').filter({ hasText: label }).locator('input').first();
  await input.click();
  await input.fill(date);
  await input.press('Enter');
  expect(await input.inputValue()).toBe(date);
}

async function openTask(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('task-title').waitFor();
}

function reports(page: Page): Locator {
  return page.getByTestId('task-reports');
}

async function openPeriod(page: Page, status: string): Promise<Locator> {
  const button = reports(page).locator(`[data-period="${PERIOD}"]`);
  await button.filter({ hasText: status }).waitFor();
  await button.click();
  await page.getByTestId('report-status').filter({ hasText: status }).waitFor();
  return page.getByTestId('report');
}

async function confirmBox(page: Page, title: string, button: string): Promise<void> {
  const box = page.getByRole('dialog', { name: title });
  await box.waitFor();
  await box.getByRole('button', { name: button, exact: true }).click();
  await box.waitFor({ state: 'hidden' });
}

test('a county reports from a phone with evidence; the city returns, then accepts it; the parent moves; past the due date the task turns red and keeps its history', async () => {
  const page = await luoshi.newPage();
  try {
    await reportLoop(page);
  } catch (error) {
    await shot(page, 'report-loop-failure').catch(() => undefined);
    throw error;
  }
}, 300_000);

async function reportLoop(page: Page): Promise<void> {
  // The browser's clock agrees with the server's (the page's own "today": the strip's future days).
  await page.context().clock.install({ time: new Date(T0) });

  // Province staff: a task from a plan item's suggestion, assigned to 济南市.
  await signIn(page, 'staff');
  const plans = await getJson<{ items: { id: number }[] }>(page, '/api/plans?regionCode=370000&year=2022');
  const planId = plans.items[0]!.id;
  const plan = await getJson<{ items: { heading: string; proposedTasks: { text: string }[] }[] }>(
    page,
    `/api/plans/${planId}`,
  );
  const item = plan.items.find((i) => i.heading && i.proposedTasks.length > 0)!;
  const title = item.proposedTasks[0]!.text.trim();
  await openPlan(page, planId);
  const drawer = await openItem(page, item.heading);
  await drawer.getByTestId('proposed-tasks').getByRole('button', { name: '创建任务' }).first().click();
  const create = page.getByRole('dialog', { name: '新建任务' });
  await create.waitFor();
  await choose(create, '牵头单位', '中共济南市委统战部', '济南市委统战部');
  await typeDate(create, '开始时间', START);
  await typeDate(create, '完成时限', DUE);
  await create.getByRole('button', { name: '创建' }).click();
  await expectMessage(page, '任务已创建并交办');
  await page.getByTestId('task-status').filter({ hasText: '待签收' }).waitFor();
  const parentUrl = page.url();
  await signOut(page);

  // 济南市 signs and decomposes it for 历下区.
  await signIn(page, 'jinan_staff');
  await openTask(page, parentUrl);
  await page.getByTestId('task-actions').getByRole('button', { name: '签收' }).click();
  await expectMessage(page, '已签收');
  await page.getByTestId('task-actions').getByRole('button', { name: '分解' }).click();
  const child = page.getByRole('dialog', { name: '分解任务' });
  await child.getByText(`上级任务：${title}`).waitFor();
  await choose(child, '牵头单位', '中共济南市历下区委统战部', '历下区委统战部');
  await typeDate(child, '开始时间', START);
  await typeDate(child, '完成时限', DUE);
  await child.getByRole('button', { name: '创建' }).click();
  await expectMessage(page, '任务已创建并交办');
  await page.getByTestId('lead-unit').filter({ hasText: '中共济南市历下区委统战部' }).first().waitFor();
  const childUrl = page.url();
  expect(childUrl).not.toBe(parentUrl);
  await signOut(page);

  // 历下区, on a phone: signs, then reports November with an evidence file.
  await signIn(page, 'lixia_staff', PHONE);
  await openTask(page, childUrl);
  await page.getByTestId('task-actions').getByRole('button', { name: '签收' }).click();
  await expectMessage(page, '已签收');
  let report = await openPeriod(page, '待填报');
  const form = report.getByTestId('report-form');
  await form.getByRole('spinbutton', { name: '完成进度' }).fill('60');
  await field(form, '进展情况').fill('走访民营企业 12 家，召开座谈会 2 次。');
  await field(form, '需协调解决的问题').fill('需市里协调场地。');
  // A file of a type the server refuses is named with its reason, in Chinese; a PDF is taken.
  const picker = form.getByTestId('evidence-input');
  await picker.setInputFiles({
    name: '名单.exe',
    mimeType: 'application/octet-stream',
    buffer: Buffer.from('MZ\x90\x00binary'),
  });
  await form.getByRole('alert').filter({ hasText: '名单.exe' }).filter({ hasText: /类型/ }).waitFor();
  await picker.setInputFiles({ name: '走访名单.pdf', mimeType: 'application/pdf', buffer: pdf('visits') });
  await form.locator('[data-file="走访名单.pdf"]').waitFor();
  await fitsPhone(page);
  await form.scrollIntoViewIfNeeded();
  await shot(page, 'report-form-phone');
  await form.getByRole('button', { name: '提交', exact: true }).click();
  await confirmBox(page, '报送进度报告', '报送');
  await expectMessage(page, '已报送，等待审核');
  await page.getByTestId('report-status').filter({ hasText: '待审核' }).waitFor();
  await page.getByTestId('report-content').getByText('走访名单.pdf').waitFor();
  await fitsPhone(page);
  await signOut(page);

  // 济南市 reads the report and returns it with a comment.
  await signIn(page, 'jinan_staff');
  await openTask(page, childUrl);
  report = await openPeriod(page, '待审核');
  await report.getByTestId('report-content').getByText('走访民营企业 12 家').waitFor();
  await shot(page, 'report-review-desktop');
  await report.getByTestId('report-review').getByRole('button', { name: '退回' }).click();
  const back = page.getByRole('dialog', { name: '退回进度报告' });
  await back.locator('textarea').fill('请补充座谈会的参会人数。');
  await back.getByRole('button', { name: '退回', exact: true }).click();
  await expectMessage(page, '已退回');
  await page.getByTestId('review-comment').filter({ hasText: '请补充座谈会的参会人数' }).waitFor();
  await signOut(page);

  // 历下区 fixes it on the phone (the comment is on the form) and submits again.
  await signIn(page, 'lixia_staff', PHONE);
  await openTask(page, childUrl);
  report = await openPeriod(page, '已退回');
  await report.getByTestId('review-comment').filter({ hasText: '请补充座谈会的参会人数' }).waitFor();
  const fix = report.getByTestId('report-form');
  expect(await field(fix, '进展情况').inputValue()).toContain('走访民营企业');
  await report.locator('[data-file="走访名单.pdf"]').getByText('已保存').waitFor();
  await field(fix, '进展情况').fill('走访民营企业 12 家，召开座谈会 2 次（共 46 人参加）。');
  await shot(page, 'report-returned-phone');
  await fix.getByRole('button', { name: '提交', exact: true }).click();
  await confirmBox(page, '报送进度报告', '报送');
  await expectMessage(page, '已报送，等待审核');
  await signOut(page);

  // 济南市 accepts it: the child's progress is the report's, and the parent's rolls up.
  await signIn(page, 'jinan_staff');
  await openTask(page, childUrl);
  report = await openPeriod(page, '待审核');
  await report.getByText('共 46 人参加').waitFor();
  await report.getByTestId('report-review').getByRole('button', { name: '通过' }).click();
  await confirmBox(page, '审核通过', '通过');
  await expectMessage(page, '已审核通过');
  await page.getByTestId('report-status').filter({ hasText: '已通过' }).waitFor();
  const childId = Number(new URL(childUrl).pathname.split('/').pop());
  const parentId = Number(new URL(parentUrl).pathname.split('/').pop());
  expect((await getJson<{ progress: number }>(page, `/api/tasks/${childId}`)).progress).toBe(60);
  await openTask(page, parentUrl);
  await page.locator('.facts').getByText('60%').waitFor();
  expect((await getJson<{ progress: number }>(page, `/api/tasks/${parentId}`)).progress).toBe(60);
  const before = await getJson<{ health: string }>(page, `/api/tasks/${childId}`);
  expect(before.health).not.toBe('red');
  await signOut(page);

  // Time passes the due date: the server restarts on the same data at 22 December; the daily job it
  // missed runs late and recolours.
  await luoshi.server.restart({ LUOSHI_NOW: T1 });
  await page.clock.setSystemTime(new Date(T1));
  await signIn(page, 'jinan_staff');
  await openTask(page, childUrl);
  const health = page.getByTestId('task-health');
  for (let i = 0; i < 30 && !(await health.getByText('红灯').isVisible()); i++) {
    await page.waitForTimeout(1000);
    await page.reload();
    await page.getByTestId('task-title').waitFor();
  }
  await health.getByText('红灯').waitFor();
  await health.getByText(/任务已超过完成时限（2026年12月20日），逾期 2 天/).waitFor();
  // The strip keeps the earlier colour (2–21 December) before the red day.
  const strip = page.getByTestId('health-strip');
  expect(await strip.locator(`[data-health="${before.health}"]`).count()).toBeGreaterThan(0);
  expect(await strip.locator('[data-health="red"]').count()).toBeGreaterThan(0);
  const history = await getJson<{ health: string }[]>(page, `/api/tasks/${childId}/health-history`);
  expect(history.map((h) => h.health)).toContain(before.health);
  expect(history[history.length - 1]!.health).toBe('red');
  await shot(page, 'task-red-desktop');
  await page.setViewportSize(PHONE);
  await page.reload();
  await health.getByText('红灯').waitFor();
  await fitsPhone(page);
  await shot(page, 'task-red-phone');
  await page.setViewportSize(DESKTOP);

  // The not-yet-reported board: 济南市委统战部 has not reported November for the parent task. The board
  // shows regions first; 济南市's units open on demand.
  await mainNav(page).getByRole('menuitem', { name: '未报送看板' }).click();
  await heading(page, '未报送看板').waitFor();
  const jinanRow = page.locator('[data-region="370100"]');
  await jinanRow.getByTestId('show-units').click();
  const unit = page.locator('[data-unit="中共济南市委统战部"]');
  await unit.getByRole('link', { name: title }).waitFor();
  await shot(page, 'missing-board-desktop');
  await page.getByTestId('remind').click();
  await confirmBox(page, '一键提醒 · 2026年11月', '提醒');
  await expectMessage(page, /已提醒 \d+ 个单位/);
  await page.setViewportSize(PHONE);
  await page.reload();
  await jinanRow.getByTestId('show-units').click();
  await unit.waitFor();
  await fitsPhone(page);
  await shot(page, 'missing-board-phone');
}
