import fs from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { choose, expectMessage, loginAs } from './support/fixtures.ts';
import { useLuoshi } from './support/luoshi.ts';
import { api, YEAR } from './support/tasks.ts';

// 品牌活动, the pages around an event (issue 10 §1, §4): staff import the brands of the demo plan (the
// ones already there are not made twice), edit an event's place, task, co-organisers and participants
// (a stale edit says so and shows the current version), add photos and documents (a refused type says
// why), and edit and delete an outcome on the event page, whose figures move with it. Looked at on a
// desktop and a phone (390 px), where nothing scrolls sideways.
const luoshi = useLuoshi();
const SHOTS = '/tmp/shots';
const BRAND = '港澳山东千人行';
const INPUT = 'xpath=self::input | .//input';

async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}
async function noSidewaysScroll(page: Page, what: string): Promise<void> {
  await page.waitForTimeout(300);
  expect(await page.evaluate<number>('document.documentElement.scrollWidth'), what).toBeLessThanOrEqual(390);
}
const figure = async (scope: Locator, key: string) =>
  (await scope.getByTestId(`total-${key}`).locator('.value').innerText()).trim();

interface EventJson {
  id: number;
  version: number;
}

async function patchEvent(page: Page, id: number, version: number, body: object): Promise<void> {
  const { csrfToken } = (await (await page.request.get('/api/auth/me')).json()) as { csrfToken: string };
  const res = await page.request.fetch(`/api/activity-events/${id}`, {
    method: 'PATCH',
    headers: { 'X-CSRF-Token': csrfToken, 'Content-Type': 'application/json', 'If-Match': `"${version}"` },
    data: JSON.stringify(body),
  });
  expect(res.status(), await res.text()).toBe(200);
}

