import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { readLedger } from '../server/modules/pairings/testing/ledger.read.ts';
import { choose, loginAs, logout } from './support/fixtures.ts';
import { useLuoshi } from './support/luoshi.ts';
import { api, planOfThisYear, YEAR } from './support/tasks.ts';

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

// The entry form up to 保存: enterprise, a village of 明水街道 picked level by level, title and figures.
async function fillPairing(page: Page, title: string, invested: string): Promise<string> {
  const form = page.getByTestId('pairing-form');
  await form.waitFor();
  await choose(form, '企业', '山东鲁农现代农业集团有限公司（山东省工商业联合会）');
  await form.getByPlaceholder('省 / 市 / 县 / 乡镇 / 村').click();
  await pickNode(page, '山东省');
  await pickNode(page, '济南市');
  await pickNode(page, '章丘区');
  await pickNode(page, '明水街道');
  // The fifth column (村) loads after 明水街道 is picked: wait for it, not for whichever column is last now
  // (under load the 乡镇 column was still the last one, and its first node is a 街道, not a village).
  const village = page
    .locator('.el-cascader-menu')
    .filter({ visible: true })
    .nth(4)
    .locator('.el-cascader-node')
    .first();
  await village.waitFor();
  const villageName = (await village.innerText()).trim();
  await village.click();
  await page.getByTestId('pairing-title').fill(title);
  await page.getByTestId('pairing-invested').fill(invested);
  await page.getByTestId('pairing-people').locator('input').fill('12');
  return villageName;
}

interface PlanItemNode {
  id: number;
  heading: string;
  body: string;
  children: PlanItemNode[];
}
const namingLedger = (items: PlanItemNode[]): PlanItemNode | undefined =>
  items.find((i) => `${i.heading}${i.body}`.includes('万企兴万村')) ??
  items.map((i) => namingLedger(i.children)).find(Boolean);

test('a 工商联 contact enters a pairing, staff approve it, the ledger export shows it', async () => {
  const page = await luoshi.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });

  // The demo's 工商联 contact is among the accounts printed at start (one-time password).
  expect(luoshi.server.passwords.gsl_zhaomin).toBeTruthy();
  await loginAs(page, luoshi.server, 'gsl_zhaomin');
  await page.goto('/pairings');
  await page.getByRole('heading', { name: '万企兴万村结对台账' }).waitFor();
  await page.getByTestId('new-pairing').click();
  const villageName = await fillPairing(page, '明水街道电商助农', '33.33');
  await shot(page, 'pairing-form-desktop');
  await page.getByTestId('pairing-save').click();
  await page.getByTestId('pairing-page').waitFor();
  expect(await page.getByTestId('pairing-status').innerText()).toBe('待审核');
  await expect.poll(() => page.getByTestId('pairing-page').innerText()).toContain(villageName);
  const pairingUrl = page.url();

  // The same pairing again: the server's PAIRING_DUPLICATE shows beside 结对村, with the entry it repeats.
  await page.goto('/pairings');
  await page.getByTestId('new-pairing').click();
  await fillPairing(page, '明水街道电商助农（重复）', '1');
  await page.getByTestId('pairing-save').click();
  const villageItem = page.getByTestId('pairing-village-item');
  await expect.poll(() => villageItem.innerText()).toContain('请勿重复登记');
  await page.getByTestId('pairing-duplicate-link').waitFor();
  await shot(page, 'pairing-form-duplicate-desktop');
  // Another type is another pairing: entered, then withdrawn by her before review.
  await choose(page.getByTestId('pairing-form'), '项目类型', '就业帮扶');
  await page.getByTestId('pairing-save').click();
  await page.getByTestId('pairing-page').waitFor();
  await expect.poll(() => page.getByTestId('pairing-page').innerText()).toContain('（重复）');
  await page.getByTestId('pairing-withdraw').click();
  await page.getByRole('button', { name: '撤回', exact: true }).last().click();
  await page.waitForURL(/\/pairings\?year=/);
  await expect.poll(() => page.getByTestId('pairing-list').innerText()).not.toContain('（重复）');
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

  // The dashboard's 万企兴万村 block: its figure opens the ledger on the same approved pairings.
  await page.goto(`/dashboard?year=${YEAR}`);
  const block = page.getByTestId('dashboard-pairings');
  await block.waitFor();
  expect(await block.getByTestId('pairing-total-pairings').innerText()).toContain(
    String(stats.totals.pairings),
  );
  expect(await block.getByTestId('pairing-total-invested').innerText()).toContain(stats.totals.investedWan);
  await block.scrollIntoViewIfNeeded();
  await shot(page, 'dashboard-pairings-desktop');
  await block.getByTestId('pairing-total-invested').click();
  await page.waitForURL(/regionCode=370000/);
  await page.getByTestId('pairing-region').waitFor();
  await expect
    .poll(() => page.getByTestId('pairing-list').locator('tbody tr').count())
    .toBe(stats.totals.pairings);
  expect(await page.getByTestId('pairing-totals').innerText()).toContain(stats.totals.investedWan);
  await shot(page, 'pairing-ledger-region-desktop');

  // The plan item naming 万企兴万村 shows the same figures in its drawer.
  const planId = await planOfThisYear(page);
  const plan = await api<{ items: PlanItemNode[] }>(page, 'GET', `/api/plans/${planId}`);
  const item = namingLedger(plan.items);
  expect(item, 'the demo plan names 万企兴万村').toBeTruthy();
  await page.goto(`/plans/${planId}?item=${item!.id}`);
  const drawer = page.getByTestId('plan-item-pairings');
  await drawer.waitFor();
  expect(await drawer.getByTestId('pairing-total-pairings').innerText()).toContain(
    String(stats.totals.pairings),
  );
  await shot(page, 'plan-item-pairings-desktop');
  await drawer.getByTestId('pairing-total-pairings').click();
  await page.waitForURL(/\/pairings\?/);
  await expect
    .poll(() => page.getByTestId('pairing-list').locator('tbody tr').count())
    .toBe(stats.totals.pairings);

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/dashboard?year=${YEAR}`);
  await page.getByTestId('dashboard-pairings').waitFor();
  await page.waitForTimeout(300);
  await page.getByTestId('dashboard-pairings').scrollIntoViewIfNeeded();
  await shot(page, 'dashboard-pairings-phone');
  expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
  await page.goto(`/plans/${planId}?item=${item!.id}`);
  await page.getByTestId('plan-item-pairings').waitFor();
  await page.waitForTimeout(300);
  await shot(page, 'plan-item-pairings-phone');
  await page.goto(`/pairings?year=${YEAR}`);
  await page.getByTestId('pairing-totals').waitFor();
  await page.waitForTimeout(300);
  await shot(page, 'pairing-ledger-phone');
  expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
  await page.goto(pairingUrl);
  await page.getByTestId('pairing-page').waitFor();
  await shot(page, 'pairing-page-phone');
  expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
  await page.close();
}, 300_000);
