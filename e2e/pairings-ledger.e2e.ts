import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { readLedger } from '../server/modules/pairings/testing/ledger.read.ts';
import { choose, loginAs, logout } from './support/fixtures.ts';
import { useLuoshi } from './support/luoshi.ts';
import { api, YEAR } from './support/tasks.ts';

// 万企兴万村 (issue 10 §2, §6): the provincial 工商联's contact enters a pairing with a village picked level by
// level, the province's staff approve it, and the ledger's .xlsx shows it with totals equal to the page's.
// The pages are looked at on a desktop and a phone (390 px), where nothing scrolls sideways.
const luoshi = useLuoshi();
const SHOTS = '/tmp/shots';

async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

async function pickNode(page: Page, name: string | RegExp): Promise<void> {
  const node = page.locator('.el-cascader-node').filter({ hasText: name }).filter({ visible: true }).first();
  await node.waitFor();
  await node.click();
}

test('a 工商联 contact enters a pairing, staff approve it, the ledger export shows it', async () => {
  const page = await luoshi.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });

  // The demo's 工商联 contact has a password nobody knows: the system administrator resets it.
  await loginAs(page, luoshi.server, 'sysadmin');
  const users = await api<{ items: Array<{ id: number; username: string }> }>(
    page,
    'GET',
    '/api/users?q=gsl_zhaomin',
  );
  const id = users.items.find((u) => u.username === 'gsl_zhaomin')!.id;
  const reset = await api<{ initialPassword: string }>(page, 'POST', `/api/users/${id}/password-reset`, {});
  luoshi.server.passwords.gsl_zhaomin = reset.initialPassword;
  await logout(page);

  await loginAs(page, luoshi.server, 'gsl_zhaomin');
  await page.goto('/pairings');
  await page.getByRole('heading', { name: '万企兴万村结对台账' }).waitFor();
  await page.getByTestId('new-pairing').click();
  const form = page.getByTestId('pairing-form');
  await form.waitFor();
  await choose(form, '企业', '山东鲁农现代农业集团有限公司（山东省工商业联合会）');
  await form.getByPlaceholder('省 / 市 / 县 / 乡镇 / 村').click();
  await pickNode(page, '山东省');
  await pickNode(page, '济南市');
  await pickNode(page, '章丘区');
  await pickNode(page, '明水街道');
  const village = page.locator('.el-cascader-menu').last().locator('.el-cascader-node').first();
  await village.waitFor();
  const villageName = (await village.innerText()).trim();
  await village.click();
  await page.getByTestId('pairing-title').fill('明水街道电商助农');
  await page.getByTestId('pairing-invested').fill('33.33');
  await page.getByTestId('pairing-people').locator('input').fill('12');
  await shot(page, 'pairing-form-desktop');
  await page.getByTestId('pairing-save').click();
  await page.getByTestId('pairing-page').waitFor();
  expect(await page.getByTestId('pairing-status').innerText()).toBe('待审核');
  await expect.poll(() => page.getByTestId('pairing-page').innerText()).toContain(villageName);
  const pairingUrl = page.url();
  await logout(page);

  await loginAs(page, luoshi.server, 'staff');
  await page.goto(pairingUrl);
  await page.getByTestId('pairing-approve').click();
  await expect.poll(() => page.getByTestId('pairing-status').innerText()).toBe('已通过');
  await shot(page, 'pairing-page-desktop');

  await page.goto(`/pairings?year=${YEAR}`);
  await page.getByTestId('pairing-totals').waitFor();
  await page.getByTestId('pairing-chart').locator('canvas').waitFor();
  const stats = await api<{ totals: { pairings: number; investedWan: string } }>(
    page,
    'GET',
    `/api/pairings/statistics?year=${YEAR}`,
  );
  expect(await page.getByTestId('pairing-totals').innerText()).toContain(stats.totals.investedWan);
  await shot(page, 'pairing-ledger-desktop');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('pairing-export').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  const ledger = await readLedger(fs.readFileSync(await download.path()));
  const row = ledger.rows.find((r) => r[9] === '明水街道电商助农');
  expect(row?.[11]).toBe(33.33);
  expect(row?.[16]).toBe('已通过');
  // The export holds every status; its approved rows add up to the page's figure.
  const approved = await page.request.get(`/api/pairings/export.xlsx?year=${YEAR}&status=approved`);
  const approvedLedger = await readLedger(Buffer.from(await approved.body()));
  expect(String(approvedLedger.total[11])).toBe(String(Number(stats.totals.investedWan)));
  expect(approvedLedger.rows).toHaveLength(stats.totals.pairings);

  // A figure opens its records: the province's 项目数 lists exactly that many approved pairings.
  await page.getByTestId('stats-count-37').click();
  await page.waitForURL(/area=37/);
  await expect
    .poll(() => page.getByTestId('pairing-list').locator('tbody tr').count())
    .toBe(stats.totals.pairings);

  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await page.getByTestId('pairing-totals').waitFor();
  await page.waitForTimeout(300);
  await shot(page, 'pairing-ledger-phone');
  expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
  await page.goto(pairingUrl);
  await page.getByTestId('pairing-page').waitFor();
  await shot(page, 'pairing-page-phone');
  expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
  await page.close();
});