test('staff import brands, edit an event, add evidence, edit and delete an outcome', async () => {
  const page = await luoshi.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  await loginAs(page, luoshi.server, 'staff');

  // 从工作要点导入: the demo plan's brands, the existing ones marked and not made twice.
  const plans = await api<{ items: { id: number; title: string; region: { name: string } }[] }>(
    page,
    'GET',
    `/api/plans?year=${YEAR}&regionCode=370000`,
  );
  const plan = plans.items.find((p) => p.title.includes('演示'))!;
  await page.goto('/activities');
  await page.getByTestId('brand-list').getByRole('link', { name: BRAND, exact: true }).waitFor();
  const brandCount = await page.getByTestId('brand-list').locator('tbody tr').count();
  const plansShown = page.waitForResponse((r) => r.url().includes('/api/plans?'));
  await page.getByTestId('open-import').click();
  await plansShown;
  const importDialog = page.getByRole('dialog', { name: '从工作要点导入品牌活动' });
  await importDialog.waitFor();
  // The dialog's opening transition ends before the list is opened (a click during it is lost).
  await page.waitForTimeout(500);
  await choose(importDialog, '工作要点', `${plan.title}（${plan.region.name}）`);
  const preview = importDialog.getByTestId('import-preview');
  const row = preview.locator('tbody tr', { hasText: BRAND });
  await row.waitFor();
  expect(await row.innerText()).toContain('已有，关联条目');
  expect(await preview.innerText()).not.toContain('XX');
  await shot(page, 'activities-import-desktop');
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, 'activities-import-phone');
  await noSidewaysScroll(page, 'import dialog');
  await page.setViewportSize({ width: 1280, height: 900 });
  await importDialog.getByTestId('run-import').click();
  await expectMessage(page, /新建 0 个品牌/);
  await expect.poll(() => page.getByTestId('brand-list').locator('tbody tr').count()).toBe(brandCount);

  // An event of the brand, held, made through the API; the page does the rest.
  const me = (await (await page.request.get('/api/auth/me')).json()) as { unit: { id: number } };
  const brands = await api<{ items: { id: number; name: string; planItems: { id: number }[] }[] }>(
    page,
    'GET',
    '/api/activity-brands',
  );
  const brand = brands.items.find((b) => b.name === BRAND)!;
  let e = await api<EventJson>(
    page,
    'POST',
    '/api/activity-events',
    {
      name: `${BRAND}·青岛专场（e2e 修改）`,
      brandId: brand.id,
      planItemId: brand.planItems[0]!.id,
      startDate: `${YEAR}-06-18`,
      endDate: `${YEAR}-06-18`,
      placeRegionCode: '370000',
      organiserUnitId: me.unit.id,
    },
    { 'Idempotency-Key': crypto.randomUUID() },
  );
  for (const to of ['preparing', 'held'])
    e = await api<EventJson>(
      page,
      'POST',
      `/api/activity-events/${e.id}/transitions`,
      { to },
      {
        'If-Match': `"${e.version}"`,
      },
    );
  await page.goto(`/activities/events/${e.id}`);
  const eventPage = page.getByTestId('event-page');
  await eventPage.waitFor();
  expect(await page.getByTestId('participants').innerText()).toContain('参加单位 0 个');

  // 修改: place, task, a co-organiser and two participating organisations.
  await page.getByTestId('edit-event').click();
  const edit = page.getByRole('dialog', { name: '修改活动' });
  await edit.waitFor();
  await choose(edit, '地点地区', '青岛市', '青岛');
  await edit.getByTestId('edit-address').locator(INPUT).fill('青岛国际会议中心');
  await choose(edit, '任务（成效可计入其指标）', '持续打造“港澳山东千人行”品牌活动', '千人行');
  // A multiple choice stays open after a pick: a click on the dialog's title closes it.
  const co = edit.getByRole('combobox', { name: '协办单位' });
  await co.click({ force: true });
  await co.fill('青岛市委统战部');
  await page
    .getByRole('option', { name: '中共青岛市委统战部', exact: true })
    .filter({ visible: true })
    .click();
  await edit.locator('.el-dialog__title').click();
  for (const [i, name, count] of [
    [1, '港澳企业家代表团', '30'],
    [2, '香港山东商会', '12'],
  ] as const) {
    await edit.getByTestId('add-participant').click();
    const line = edit
      .getByTestId('edit-participants')
      .locator('.participant')
      .nth(i - 1);
    await line.locator('.name input').fill(name);
    await line.locator('.count input').fill(count);
  }
  await shot(page, 'activities-event-edit-desktop');
  await edit.getByTestId('save-edit').click();
  await expectMessage(page, '活动已保存');
  await expect.poll(() => page.getByTestId('participants').innerText()).toContain('共 42 人次');
  expect(await page.getByTestId('co-organisers').innerText()).toContain('中共青岛市委统战部');
  expect(await eventPage.innerText()).toContain('青岛国际会议中心');
  expect(await eventPage.innerText()).toContain('持续打造“港澳山东千人行”品牌活动');

  // Someone else changes it meanwhile: the page's edit is refused, says so, and shows theirs.
  const current = await api<EventJson>(page, 'GET', `/api/activity-events/${e.id}`);
  await patchEvent(page, e.id, current.version, { summary: '另一位同事补充的活动概况' });
  await page.getByTestId('edit-event').click();
  await edit.getByTestId('edit-name').locator(INPUT).fill('不会保存的名称');
  await edit.getByTestId('save-edit').click();
  await expectMessage(page, /已被他人修改/);
  await expect.poll(() => eventPage.innerText()).toContain('另一位同事补充的活动概况');
  expect(await eventPage.innerText()).not.toContain('不会保存的名称');

  // 照片和材料: a photo and a PDF are kept; a text file is refused with the reason.
  const photo = await page.screenshot({ clip: { x: 0, y: 0, width: 240, height: 160 } });
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
  await page.getByTestId('evidence-input').setInputFiles([
    { name: '活动合影.png', mimeType: 'image/png', buffer: photo },
    { name: '活动通知.pdf', mimeType: 'application/pdf', buffer: pdf },
    { name: '说明.txt', mimeType: 'text/plain', buffer: Buffer.from('只是文字') },
  ]);
  const evidence = page.getByTestId('event-evidence');
  await evidence.getByRole('img', { name: '活动合影.png' }).waitFor();
  await evidence.getByRole('link', { name: '活动通知.pdf' }).waitFor();
  expect(await page.getByTestId('evidence-problems').innerText()).toContain('说明.txt');
  const href = await evidence.getByRole('link', { name: '活动通知.pdf' }).getAttribute('href');
  expect((await page.request.get(href!)).status()).toBe(200);
  await evidence.scrollIntoViewIfNeeded();
  await shot(page, 'activities-evidence-desktop');
  await page.setViewportSize({ width: 390, height: 844 });
  await evidence.scrollIntoViewIfNeeded();
  await shot(page, 'activities-evidence-phone');
  await noSidewaysScroll(page, 'event evidence');
  await page.setViewportSize({ width: 1280, height: 900 });

  // 删除 a document: asked first, then gone from the page and from its link; the timeline says which.
  await evidence.getByRole('button', { name: '删除 活动通知.pdf' }).click();
  const confirm = page.getByRole('dialog', { name: '删除照片或材料' });
  await confirm.waitFor();
  await confirm.getByRole('button', { name: '删除' }).click();
  await expectMessage(page, '已删除 活动通知.pdf');
  await expect.poll(() => evidence.getByRole('link', { name: '活动通知.pdf' }).count()).toBe(0);
  await evidence.getByRole('img', { name: '活动合影.png' }).waitFor();
  expect((await page.request.get(href!)).status()).toBe(404);
  expect(await eventPage.innerText()).toContain('删除附件');

  // Outcomes: a project recorded, edited (amount, 已开工 with a note, 开工 done), then deleted.
  const form = page.getByTestId('outcome-form');
  await form.getByTestId('outcome-name').locator(INPUT).fill('海洋装备合作项目');
  await form.getByTestId('outcome-enterprise').locator(INPUT).fill('香港海洋科技有限公司');
  await form.getByTestId('outcome-amount').locator(INPUT).fill('300');
  await pickStart(form, `${YEAR}-07-01`);
  // The event's task (chosen above) offers its indicators.
  await choose(form, '计入指标', '参加交流的港澳人士（人次）');
  await page.getByTestId('add-outcome').click();
  const outcomes = page.getByTestId('outcomes');
  const projectRow = outcomes.locator('tbody tr', { hasText: '海洋装备合作项目' }).first();
  await projectRow.waitFor();
  expect(await figure(eventPage, 'amount')).toBe('300');
  await projectRow.getByRole('button', { name: '修改' }).click();
  const outcomeEdit = page.getByRole('dialog', { name: '修改成效：签约项目' });
  await outcomeEdit.waitFor();
  await outcomeEdit.getByTestId('edit-amount').locator(INPUT).fill('450.5');
  await choose(outcomeEdit, '项目状态', '已开工');
  await outcomeEdit.getByTestId('edit-status-note').locator(INPUT).fill('6 月 28 日开工');
  const done = outcomeEdit.getByTestId('followup-start').locator('input').nth(1);
  await done.fill(`${YEAR}-06-28`);
  await done.press('Enter');
  await shot(page, 'activities-outcome-edit-desktop');
  await outcomeEdit.getByTestId('save-outcome').click();
  await expectMessage(page, '成效已保存');
  await expect.poll(() => figure(eventPage, 'amount')).toBe('450.5');
  await projectRow.locator('.el-table__expand-icon').click();
  const more = outcomes.locator('[data-testid^="outcome-more-"]').first();
  await expect.poll(() => more.innerText()).toContain('已开工：6 月 28 日开工');
  expect(await more.innerText()).toContain('已签约');
  expect(await more.innerText()).toContain(`${YEAR}-06-28 完成`);
  expect(await more.innerText()).toContain('计入指标：参加交流的港澳人士');
  await shot(page, 'activities-event-edited-desktop');

  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, 'activities-event-edited-phone');
  await noSidewaysScroll(page, 'event page');
  await page.getByTestId('edit-event').click();
  await edit.waitFor();
  await shot(page, 'activities-event-edit-phone');
  await noSidewaysScroll(page, 'event edit dialog');
  await edit.getByRole('button', { name: '取消' }).click();
  await page.setViewportSize({ width: 1280, height: 900 });

  await projectRow.getByRole('button', { name: '删除' }).click();
  await expect.poll(() => figure(eventPage, 'projects')).toBe('0');
  expect(await figure(eventPage, 'amount')).toBe('0');
  await page.close();
});

