import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { loginAs } from './support/fixtures.ts';
import { useLuoshi } from './support/luoshi.ts';

// 事项统计 with more units than the page names (docs/decisions/case-statistics-top-n.md): the tables show
// the largest, then 其他 and 未交办; 查看全部 opens every unit a page at a time; 提交 opens the list of the
// same cases, which holds as many; so do a department's figure and a figure in 查看全部, which open the list
// filtered by that unit (a removable chip). Looked at on a desktop and a phone (390 px, nothing sideways).
const luoshi = useLuoshi();
const SHOTS = '/tmp/shots';
const YEAR = Number(
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()),
);

async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

// Proposals of 30 further organisations, handled by 25 further departments (every fifth not forwarded),
// written straight into the server's database: the read caches see another connection's commit.
function seedManyUnits(dataDir: string): void {
  const db = new SQLite(path.join(dataDir, 'luoshi.db'));
  const now = `${YEAR}-03-01T09:00:00.000+08:00`;
  const { id: submitter } = db.prepare(`select id from users where username = 'submitter'`).get() as {
    id: number;
  };
  const { path: province } = db.prepare(`select path from regions where code = '370000'`).get() as {
    path: string;
  };
  const unit = db.prepare(
    `insert into units (region_code, name, kind, status, created_at, updated_at)
     values ('370000', ?, ?, 'active', ?, ?) returning id`,
  );
  const add = db.prepare(
    `insert into cases (type, year, region_code, region_path, submitter_region_code, submitter_region_path,
       submitter_org_id, submitter_unit_id, submitter_user_id, submitter_name, title, body, state,
       lead_unit_id, submitted_at, forwarded_at, created_at, updated_at)
     values ('proposal', ?, '370000', ?, '370000', ?, ?, ?, ?, '测试', ?, '{}', ?, ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    const orgs = Array.from(
      { length: 30 },
      (_, i) => (unit.get(`统计测试委员会${i + 1}`, 'party', now, now) as { id: number }).id,
    );
    const departments = Array.from(
      { length: 25 },
      (_, i) => (unit.get(`统计测试厅局${i + 1}`, 'department', now, now) as { id: number }).id,
    );
    for (let i = 0; i < 120; i++) {
      const org = orgs[i < orgs.length ? i : Math.floor(Math.sqrt(i * 7.5)) % orgs.length]!;
      const forwarded = i % 5 !== 0;
      add.run(
        YEAR,
        province,
        province,
        org,
        org,
        submitter,
        `统计测试建议${i + 1}`,
        forwarded ? 'forwarded' : 'submitted',
        forwarded ? departments[i % departments.length]! : null,
        now,
        forwarded ? now : null,
        now,
        now,
      );
    }
  })();
  db.close();
}

const digits = async (page: Page, testId: string) =>
  Number((await page.getByTestId(testId).locator('b').innerText()).replace(/\D/g, ''));

test('staff see the largest units with 其他, page through all of them, and open the cases behind 提交', async () => {
  seedManyUnits(luoshi.server.dataDir);
  const page = await luoshi.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  await loginAs(page, luoshi.server, 'staff');
  await page.goto('/cases/proposal/statistics');
  await page.getByTestId('case-stats-totals').waitFor();

  const orgs = page.getByTestId('case-stats-organisations');
  await orgs.getByText(/^其他（\d+ 个单位）$/).waitFor();
  // 20 named organisations and 其他.
  expect(await orgs.locator('tbody tr').count()).toBe(21);
  await page.getByTestId('case-stats-departments').getByText('未交办', { exact: true }).waitFor();
  await shot(page, 'case-stats-top-desktop');

  await page.getByTestId('case-stats-all-organisations').click();
  const drawer = page.locator('.el-drawer').filter({ hasText: '全部提交单位' });
  await drawer.getByText(/共 \d+ 个单位/).waitFor();
  const total = Number((await drawer.getByText(/共 \d+ 个单位/).innerText()).replace(/\D/g, ''));
  expect(total).toBeGreaterThan(30);
  expect(await drawer.locator('tbody tr').count()).toBe(20);
  await drawer.locator('.el-pager li', { hasText: /^2$/ }).click();
  await drawer.locator('tbody tr').first().getByText('21', { exact: true }).waitFor();
  expect(await drawer.locator('tbody tr').count()).toBe(Math.min(20, total - 20));
  await shot(page, 'case-stats-all-desktop');
  await drawer.locator('.el-drawer__close-btn').click();
  await drawer.waitFor({ state: 'hidden' });

  // 提交 opens the list of this year's proposals: as many as the figure said.
  const submitted = await digits(page, 'case-stats-submitted');
  await page.getByTestId('case-stats-submitted').click();
  await page.waitForURL(new RegExp(`/cases/proposal\\?year=${YEAR}&submitted=true$`));
  const all = page.getByTestId('case-state-counts').locator('button').first();
  await expect.poll(async () => (await all.innerText()).replace(/\s+/g, '')).toBe(`全部${submitted}`);

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/cases/proposal/statistics');
  await page.getByTestId('case-stats-totals').waitFor();
  await page.waitForTimeout(300);
  expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
  await shot(page, 'case-stats-top-phone');
  await page.getByTestId('case-stats-all-departments').click();
  const phoneDrawer = page.locator('.el-drawer').filter({ hasText: '全部承办单位' });
  await phoneDrawer.getByText(/共 \d+ 个单位/).waitFor();
  await page.waitForTimeout(300);
  expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
  await shot(page, 'case-stats-all-phone');
  await page.close();
});

// Runs after the test above, on the units it seeded.
test('a department’s figure and a figure in 查看全部 open the list of as many cases, the unit as a chip', async () => {
  const page = await luoshi.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  await loginAs(page, luoshi.server, 'staff');
  await page.goto('/cases/proposal/statistics');
  const row = page.getByTestId('case-stats-departments').locator('tbody tr').first();
  await row.waitFor();
  const name = (await row.locator('td').first().innerText()).trim();
  const figure = row.locator('td').nth(1).locator('a');
  const count = Number(await figure.innerText());
  expect(count).toBeGreaterThan(0);
  await figure.click();
  await page.waitForURL(/leadUnitId=\d+/);
  const chips = page.getByTestId('case-figure-filters');
  await chips.getByText(`承办单位：${name}`).waitFor();
  await expect.poll(() => page.getByTestId('case-list-total').innerText()).toBe(`共 ${count} 件`);
  expect(await page.locator('.rows [data-case]').count()).toBe(Math.min(count, 50));
  await shot(page, 'case-list-figure-desktop');
  // Removing the unit's chip widens the list back to the year's submitted cases.
  await chips.locator('[data-filter="leadUnitId"] .el-tag__close').click();
  await page.waitForURL((url) => !url.search.includes('leadUnitId'));
  await expect
    .poll(async () => Number((await page.getByTestId('case-list-total').innerText()).replace(/\D/g, '')))
    .toBeGreaterThan(count);

  // On a phone: 查看全部 → an organisation's 答复 → its answered cases.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/cases/proposal/statistics');
  await page.getByTestId('case-stats-all-organisations').click();
  const drawer = page.locator('.el-drawer').filter({ hasText: '全部提交单位' });
  const first = drawer.locator('tbody tr').first();
  await first.waitFor();
  const org = (await first.locator('td').nth(1).innerText()).trim();
  const submitted = first.locator('td').nth(2).locator('a');
  const n = Number(await submitted.innerText());
  await submitted.click();
  await page.waitForURL(/organisationId=\d+/);
  await page.getByTestId('case-figure-filters').getByText(`提交单位：${org}`).waitFor();
  await expect.poll(() => page.getByTestId('case-list-total').innerText()).toBe(`共 ${n} 件`);
  await page.waitForTimeout(300);
  expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
  await shot(page, 'case-list-figure-phone');
  await page.close();
});
