import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import {
  expectMessage,
  field,
  loginAnswer,
  loginAs,
  openModule,
  screenshot,
  tryWrongPasswords,
} from './support/fixtures.ts';
import { useLuoshi } from './support/luoshi.ts';

const luoshi = useLuoshi();

// The events to review: someone guesses submitter's password five times (locking the account) and then
// tries once more with the right one.
beforeAll(async () => {
  const page = await luoshi.newPage();
  await tryWrongPasswords(page, 'submitter', 5);
  expect(await loginAnswer(page, 'submitter', luoshi.server.passwords.submitter ?? '')).toMatch(/锁定/);
  await page.context().close();
});

// The 审计日志 rows as the page shows them: one object per row, keyed by column title.
async function auditRows(page: Page): Promise<Record<string, string>[]> {
  await page.getByRole('table').last().getByRole('row').first().waitFor();
  const titles = (await page.getByRole('columnheader').allInnerTexts()).map((t) => t.trim());
  const rows = await page.getByRole('table').last().getByRole('row').all();
  return Promise.all(
    rows.map(async (row) => {
      const cells = (await row.getByRole('cell').allInnerTexts()).map((t) => t.trim());
      return Object.fromEntries(titles.map((t, i) => [t, cells[i] ?? '']));
    }),
  );
}

test('the auditor finds the failed logins and the lockout, filters by the user and verifies the chain', async () => {
  const page = await luoshi.newPage();
  expect(await loginAs(page, luoshi.server, 'auditor')).toEqual(['enrol-totp', 'change-password']);

  await openModule(page, '审计日志');
  const all = await auditRows(page);
  expect(all.some((r) => r['操作'] === '账户锁定' && r['操作人'] === 'submitter')).toBe(true);
  expect(all.some((r) => r['操作'] === '登录失败' && r['操作人'] === 'submitter')).toBe(true);

  // Only submitter's events: five wrong passwords, the lockout, and the refused attempt while locked.
  await field(page, '操作人').fill('submitter');
  const filtered = page.waitForResponse(
    (r) => r.url().includes('/api/audit?') && r.url().includes('actor=submitter'),
  );
  await page.getByRole('button', { name: '查询' }).click();
  await filtered;
  await page.getByRole('row').filter({ hasText: '账户锁定' }).waitFor();
  const mine = await auditRows(page);
  expect(new Set(mine.map((r) => r['操作人']))).toEqual(new Set(['submitter']));
  expect(mine.filter((r) => r['操作'] === '登录失败')).toHaveLength(6);
  const lockouts = mine.filter((r) => r['操作'] === '账户锁定');
  expect(lockouts).toHaveLength(1);
  expect(lockouts[0]?.['结果']).toBe('失败');
  expect(lockouts[0]?.['对象']).toMatch(/^用户 #\d+$/);
  // Details in labelled Chinese fields, not raw JSON with English keys.
  expect(lockouts[0]?.['详情']).toMatch(/^说明：锁定至 \d{4}-/);
  expect(mine.map((r) => r['详情'])).toContainEqual(expect.stringContaining('原因 账户已锁定'));
  expect(mine.map((r) => r['详情']).join('\n')).not.toMatch(/lockedUntil|reason|[{}]/);

  // The filtered log exported to .xlsx: the same rows, Chinese columns and labelled details.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出 Excel' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^审计日志-\d{8}-\d{4}\.xlsx$/);
  const saved = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-export-')), file.suggestedFilename());
  await file.saveAs(saved);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(saved);
  const sheet = book.getWorksheet('审计日志')!;
  const cells = (n: number) =>
    (sheet.getRow(n).values as (string | number | null | undefined)[]).slice(1).map((v) => String(v ?? ''));
  expect(cells(1).slice(0, 4)).toEqual(['编号', '时间', '操作人', '操作']);
  const exported = Array.from({ length: sheet.rowCount - 1 }, (_, i) => cells(i + 2));
  expect(exported.map((r) => r[0])).toEqual(mine.map((r) => r['编号']));
  expect(new Set(exported.map((r) => r[2]))).toEqual(new Set(['submitter']));
  expect(exported.find((r) => r[3] === '账户锁定')?.[10]).toMatch(/^说明：锁定至 \d{4}-/);
  fs.rmSync(path.dirname(saved), { recursive: true, force: true });

  // The export is itself in the log.
  await field(page, '操作人').fill('auditor');
  await page.getByRole('button', { name: '查询' }).click();
  await page.getByRole('row').filter({ hasText: '导出审计日志' }).waitFor();
  const own = await auditRows(page);
  expect(own[0]).toMatchObject({ 操作人: 'auditor', 操作: '导出审计日志', 结果: '成功' });
  // As many as the export held (the demo's own events by submitter count too).
  expect(own[0]?.['详情']).toContain(`记录数 ${exported.length}`);
  await field(page, '操作人').fill('');

  await page.getByRole('button', { name: '校验审计链' }).click();
  const verdict = await expectMessage(page, /审计链完整，已校验 \d+ 条/);
  const checked = Number(/已校验 (\d+) 条/.exec(await verdict.innerText())?.[1]);
  expect(checked).toBeGreaterThanOrEqual(all.length);

  await screenshot(page, 'auditor-reviews-events');
});

test('the auditor signs in again: asked for the authenticator code, not a new enrolment', async () => {
  // Codes are single-use: if the enrolment code's 30-second step has not passed yet, loginAs waits for the next.
  const page = await luoshi.newPage();
  expect(await loginAs(page, luoshi.server, 'auditor')).toEqual(['enter-totp']);
  await page.getByRole('heading', { name: '您好，审计管理员' }).waitFor();
  await openModule(page, '审计日志');
  const rows = await auditRows(page);
  expect(rows[0]).toMatchObject({ 操作人: 'auditor', 操作: '登录', 结果: '成功' });
  await screenshot(page, 'auditor-signs-in-again');
});
