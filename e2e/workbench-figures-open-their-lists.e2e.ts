import crypto from 'node:crypto';
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { heading, loginAs, logout } from './support/fixtures.ts';
import { useLuoshi } from './support/luoshi.ts';
import { api, planOfThisYear, YEAR } from './support/tasks.ts';

// 工作台 (issue 7 §6): every figure a handler, a staff member and a leader see opens the list behind it,
// and that list holds exactly as many tasks as the figure said. The handler's 工作台 fits a phone.
const luoshi = useLuoshi();
const SHOTS = '/tmp/shots';

async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

async function signIn(page: Page, username: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 800 });
  await loginAs(page, luoshi.server, username);
  await page.getByTestId('task-figures').waitFor();
}

async function unitId(page: Page, name: string): Promise<number> {
  const found = await api<{ items: { id: number; name: string }[] }>(
    page,
    'GET',
    `/api/units?q=${encodeURIComponent(name)}&limit=50`,
  );
  const unit = found.items.find((u) => u.name === name);
  if (!unit) throw new Error(`no unit ${name}`);
  return unit.id;
}

interface Task {
  id: number;
  version: number;
}

// This year's plan of the province (made and published here when the demo has none), and tasks on it:
// some for the handler's unit (one to sign, one with a report submitted), one overdue (red), one handed
// to 济南市 (待分解) and one draft.
async function seedTasks(page: Page): Promise<void> {
  const planId = await planOfThisYear(page);
  const plan = await api<{ items: { id: number }[] }>(page, 'GET', `/api/plans/${planId}`);
  const [s1, s2] = [plan.items[0]!, plan.items[1] ?? plan.items[0]!];
  const make = (body: object) =>
    api<Task>(
      page,
      'POST',
      '/api/tasks',
      { startDate: `${YEAR}-01-01`, dueDate: `${YEAR}-12-31`, cycle: 'monthly', ...body },
      { 'Idempotency-Key': crypto.randomUUID() },
    );
  const ndrc = await unitId(page, '山东省发展和改革委员会');
  const reported = await make({
    planItemId: s1.id,
    title: '工作台：发改委已报送',
    leadUnitId: ndrc,
    assign: true,
  });
  await make({ planItemId: s1.id, title: '工作台：发改委待签收', leadUnitId: ndrc, assign: true });
  await make({
    planItemId: s1.id,
    title: '工作台：已逾期',
    leadUnitId: await unitId(page, '山东省教育厅'),
    dueDate: `${YEAR}-02-01`,
    assign: true,
  });
  await make({
    planItemId: s2.id,
    title: '工作台：交济南分解',
    leadUnitId: await unitId(page, '中共济南市委统战部'),
    assign: true,
  });
  await make({ planItemId: s2.id, title: '工作台：草稿', leadUnitId: await unitId(page, '山东省商务厅') });
  await logout(page);

  // The handler signs one and submits its oldest owed report, so staff have a report to review.
  await signIn(page, 'handler');
  await api(page, 'POST', `/api/tasks/${reported.id}/sign`, {}, { 'If-Match': `"${reported.version}"` });
  const reports = await api<{ periodKey: string; status: string }[]>(
    page,
    'GET',
    `/api/tasks/${reported.id}/reports`,
  );
  const owed = reports.find((r) => r.status === 'due');
  if (owed) {
    const draft = await api<{ version: number }>(
      page,
      'GET',
      `/api/tasks/${reported.id}/reports/${owed.periodKey}/draft`,
    );
    await api(
      page,
      'POST',
      `/api/tasks/${reported.id}/reports/${owed.periodKey}/submit`,
      { percent: 10, narrative: '已启动' },
      { 'If-Match': `"${draft.version}"`, 'Idempotency-Key': crypto.randomUUID() },
    );
  }
  await logout(page);
}

/** The number the task list shows after a link opened it. */
async function listTotal(page: Page): Promise<number> {
  await page.waitForURL(/\/tasks\?/);
  await heading(page, '任务').waitFor();
  const total = page.getByTestId('list-total');
  await total.waitFor();
  return Number(await total.innerText());
}

/** Clicks each figure tile that opens the task list and compares its count with the list's. */
async function figuresAgree(page: Page, who: string): Promise<Record<string, number>> {
  const tiles = page.getByTestId('task-figures').locator('[data-figure]');
  await tiles.first().waitFor();
  const keys: string[] = [];
  for (let i = 0; i < (await tiles.count()); i++)
    keys.push((await tiles.nth(i).getAttribute('data-figure'))!);
  const seen: Record<string, number> = {};
  for (const key of keys) {
    const tile = page.locator(`[data-figure="${key}"]`);
    const count = Number(await tile.getByTestId('figure-count').innerText());
    seen[key] = count;
    if (key === 'missing' || key === 'unread') continue;
    await tile.click();
    expect(await listTotal(page), `${who}: ${key}`).toBe(count);
    await page.getByTestId('list-from').waitFor();
    await page.goBack();
    await page.getByTestId('task-figures').locator('[data-figure]').first().waitFor();
  }
  return seen;
}

