import fs from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { choose, expectMessage, loginAs, logout } from './support/fixtures.ts';
import { useLuoshi } from './support/luoshi.ts';
import { api, planOfThisYear } from './support/tasks.ts';

// Issue 9 §9, a 议政建言 proposal end to end on the case pages: 民盟 drafts it in three parts and a 民建
// member co-signs (confirms on the case page); the proposal is submitted; staff accept (立案) and forward
// it to 发改委; the department answers; the proposer and the co-signer rate, the proposer 不满意, so it
// reopens; the second answer satisfies both; staff mark it adopted and turn it into a task under this
// year's plan; the department carries the task out and staff confirm it (through the API, as the task
// specs do); the proposer sees the task done on the case page. Pages are looked at on a phone and a desktop.

// The server's own clock (the admins' TOTP codes are computed on real time); dates are counted from today.
const luoshi = useLuoshi();
const daysAhead = (n: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
    new Date(Date.now() + n * 86_400_000),
  );
const SHOTS = '/tmp/shots';
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const TITLE = '关于破解民营企业融资难的建议（联名）';
const COSIGNER = 'minjian_e2e';

async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

async function signIn(page: Page, username: string, viewport = DESKTOP): Promise<void> {
  await page.setViewportSize(DESKTOP);
  await loginAs(page, luoshi.server, username);
  await page.setViewportSize(viewport);
}

async function signOut(page: Page): Promise<void> {
  await page.setViewportSize(DESKTOP);
  await logout(page);
}

// A request with the page's session and an If-Match version (PUT and versioned POSTs).
async function versioned<T>(page: Page, method: 'PUT' | 'POST', url: string, version: number, data: unknown) {
  const { csrfToken } = (await (await page.request.get('/api/auth/me')).json()) as { csrfToken: string };
  const response = await page.request.fetch(url, {
    method,
    headers: { 'X-CSRF-Token': csrfToken, 'Content-Type': 'application/json', 'If-Match': `"${version}"` },
    data: JSON.stringify(data),
  });
  if (!response.ok()) throw new Error(`${method} ${url}: ${response.status()} ${await response.text()}`);
  return (await response.json()) as T;
}

function actions(page: Page): Locator {
  return page.getByTestId('case-actions');
}

async function openCase(page: Page, url: string, state: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('case-state').filter({ hasText: state }).waitFor();
}

// Clicks an action's button, fills its form with `fill` and confirms; waits for the success message.
async function act(page: Page, label: string, fill?: (dialog: Locator) => Promise<void>): Promise<void> {
  await actions(page).getByRole('button', { name: label, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: label });
  await dialog.waitFor();
  if (fill) await fill(dialog);
  await dialog.getByTestId('case-action-confirm').click();
  await expectMessage(page, `已${label}`);
  await dialog.waitFor({ state: 'hidden' });
}

const part = (dialog: Locator, label: string) =>
  dialog.locator('.el-form-item').filter({ hasText: label }).locator('textarea').first();

async function typeDate(scope: Locator, label: string, date: string): Promise<void> {
  const input = scope.locator('.el-form-item').filter({ hasText: label }).locator('input').first();
  await input.click();
  await input.fill(date);
  await input.press('Enter');
  expect(await input.inputValue()).toBe(date);
}

test('a party committee proposes with a co-signer; staff forward it; the second answer satisfies; it becomes a task whose completion the proposer sees', async () => {
  const page = await luoshi.newPage();
  try {
    await proposalLoop(page);
  } catch (error) {
    await shot(page, 'case-failure').catch(() => undefined);
    throw error;
  }
}, 600_000);