async function pickStart(form: Locator, date: string): Promise<void> {
  const input = form.getByRole('combobox', { name: /计划开工$/ });
  await input.fill(date);
  await input.press('Enter');
}

// The event list reads a page of 50 at a time, newest first; 加载更多 appends the next page, and the counts
// per stage are of all of them. 55 events of a year nobody else uses, made through the API.
test('the event list pages 50 at a time with the counts of all', async () => {
  const page = await luoshi.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  await loginAs(page, luoshi.server, 'staff');
  const me = (await (await page.request.get('/api/auth/me')).json()) as { unit: { id: number } };
  const year = 2030;
  for (let i = 1; i <= 55; i++) {
    const day = `${year}-${String(1 + Math.floor((i - 1) / 28)).padStart(2, '0')}-${String(1 + ((i - 1) % 28)).padStart(2, '0')}`;
    await api(
      page,
      'POST',
      '/api/activity-events',
      {
        name: `分页活动 ${String(i).padStart(2, '0')}`,
        startDate: day,
        endDate: day,
        placeRegionCode: '370000',
        organiserUnitId: me.unit.id,
      },
      { 'Idempotency-Key': crypto.randomUUID() },
    );
  }
  await page.goto(`/activities/events?year=${year}`);
  const list = page.getByTestId('event-list');
  const rows = list.locator('tbody tr');
  await expect.poll(() => rows.count()).toBe(50);
  // Newest first: the last made (55, in February) leads, 06 is the last of the first page.
  expect(await rows.first().innerText()).toContain('分页活动 55');
  expect(await rows.nth(49).innerText()).toContain('分页活动 06');
  const foot = page.getByTestId('event-list-foot');
  expect(await foot.innerText()).toContain('共 55 个活动，已显示 50 个');
  expect(await page.getByTestId('state-planned').innerText()).toContain('55');
  await foot.scrollIntoViewIfNeeded();
  await shot(page, 'activities-event-list-desktop');
  await page.getByTestId('more-events').click();
  await expect.poll(() => rows.count()).toBe(55);
  expect(await rows.nth(54).innerText()).toContain('分页活动 01');
  expect(await foot.innerText()).toContain('共 55 个活动');
  expect(await foot.innerText()).not.toContain('已显示');
  expect(await page.getByTestId('more-events').count()).toBe(0);
  await page.setViewportSize({ width: 390, height: 844 });
  await foot.scrollIntoViewIfNeeded();
  await shot(page, 'activities-event-list-phone');
  await noSidewaysScroll(page, 'event list');
  await page.close();
});
