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
  expect(await loginAnswer(page, 'submitter', luoshi.server.passwords.submitter ?? '')).toMatch(/账户已锁定/);
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
  expect(lockouts[0]?.['详情']).toContain('lockedUntil');
  expect(mine.map((r) => r['详情'])).toContainEqual(expect.stringContaining('locked'));

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