async function proposalLoop(page: Page): Promise<void> {
  // A 民建 member to co-sign: sysadmin opens the account, secadmin gives it the submitter role.
  await signIn(page, 'sysadmin');
  const units = await api<{ items: { id: number; name: string }[] }>(
    page,
    'GET',
    `/api/units?q=${encodeURIComponent('民建山东省委会')}`,
  );
  const minjian = units.items.find((u) => u.name === '民建山东省委会')!.id;
  const created = await api<{ user: { id: number }; initialPassword: string }>(
    page,
    'POST',
    '/api/users',
    { username: COSIGNER, displayName: '王建国', unitId: minjian, regionCode: '370000' },
    { 'Idempotency-Key': crypto.randomUUID() },
  );
  luoshi.server.passwords[COSIGNER] = created.initialPassword;
  await signOut(page);
  await signIn(page, 'secadmin');
  const user = await api<{ version: number }>(page, 'GET', `/api/users/${created.user.id}`);
  await versioned(page, 'PUT', `/api/users/${created.user.id}/roles`, user.version, { roles: ['submitter'] });
  await signOut(page);

  // This year's plan, for the task the proposal becomes.
  await signIn(page, 'staff');
  await planOfThisYear(page);
  await signOut(page);

  // 民盟 (the submitter) drafts the proposal in its three parts, on a phone.
  await signIn(page, 'submitter', PHONE);
  await page.goto('/cases/proposal');
  await page.getByTestId('case-list-title').filter({ hasText: '议政建言' }).waitFor();
  await page.getByRole('button', { name: '新建议政建言' }).click();
  const form = page.getByTestId('case-draft-form');
  await form.locator('.el-form-item').filter({ hasText: '标题' }).locator('input').fill(TITLE);
  await part(form, '一、情况').fill('我省中小微民营企业融资难、融资贵问题仍较突出。');
  await part(form, '二、分析').fill('企业缺少抵押物，信用信息分散在多个部门，银行难以评估。');
  await part(form, '三、建议').fill('建立全省统一的融资信用服务平台，归集涉企信用信息。');
  await shot(page, 'case-phone-draft');
  await page.getByTestId('case-draft-save').click();
  await expectMessage(page, '草稿已保存');
  await page.getByTestId('case-state').filter({ hasText: '草稿' }).waitFor();
  const caseUrl = page.url();
  expect(caseUrl).toMatch(/\/cases\/\d+$/);
  const caseId = Number(caseUrl.split('/').pop());
  // The co-signer is invited on the case page: found by part of the name among the submitter accounts
  // (GET /api/cases/cosigner-candidates), with the date by which to confirm.
  await act(page, '邀请联名', async (dialog) => {
    const picker = dialog.getByTestId('cosigner-picker');
    await picker.click();
    await picker.locator('input').fill('王建');
    await page
      .getByRole('option', { name: '王建国（民建山东省委会）', exact: true })
      .filter({ visible: true })
      .click();
    // A multiple select stays open after a choice; a click on the form's note closes it.
    await dialog.locator('.muted').first().click();
    await picker.locator('.el-tag').filter({ hasText: '王建国（民建山东省委会）' }).waitFor();
    await typeDate(dialog, '确认期限', daysAhead(7));
  });
  await page.getByTestId('case-signer').filter({ hasText: '王建国（待确认）' }).waitFor();
  await signOut(page);

  // The co-signer confirms on the case page (first sign-in: the one-time password is changed).
  await signIn(page, COSIGNER);
  await openCase(page, caseUrl, '草稿');
  await act(page, '确认联名');
  await page.getByTestId('case-signer').filter({ hasText: '王建国（已确认）' }).waitFor();
  await signOut(page);

  // The proposer submits.
  await signIn(page, 'submitter');
  await openCase(page, caseUrl, '草稿');
  await act(page, '提交');
  await page.getByTestId('case-state').filter({ hasText: '已提交待审查' }).waitFor();
  await signOut(page);

  // Staff: the list counts it under 已提交待审查; they accept it and forward it to 发改委.
  await signIn(page, 'staff');
  await page.goto('/cases/proposal');
  await page.getByTestId('case-state-counts').locator('[data-state="submitted"]').click();
  await page.locator(`[data-case="${caseId}"]`).waitFor();
  await shot(page, 'case-desktop-staff-list');
  await page.locator(`[data-case="${caseId}"]`).click();
  await page.getByTestId('case-state').filter({ hasText: '已提交待审查' }).waitFor();
  expect(await actions(page).getByRole('button').allInnerTexts()).toEqual(
    expect.arrayContaining(['立案', '不予立案', '留作参考', '并案', '标为重点']),
  );
  await act(page, '立案');
  await page.getByTestId('case-state').filter({ hasText: '已立案待交办' }).waitFor();
  await act(page, '交办', (dialog) => choose(dialog, '主办单位', '山东省发展和改革委员会', '发展和改革'));
  await page.getByTestId('case-state').filter({ hasText: '办理中' }).waitFor();
  await signOut(page);

  // 发改委 answers (the lead unit's letter and its category).
  await signIn(page, 'handler');
  await openCase(page, caseUrl, '办理中');
  await act(page, '答复', async (dialog) => {
    await part(dialog, '答复内容').fill('我委将会同人民银行研究建设融资信用服务平台。');
    await dialog.getByRole('radio', { name: '列入计划解决' }).check({ force: true });
  });
  await page.getByTestId('case-state').filter({ hasText: '已答复待评价' }).waitFor();
  await signOut(page);

  // The proposer is not satisfied; the co-signer rates too, and the case reopens for a second answer.
  await signIn(page, 'submitter', PHONE);
  await openCase(page, caseUrl, '已答复待评价');
  await page.getByTestId('case-answers').getByText('会同人民银行').waitFor();
  await act(page, '评价', async (dialog) => {
    await dialog.getByRole('radio', { name: '不满意' }).check({ force: true });
    await part(dialog, '意见').fill('未明确时限');
  });
  await signOut(page);
  await signIn(page, COSIGNER);
  await openCase(page, caseUrl, '已答复待评价');
  await act(page, '评价', (dialog) => dialog.getByRole('radio', { name: '基本满意' }).check({ force: true }));
  await page.getByTestId('case-state').filter({ hasText: '不满意再次办理' }).waitFor();
  await signOut(page);

  // The second answer, on a phone; both rate it 满意 and the case is closed.
  await signIn(page, 'handler', PHONE);
  await openCase(page, caseUrl, '不满意再次办理');
  await act(page, '答复', async (dialog) => {
    await part(dialog, '答复内容').fill('平台将于 2027 年 6 月底前上线，已列入我委年度重点工作。');
    await dialog.getByRole('radio', { name: '已解决' }).check({ force: true });
    await shot(page, 'case-phone-answer-form');
  });
  await signOut(page);
  for (const who of ['submitter', COSIGNER]) {
    await signIn(page, who);
    await openCase(page, caseUrl, '已答复待评价');
    await act(page, '评价', (dialog) =>
      dialog.getByRole('radio', { name: '满意', exact: true }).check({ force: true }),
    );
    await signOut(page);
  }

  // Staff mark it adopted and turn it into a task under this year's plan.
  await signIn(page, 'staff');
  await openCase(page, caseUrl, '已办结');
  await act(page, '采纳', (dialog) => part(dialog, '采纳情况').fill('建议已被采纳，列入省发改委年度工作'));
  await page.getByTestId('case-adopted').waitFor();
  await act(page, '转为任务', async (dialog) => {
    await dialog.getByTestId('case-task-item').click();
    await page.getByRole('option').filter({ visible: true }).first().click();
    await typeDate(dialog, '完成时限', daysAhead(30));
  });
  await page.getByTestId('case-task').waitFor();
  await shot(page, 'case-desktop-task');
  const detail = await api<{ taskId: number }>(page, 'GET', `/api/cases/${caseId}`);
  await signOut(page);

  // The department signs and reports the task done; staff confirm it (the task specs' API steps).
  const taskVersion = async () =>
    (await api<{ version: number }>(page, 'GET', `/api/tasks/${detail.taskId}`)).version;
  await signIn(page, 'handler');
  await versioned(page, 'POST', `/api/tasks/${detail.taskId}/sign`, await taskVersion(), {});
  await versioned(page, 'POST', `/api/tasks/${detail.taskId}/completion`, await taskVersion(), {
    summary: '融资信用服务平台已上线运行',
  });
  await signOut(page);
  await signIn(page, 'staff');
  await versioned(page, 'POST', `/api/tasks/${detail.taskId}/completion/confirm`, await taskVersion(), {});
  await signOut(page);

  // The proposer, on a phone, sees the task done on the case page and in the story.
  await signIn(page, 'submitter', PHONE);
  await openCase(page, caseUrl, '已办结');
  await page.getByTestId('case-task-status').filter({ hasText: '已办结' }).waitFor();
  const story = page.getByTestId('case-timeline');
  await story.getByText('转办任务完成').waitFor();
  for (const step of ['提交', '立案', '交办', '答复', '评价', '采纳', '转为任务'])
    await story.getByText(step, { exact: false }).first().waitFor();
  expect(await actions(page).getByRole('button').count()).toBe(0);
  await shot(page, 'case-phone-done');
  // The page scrolls inside the layout: the story and the task card are looked at on their own.
  await story.screenshot({ path: `${SHOTS}/case-phone-story.png` });
  await page.getByTestId('case-task').screenshot({ path: `${SHOTS}/case-phone-task.png` });
  await page.getByTestId('case-answers').screenshot({ path: `${SHOTS}/case-phone-answers.png` });
  await page.setViewportSize(DESKTOP);
  await shot(page, 'case-desktop-done');
  await page.goto('/cases/proposal');
  await page.locator(`[data-case="${caseId}"]`).waitFor();
  await shot(page, 'case-desktop-list');
  await page.setViewportSize(PHONE);
  await shot(page, 'case-phone-list');
}

