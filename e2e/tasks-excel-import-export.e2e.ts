import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { expectMessage, heading, loginAs } from './support/fixtures.ts';
import { useLuoshi } from './support/luoshi.ts';
import { api, planOfThisYear, YEAR } from './support/tasks.ts';

// The Excel 任务分解表 on the task list (issue 7 §2): template, import with the row-by-row report and the
// unit review, 确认导入, the same file refused the second time, and the filtered list exported.
const luoshi = useLuoshi();
const SHOTS = '/tmp/shots';

async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

const HEADER = [
  '序号',
  '工作要点条目',
  '具体任务',
  '牵头单位',
  '配合单位',
  '责任人',
  '开始时间',
  '完成时限',
  '报送周期',
  '指标及目标值',
];

/** A clerk's sheet: a merged title row above the header, then the rows; written to a temp file. */
async function sheet(name: string, rows: (string | number)[][]): Promise<string> {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet('任务分解表');
  ws.addRow([`山东省${YEAR}年统战工作任务分解表`]);
  ws.mergeCells(1, 1, 1, HEADER.length);
  ws.addRow(HEADER);
  for (const r of rows) ws.addRow(r);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-xlsx-')), name);
  await book.xlsx.writeFile(file);
  return file;
}

async function openImport(page: Page, planTitle: string): Promise<void> {
  await page.getByTestId('excel-menu').click();
  await page.getByRole('menuitem', { name: '导入任务分解表' }).click();
  const dialog = page.getByRole('dialog', { name: '导入任务分解表' });
  await dialog.waitFor();
  await dialog.getByRole('combobox', { name: /导入到工作要点/ }).click({ force: true });
  await page
    .getByRole('option', { name: new RegExp(planTitle) })
    .filter({ visible: true })
    .first()
    .click();
}

async function upload(page: Page, file: string): Promise<void> {
  const dialog = page.getByRole('dialog', { name: '导入任务分解表' });
  await dialog.getByTestId('import-file').setInputFiles(file);
  await dialog.getByRole('button', { name: '上传并检查' }).click();
}

test('staff import a 任务分解表: bad rows reported, an unknown unit chosen, imported once, exported', async () => {
  const page = await luoshi.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  await loginAs(page, luoshi.server, 'staff');
  const planId = await planOfThisYear(page);
  const plan = await api<{ title: string; items: { heading: string }[] }>(
    page,
    'GET',
    `/api/plans/${planId}`,
  );
  const [first, second] = [plan.items[0]!.heading, (plan.items[1] ?? plan.items[0]!).heading];
  const good: (string | number)[][] = [
    [
      1,
      first,
      '导入测试 举办党外干部专题培训班',
      '山东省教育厅',
      '省发改委、山东省工商联合会',
      '',
      `${YEAR}-03-01`,
      `${YEAR}-11-30`,
      '季度',
      '培训人数：500人',
    ],
    [
      2,
      second,
      '导入测试 组织万企兴万村结对',
      '山东省发展和改革委员会',
      '',
      '',
      `${YEAR}-03-01`,
      `${YEAR}-12-31`,
      '按月',
      '',
    ],
  ];
  const bad = await sheet('有错误的任务分解表.xlsx', [
    ...good,
    [3, second, '', '山东省教育厅', '', '', `${YEAR}-03-01`, '明年', '按月', ''],
  ]);
  const fixed = await sheet('任务分解表.xlsx', good);

  // The demo may hold draft tasks of this plan already: the import adds two to them.
  const drafts = async () =>
    (await api<{ counts: { total: number } }>(page, 'GET', `/api/tasks?planId=${planId}&status=draft`)).counts
      .total;
  const draftsBefore = await drafts();

  await page.goto('/tasks');
  await heading(page, '任务').waitFor();
  // 下载模板
  await page.getByTestId('excel-menu').click();
  const [template] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: '下载模板' }).click(),
  ]);
  expect(template.suggestedFilename()).toBe('任务分解表模板.xlsx');

  // A file with a bad row: the report names its row, column and problem; nothing can be imported.
  await openImport(page, plan.title);
  await upload(page, bad);
  const dialog = page.getByRole('dialog', { name: '导入任务分解表' });
  const errors = dialog.getByTestId('import-errors');
  await errors.waitFor();
  const text = await errors.innerText();
  expect(text).toContain('具体任务');
  expect(text).toContain('完成时限');
  expect(text).toMatch(/\b5\b/);
  await dialog.getByTestId('import-units').getByText('山东省工商联合会').waitFor();
  expect(await dialog.getByRole('button', { name: '确认导入' }).count()).toBe(0);
  await shot(page, 'tasks-import-errors');

  // The corrected file: only the unit name is left to review; the person picks the unit.
  await upload(page, fixed);
  await errors.waitFor({ state: 'detached' });
  const unitRow = dialog.locator('[data-unit-name="山东省工商联合会"]');
  await unitRow.getByRole('combobox').click({ force: true });
  await unitRow.getByRole('combobox').fill('工商业联合会');
  await page
    .getByRole('option', { name: '山东省工商业联合会', exact: true })
    .filter({ visible: true })
    .click();
  await dialog.getByRole('button', { name: '按所选单位重新检查' }).click();
  await dialog.getByTestId('import-valid').waitFor();
  expect(await dialog.getByTestId('import-tasks').innerText()).toContain('导入测试 举办党外干部专题培训班');
  await shot(page, 'tasks-import-valid');
  await dialog.getByRole('button', { name: '确认导入' }).click();
  await expectMessage(page, '已导入 2 项任务（草稿）');
  await page.locator('[data-task]').filter({ hasText: '导入测试 组织万企兴万村结对' }).waitFor();
  expect(Number(await page.getByTestId('list-total').innerText())).toBe(draftsBefore + 2);
  expect(await drafts()).toBe(draftsBefore + 2);

  // The same file again: refused, saying when it was imported.
  await openImport(page, plan.title);
  await upload(page, fixed);
  const failure = dialog.getByTestId('import-failure');
  await failure.waitFor();
  expect(await failure.innerText()).toMatch(/已于 .* 导入到本工作要点.*不能重复导入/);
  await shot(page, 'tasks-import-duplicate');
  await dialog.getByRole('button', { name: '取消' }).click();
  await dialog.waitFor({ state: 'hidden' });

  // 导出: the filtered list (this plan's drafts) as .xlsx, the rows re-readable; and the 进度台账.
  await page.getByTestId('excel-menu').click();
  const [exported] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: /^导出（/ }).click(),
  ]);
  expect(exported.suggestedFilename()).toBe('任务分解表.xlsx');
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(await exported.path());
  const cells = book.worksheets.flatMap((ws) =>
    ws.getSheetValues().flatMap((row) => (Array.isArray(row) ? row.map(String) : [])),
  );
  expect(cells).toEqual(
    expect.arrayContaining(['导入测试 举办党外干部专题培训班', '导入测试 组织万企兴万村结对']),
  );
  await page.getByTestId('excel-menu').click();
  const [ledger] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: '导出进度台账' }).click(),
  ]);
  expect(ledger.suggestedFilename()).toBe('进度台账.xlsx');
}, 180_000);
