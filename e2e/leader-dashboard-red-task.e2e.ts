import crypto from 'node:crypto';
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { heading, loginAs, logout } from './support/fixtures.ts';
import { useLuoshi } from './support/luoshi.ts';
import { api, planOfThisYear, YEAR } from './support/tasks.ts';

// 领导驾驶舱 (issue 8 §5): the leader lands on the dashboard from the 工作台, sees the red task, opens it;
// a figure opens the list with exactly as many tasks; the charts draw (canvas) on a desktop and a phone.
const luoshi = useLuoshi();
const SHOTS = '/tmp/shots';

async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
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

async function openDashboard(
  page: Page,
  charts = ['trend-chart', 'section-chart', 'unit-chart'],
): Promise<void> {
  await heading(page, '领导驾驶舱').waitFor();
  await page.getByTestId('overall').waitFor();
  // The charts are drawn: ECharts puts a canvas in each.
  for (const id of charts) await page.getByTestId(id).locator('canvas').first().waitFor();
}

test('the leader’s dashboard shows the red task and opens it; its figures equal their lists', async () => {
  const page = await luoshi.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  await loginAs(page, luoshi.server, 'staff');
  const planId = await planOfThisYear(page);
  const plan = await api<{ items: { id: number }[] }>(page, 'GET', `/api/plans/${planId}`);
  const make = (body: object) =>
    api<{ id: number }>(
      page,
      'POST',
      '/api/tasks',
      { startDate: `${YEAR}-01-01`, dueDate: `${YEAR}-12-31`, cycle: 'monthly', assign: true, ...body },
      { 'Idempotency-Key': crypto.randomUUID() },
    );
  const red = await make({
    planItemId: plan.items[0]!.id,
    title: '驾驶舱：已逾期的任务',
    leadUnitId: await unitId(page, '山东省教育厅'),
    dueDate: `${YEAR}-02-01`,
  });
  await make({
    planItemId: (plan.items[1] ?? plan.items[0])!.id,
    title: '驾驶舱：交济南办理',
    leadUnitId: await unitId(page, '中共济南市委统战部'),
  });
  await logout(page);

  // From the 工作台 to the dashboard.
  await loginAs(page, luoshi.server, 'leader');
  // A 批办 on the red task: the dashboard counts it as awaiting follow-up.
  await api(
    page,
    'POST',
    '/api/instructions',
    { targetType: 'task', targetId: red.id, kind: 'act', text: '请说明逾期原因，限期办结。' },
    { 'Idempotency-Key': crypto.randomUUID() },
  );
  await page.getByTestId('open-dashboard').click();
  await openDashboard(page);
  await shot(page, 'dashboard-leader-desktop');
  // The lower cards (the page scrolls inside the layout, past a full-page shot).
  for (const id of ['region-grid', 'section-chart', 'unit-chart']) {
    const card = page.locator('.el-card', { has: page.getByTestId(id) });
    await card.scrollIntoViewIfNeeded();
    await card.screenshot({ path: `${SHOTS}/dashboard-leader-desktop-${id}.png` });
  }
  const item = page.getByTestId('red-list').getByText('驾驶舱：已逾期的任务');
  await item.waitFor();

  // A figure opens its list, which holds as many tasks as it said.
  const redTile = page.getByTestId('overall').locator('[data-figure="red"]');
  const count = Number(await redTile.locator('.count').innerText());
  expect(count).toBeGreaterThanOrEqual(1);
  await redTile.click();
  await page.waitForURL(/\/tasks\?/);
  const total = page.getByTestId('list-total');
  await total.waitFor();
  await expect.poll(async () => Number(await total.innerText())).toBe(count);
  expect(await page.getByTestId('list-from').innerText()).toContain('驾驶舱：');
  await page.goBack();
  await openDashboard(page);

  // 批示待落实 opens the 批示办理 list narrowed to the region, with as many instructions as it said.
  const instructionTile = page.getByTestId('overall').locator('[data-figure="instructions-awaiting"]');
  const awaiting = Number(await instructionTile.locator('.count').innerText());
  expect(awaiting).toBeGreaterThanOrEqual(1);
  await instructionTile.click();
  await page.waitForURL(/\/instructions\?.*regionCode=370000/);
  await page.getByTestId('narrowed').waitFor();
  await expect
    .poll(async () => page.getByTestId('instruction-list').getByTestId('instruction').count())
    .toBe(awaiting);
  await page.goBack();
  await openDashboard(page);

  // The red task itself.
  await page.getByTestId('red-list').getByText('驾驶舱：已逾期的任务').click();
  await page.waitForURL(new RegExp(`/tasks/${red.id}$`));
  await page.getByText('驾驶舱：已逾期的任务').first().waitFor();
  await page.goBack();
  await openDashboard(page);

  // A region of the grid opens its own dashboard; the trail leads back.
  await page.getByTestId('region-grid').getByRole('button', { name: '济南市' }).click();
  await page.waitForURL(/regionCode=370100/);
  await page.getByTestId('region-trail').getByText('济南市').waitFor();
  // 济南市 has no plan of its own this year: no sections to chart.
  await openDashboard(page, ['trend-chart', 'unit-chart']);
  await shot(page, 'dashboard-leader-jinan');
  await page.getByTestId('region-trail').getByRole('button', { name: '山东省' }).click();
  await page.waitForURL(/regionCode=370000/);
  await openDashboard(page);

  // On a phone (390 × 844): the charts draw, nothing to scroll sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await openDashboard(page);
  expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
  await shot(page, 'dashboard-leader-phone');
  for (const id of ['trend-chart', 'region-grid', 'unit-chart']) {
    const card = page.locator('.el-card', { has: page.getByTestId(id) });
    await card.scrollIntoViewIfNeeded();
    await card.screenshot({ path: `${SHOTS}/dashboard-leader-phone-${id}.png` });
  }
});