// Issue 9 §4 on the same pages: an enterprise appeal recorded by the submitting side (enterprise, kind,
// channel), forwarded by staff to 发改委 with the state counts of the list, answered, and rated 满意.
test('an enterprise appeal is recorded, forwarded, answered and rated on the same pages', async () => {
  const page = await luoshi.newPage();
  try {
    await signIn(page, 'submitter');
    await page.goto('/cases/appeal');
    await page.getByRole('button', { name: '登记企业诉求' }).click();
    const form = page.getByTestId('case-draft-form');
    await form
      .locator('.el-form-item')
      .filter({ hasText: '标题' })
      .locator('input')
      .fill('物流园区用地手续办理缓慢');
    await form
      .locator('.el-form-item')
      .filter({ hasText: '企业名称' })
      .locator('input')
      .fill('济南某物流有限公司');
    // Saved without a kind first: the server's Chinese message shows under the field.
    await page.getByTestId('case-draft-save').click();
    await form.getByText('请选择诉求类型：诉求、协调、政策咨询或其他').waitFor();
    await form.getByRole('radio', { name: '协调' }).check({ force: true });
    await choose(form, '反映渠道', '座谈会');
    await part(form, '诉求内容').fill('园区二期用地手续已报送三个月，尚无答复。');
    await page.getByTestId('case-draft-save').click();
    await expectMessage(page, '草稿已保存');
    await page.getByTestId('case-state').filter({ hasText: '草稿' }).waitFor();
    const url = page.url();
    await act(page, '提交');
    await page.getByTestId('case-state').filter({ hasText: '已提交待审查' }).waitFor();
    await shot(page, 'appeal-desktop-submitted');
    await signOut(page);

    await signIn(page, 'staff');
    await openCase(page, url, '已提交待审查');
    await act(page, '交办', (dialog) => choose(dialog, '主办单位', '山东省发展和改革委员会', '发展和改革'));
    await signOut(page);

    await signIn(page, 'handler');
    await openCase(page, url, '办理中');
    await act(page, '答复', async (dialog) => {
      await part(dialog, '答复内容').fill('已协调自然资源部门，手续将于两周内办结。');
      await dialog.getByRole('radio', { name: '已解决' }).check({ force: true });
    });
    await signOut(page);

    await signIn(page, 'submitter', PHONE);
    await openCase(page, url, '已答复待评价');
    await act(page, '评价', (dialog) =>
      dialog.getByRole('radio', { name: '满意', exact: true }).check({ force: true }),
    );
    await page.getByTestId('case-state').filter({ hasText: '已办结' }).waitFor();
    await shot(page, 'appeal-phone-closed');
  } catch (error) {
    await shot(page, 'appeal-failure').catch(() => undefined);
    throw error;
  }
}, 300_000);
