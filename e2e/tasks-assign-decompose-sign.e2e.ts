import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { choose, expectMessage, field, heading, loginAs, logout, mainNav } from './support/fixtures.ts';
import { openItem, openPlan } from './support/plans.ts';
import { useLuoshi } from './support/luoshi.ts';

const luoshi = useLuoshi();
const SHOTS = '/tmp/shots';

async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

async function getJson<T>(page: Page, url: string): Promise<T> {
  const res = await page.request.get(url);
  if (!res.ok()) throw new Error(`GET ${url}: ${res.status()}`);
  return (await res.json()) as T;
}

// On a phone-sized screen nothing may need scrolling sideways.
async function fitsPhone(page: Page): Promise<void> {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(300);
  const width = await page.evaluate<number>('document.documentElement.scrollWidth');
  expect(width).toBeLessThanOrEqual(390);
}

async function openTasks(page: Page): Promise<void> {
  await mainNav(page).getByRole('menuitem', { name: '任务' }).click();
  await heading(page, '任务').waitFor();
}

async function signIn(page: Page, username: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 800 });
  await loginAs(page, luoshi.server, username);
}

test('staff create a task from a plan item’s suggestion for 济南市; the city signs and decomposes it for 历下区, which signs it; staff see both levels', async () => {
  const page = await luoshi.newPage();
  await signIn(page, 'staff');

  // The example plan (山东省 2022) and an item of it with a suggested task.
  const plans = await getJson<{ items: { id: number }[] }>(page, '/api/plans?regionCode=370000&year=2022');
  const planId = plans.items[0]!.id;
  const plan = await getJson<{
    items: { id: number; heading: string; proposedTasks: { text: string; suggestedLead: string | null }[] }[];
  }>(page, `/api/plans/${planId}`);
  const item = plan.items.find((i) => i.heading && i.proposedTasks.length > 0)!;
  // The dialog is filled from the server's suggestion (its title, its resolved lead unit).
  const suggestion = (
    await getJson<{ items: { title: string }[] }>(page, `/api/plan-items/${item.id}/task-suggestions`)
  ).items[0]!;

  await openPlan(page, planId);
  const drawer = await openItem(page, item.heading);
  await drawer.getByTestId('proposed-tasks').getByRole('button', { name: '创建任务' }).first().click();
  const dialog = page.getByRole('dialog', { name: '新建任务' });
  await dialog.waitFor();
  expect(await field(dialog, '任务名称').inputValue()).toBe(suggestion.title);
  await shot(page, 'task-create-from-suggestion');
  const title = suggestion.title;
  await choose(dialog, '牵头单位', '中共济南市委统战部', '济南市委统战部');
  await dialog.getByRole('button', { name: '创建' }).click();
  await expectMessage(page, '任务已创建并交办');
  await page.getByTestId('task-status').filter({ hasText: '待签收' }).waitFor();
  await page.getByTestId('lead-unit').filter({ hasText: '中共济南市委统战部' }).first().waitFor();
  const parentUrl = page.url();
  await logout(page);

  // 济南市: the task is 待分解 in their list; they sign it and decompose it for 历下区.
  await signIn(page, 'jinan_staff');
  await openTasks(page);
  await page.getByTestId('undecomposed-filter').click();
  await page.getByRole('checkbox', { name: '待分解', checked: true }).waitFor({ state: 'attached' });
  const row = page.locator('[data-task]').filter({ hasText: title }).first();
  await row.getByText('待分解').waitFor();
  await shot(page, 'tasks-list-undecomposed-desktop');
  await fitsPhone(page);
  await shot(page, 'tasks-list-undecomposed-phone');
  await page.setViewportSize({ width: 1280, height: 800 });
  await row.getByRole('link', { name: title }).click();
  await page.getByTestId('task-title').waitFor();
  await page.getByTestId('task-actions').getByRole('button', { name: '签收' }).click();
  await expectMessage(page, '已签收');
  await page.getByTestId('task-status').filter({ hasText: '办理中' }).waitFor();
  await page.getByTestId('task-actions').getByRole('button', { name: '分解' }).click();
  const child = page.getByRole('dialog', { name: '分解任务' });
  await child.getByText(`上级任务：${title}`).waitFor();
  await choose(child, '牵头单位', '中共济南市历下区委统战部', '历下区委统战部');
  await child.getByRole('button', { name: '创建' }).click();
  await expectMessage(page, '任务已创建并交办');
  await page.getByTestId('lead-unit').filter({ hasText: '中共济南市历下区委统战部' }).first().waitFor();
  await logout(page);

  // 历下区 signs the child.
  await signIn(page, 'lixia_staff');
  await openTasks(page);
  await page.locator('[data-task]').filter({ hasText: title }).first().getByRole('link').click();
  await page.getByTestId('task-actions').getByRole('button', { name: '签收' }).click();
  await expectMessage(page, '已签收');
  await page.getByTestId('task-status').filter({ hasText: '办理中' }).waitFor();
  await logout(page);

  // The province sees the tree below its task: 济南市's task and the 历下区 child, each with its colour.
  await signIn(page, 'staff');
  await page.goto(parentUrl);
  const tree = page.getByTestId('task-tree');
  await tree.getByText(/历下区 · 中共济南市历下区委统战部/).waitFor();
  expect(await tree.locator('[data-tree-node]').count()).toBe(1);
  await page.getByTestId('task-timeline').getByText('签收').first().waitFor();
  await page.getByTestId('health-strip').waitFor();
  await shot(page, 'task-page-desktop');
  await tree.scrollIntoViewIfNeeded();
  await shot(page, 'task-page-tree-desktop');
  await fitsPhone(page);
  await page.reload();
  await page.getByTestId('task-title').waitFor();
  await shot(page, 'task-page-phone');
  await tree.scrollIntoViewIfNeeded();
  await shot(page, 'task-page-tree-phone');
});