async function coloursAgree(page: Page, table: string): Promise<number> {
  const links = page.getByTestId(table).locator('a[data-health]');
  await page.getByTestId(table).waitFor();
  const n = await links.count();
  let checked = 0;
  let zeroChecked = false;
  for (let i = 0; i < n && checked < 8; i++) {
    const link = page.getByTestId(table).locator('a[data-health]').nth(i);
    const count = Number(await link.innerText());
    if (count === 0 && zeroChecked) continue;
    zeroChecked ||= count === 0;
    await link.click();
    expect(await listTotal(page), `${table} #${i}`).toBe(count);
    await page.goBack();
    await page.getByTestId(table).waitFor();
    checked++;
  }
  return checked;
}

test('each figure on the 工作台 of a handler, a staff member and a leader equals the count of the list it opens', async () => {
  const page = await luoshi.newPage();
  await signIn(page, 'staff');
  await seedTasks(page);

  // 承办人 (山东省发展和改革委员会): to sign, reports owed and returned, the unit's tasks by colour, inbox.
  await signIn(page, 'handler');
  await shot(page, 'workbench-handler-desktop');
  const handler = await figuresAgree(page, 'handler');
  expect(Object.keys(handler)).toEqual(
    expect.arrayContaining(['to-sign', 'reports-owed', 'reports-returned', 'unit-red', 'unread']),
  );
  expect(handler['to-sign']).toBeGreaterThanOrEqual(1);
  // A figure's list says what it is, and keeps the figure's filter as tags the reader can remove.
  await page.locator('[data-figure="to-sign"]').click();
  await listTotal(page);
  expect(await page.getByTestId('list-from').innerText()).toContain('待签收的任务');
  await page.getByText('工作台：发改委待签收').waitFor();
  await page.goBack();

  // On a phone (390 × 844): nothing cut off, nothing to scroll sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await page.getByTestId('task-figures').locator('[data-figure]').first().waitFor();
  expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
  const tiles = page.locator('[data-figure]');
  for (let i = 0; i < (await tiles.count()); i++) {
    const box = (await tiles.nth(i).boundingBox())!;
    expect(box.x + box.width, `tile ${i}`).toBeLessThanOrEqual(390);
  }
  await shot(page, 'workbench-handler-phone');
  await page.locator('[data-figure="reports-owed"]').click();
  expect(await listTotal(page)).toBe(handler['reports-owed']);
  expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
  await shot(page, 'workbench-handler-phone-list');
  await page.setViewportSize({ width: 1280, height: 800 });
  await logout(page);

  // 工作人员: reports to review, adjustments and completions to decide, not reported, red, 待分解.
  await signIn(page, 'staff');
  await shot(page, 'workbench-staff-desktop');
  const staff = await figuresAgree(page, 'staff');
  expect(Object.keys(staff)).toEqual(
    expect.arrayContaining([
      'reports-submitted',
      'adjustments',
      'completion',
      'missing',
      'red',
      'undecomposed',
    ]),
  );
  expect(staff['reports-submitted']).toBeGreaterThanOrEqual(1);
  expect(staff.red).toBeGreaterThanOrEqual(1);
  expect(staff.undecomposed).toBeGreaterThanOrEqual(1);
  // 未报送 is the not-yet-reported board's own count.
  const board = await api<{ totals: { missing: number; returned: number } }>(
    page,
    'GET',
    '/api/reports/missing',
  );
  expect(staff.missing).toBe(board.totals.missing + board.totals.returned);
  expect(await page.locator('[data-figure="missing"]').getAttribute('href')).toBe('/reports/missing');
  await logout(page);

  // 领导: this year's colours by plan section and by region, each number opening its list.
  await signIn(page, 'leader');
  await page.getByTestId('colours-by-section').locator('[data-row]').first().waitFor();
  await shot(page, 'workbench-leader-desktop');
  expect(await coloursAgree(page, 'colours-by-section')).toBeGreaterThan(0);
  expect(await coloursAgree(page, 'colours-by-region')).toBeGreaterThan(0);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await page.getByTestId('colours-by-region').waitFor();
  expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
  await shot(page, 'workbench-leader-phone');
}, 300_000);
