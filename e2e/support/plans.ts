import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { choose, expectMessage, field, heading, mainNav } from './fixtures.ts';

// Plans (工作要点) helpers for the specs: what staff do with a work plan, found by role and label.

const DEMO_PLAN_FILES = [
  'server/modules/plans/demo/2022-province-united-front-key-points.txt',
  '/work/shared/fixtures/plans/2022-province-united-front-key-points.txt',
];

// The example document: the 2022 provincial key points.
export function demoPlanFile(): string {
  for (const file of DEMO_PLAN_FILES) {
    const full = path.resolve(file);
    if (fs.existsSync(full)) return full;
  }
  throw new Error('the example plan document is missing');
}

export function demoPlanText(): string {
  return fs.readFileSync(demoPlanFile(), 'utf8');
}

export async function openPlans(page: Page): Promise<void> {
  await mainNav(page).getByRole('menuitem', { name: '工作要点' }).click();
  await heading(page, '工作要点').waitFor();
}

// 导入工作要点 step 1 → 2: paste the text and wait for the side-by-side preview.
export async function pastePlanForPreview(page: Page, text: string): Promise<void> {
  await page.getByRole('button', { name: '导入工作要点' }).first().click();
  await heading(page, '导入工作要点').waitFor();
  // fill() puts the whole text in at once, as a paste does.
  await field(page, '粘贴工作要点全文').fill(text);
  await page.getByRole('button', { name: '解析预览' }).click();
  await page.getByRole('heading', { name: '原文', level: 3 }).waitFor();
}

// The editor's tree (step 3 or 编辑 on a plan page).
export function outlineTree(page: Page): Locator {
  return page.getByRole('tree');
}

// Selects a node in the tree editor by the text of its heading and gives it a new heading.
export async function renameHeading(page: Page, from: string, to: string): Promise<void> {
  await outlineTree(page).getByRole('treeitem').getByText(from, { exact: true }).first().click();
  const headingField = field(page, '条目标题');
  await headingField.waitFor();
  await headingField.fill(to);
  await page.getByRole('button', { name: '应用修改' }).click();
  await outlineTree(page).getByText(to, { exact: true }).first().waitFor();
}

// Step 4: region, year, title → 保存为草稿; waits for the plan page.
export async function saveDraft(
  page: Page,
  options: { region: string; regionSearch: string; year: number; title?: string },
): Promise<void> {
  await choose(page, '行政区划', options.region, options.regionSearch);
  const year = page.getByRole('spinbutton', { name: /年度/ });
  await year.fill(String(options.year));
  await year.blur();
  if (options.title) await field(page, '标题').fill(options.title);
  await page.getByRole('button', { name: '保存为草稿' }).click();
  await expectMessage(page, '已保存为草稿');
  await page.getByRole('button', { name: '版本历史' }).waitFor();
}

// 发布 on a plan page, through the confirmation dialog. A refusal fails with what the page said.
export async function publishPlan(page: Page): Promise<void> {
  await page.getByRole('button', { name: '发布', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: '发布工作要点' });
  await dialog.getByRole('button', { name: '确认发布', exact: true }).click();
  await settled(page, dialog);
}

// Waits for a publish to succeed (its message) or be refused (a message, or the dialog's own alert).
async function settled(page: Page, dialog: Locator): Promise<void> {
  const done = page.locator('.el-message--success').filter({ hasText: '已发布' });
  const refused = page
    .locator('.el-message--error, .el-message--warning')
    .or(dialog.locator('.el-alert--error'));
  await done.or(refused).first().waitFor();
  if (await refused.first().isVisible())
    throw new Error(`publish refused: ${await refused.first().innerText()}`);
}

// 发布修订 on a revision's page: the dialog lists what changes first; returns that dialog's text.
export async function publishRevision(page: Page): Promise<string> {
  await page.getByRole('button', { name: '发布修订', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: '发布修订' });
  await dialog.locator('.changes').waitFor();
  const shown = await dialog.innerText();
  await dialog.getByRole('button', { name: '确认发布修订' }).click();
  await settled(page, dialog);
  // The dialog repeats the new text until it has closed; callers then read the page alone.
  await dialog.waitFor({ state: 'hidden' });
  return shown;
}

// Calls the API with the page's own session (cookie and CSRF token), as the web app does.
async function apiAs<T>(
  page: Page,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH',
  url: string,
  data?: unknown,
): Promise<T> {
  const me = await page.request.get('/api/auth/me');
  const { csrfToken } = (await me.json()) as { csrfToken: string };
  const response = await page.request.fetch(url, {
    method,
    headers: { 'X-CSRF-Token': csrfToken, 'Content-Type': 'application/json' },
    ...(data === undefined ? {} : { data: JSON.stringify(data) }),
  });
  if (!response.ok()) throw new Error(`${method} ${url}: ${response.status()} ${await response.text()}`);
  return (await response.json()) as T;
}

export interface CreatedPlan {
  id: number;
  version: number;
  title: string;
}

// Creates a draft plan from a text through preview + create, as the import wizard does, and returns it.
export async function createPlanFromText(
  page: Page,
  text: string,
  options: { regionCode: string; year: number; title: string },
): Promise<CreatedPlan> {
  const { outline } = await apiAs<{ outline: Record<string, unknown> }>(page, 'POST', '/api/plans/preview', {
    text,
  });
  return apiAs<CreatedPlan>(page, 'POST', '/api/plans', {
    ...options,
    outline: { ...outline, title: options.title, year: options.year },
    sourceText: text,
  });
}

// Opens a plan page by id.
export async function openPlan(page: Page, id: number): Promise<void> {
  await page.goto(`/plans/${id}`);
  await page.getByRole('button', { name: '版本历史' }).waitFor();
}

// 对比 on a plan page: choose the other plan in the dialog and wait for the comparison.
export async function compareWith(page: Page, otherPlanOption: string): Promise<void> {
  await page.getByRole('button', { name: '对比', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: '对比工作要点' });
  await choose(dialog, '对比的工作要点', otherPlanOption);
  await dialog.getByRole('button', { name: '开始对比' }).click();
  await heading(page, '工作要点对比').waitFor();
  await page.getByRole('group', { name: '对比结果统计' }).waitFor();
}

// Opens an item of the plan on the page in the drawer, by its heading.
export async function openItem(page: Page, itemHeading: string): Promise<Locator> {
  await page.getByText(itemHeading, { exact: true }).first().click();
  const drawer = page.getByRole('dialog', { name: '条目详情' });
  await drawer.getByRole('heading', { name: new RegExp(itemHeading) }).waitFor();
  return drawer;
}
