import fs from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { expectMessage, loginAs, logout } from './support/fixtures.ts';
import { useLuoshi } from './support/luoshi.ts';

// Issue 9 §3 on the project pages: staff open a 民主监督 project for 民盟 over 发改委 through the 新建监督项目
// dialog (a phone and a desktop looked at); 民盟's submitter raises a report from the project page (the
// oversight draft with the project chosen), submits it, and the project page lists it with its state for
// the party and for staff; the party rates the agency; staff close the project with a summary.

const luoshi = useLuoshi();
const SHOTS = '/tmp/shots';
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const TOPIC = '营商环境政策落实情况民主监督';
const REPORT = '审批时限监督报告';
const today = (n = 0) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
    new Date(Date.now() + n * 86_400_000),
  );

async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

async function signIn(page: Page, username: string, viewport = DESKTOP): Promise<void> {
  await page.setViewportSize(DESKTOP);
  await loginAs(page, luoshi.server, username);
  await page.setViewportSize(viewport);
}

const item = (scope: Locator, label: string) => scope.locator('.el-form-item').filter({ hasText: label });

async function typeDate(scope: Locator, label: string, date: string): Promise<void> {
  const input = item(scope, label).locator('input').first();
  await input.click();
  await input.fill(date);
  await input.press('Enter');
  expect(await input.inputValue()).toBe(date);
}

// A unit picker (searched on the server): types part of the name and picks the unit.
const unfiltered = (href: string | URL) => {
  const url = new URL(href);
  return url.pathname === '/api/units' && !url.searchParams.has('q');
};

// With `typedFirst`, the person types at once and any load of all units (nothing typed) answers only
// after the typed search has: the list must still show the typed search's units.
async function pickUnit(
  page: Page,
  scope: Locator,
  label: string,
  search: string,
  name: string,
  typedFirst = false,
) {
  const input = item(scope, label).locator('input').first();
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  if (typedFirst)
    await page.route(unfiltered, async (route) => {
      await held;
      await route.continue();
    });
  await input.click();
  if (typedFirst) {
    await input.fill(search);
    await page.getByRole('option').filter({ hasText: name }).filter({ visible: true }).first().waitFor();
    release();
    await page.waitForTimeout(1500);
    await page.unroute(unfiltered);
    const shown = await page.getByRole('option').filter({ visible: true }).allInnerTexts();
    expect(shown.length).toBeGreaterThan(0);
    for (const text of shown) expect(text).toContain(search);
  } else {
    // Opening the list loads the first units.
    await page.getByRole('option').filter({ visible: true }).first().waitFor();
    await input.fill(search);
  }
  await page.getByRole('option').filter({ hasText: name }).filter({ visible: true }).first().click();
  await expect.poll(() => item(scope, label).innerText()).toContain(name);
}

test('a party reports under a 民主监督 project from its page, rates the agency; staff close it', async () => {
  const page = await luoshi.newPage();
  try {
    await signIn(page, 'staff', PHONE);
    await page.goto('/cases/projects');
    await page.getByTestId('project-new').click();
    let dialog = page.getByRole('dialog', { name: '新建监督项目' });
    await dialog.waitFor();
    await page.waitForTimeout(400); // the dialog's fade-in, for the picture
    await shot(page, 'project-phone-new');
    await page.setViewportSize(DESKTOP);
    // Creating with nothing filled names what is missing under the fields, and creates nothing.
    await page.getByTestId('project-create').click();
    await item(dialog, '监督主题')
      .getByText(/请填写|必填/)
      .waitFor();
    await item(dialog, '监督主题').locator('input').fill(TOPIC);
    await item(dialog, '监督范围').locator('textarea').fill('涉企审批事项办理时限、惠企政策兑现情况');
    await typeDate(dialog, '监督期开始', today());
    await typeDate(dialog, '监督期结束', today(90));
    await pickUnit(page, dialog, '承担监督的民主党派', '民盟', '民盟山东省委会');
    await pickUnit(page, dialog, '被监督单位', '发展和改革', '山东省发展和改革委员会', true);
    await shot(page, 'project-desktop-new');
    await page.getByTestId('project-create').click();
    await expectMessage(page, '监督项目已创建');
    await page.getByTestId('project-topic').filter({ hasText: TOPIC }).waitFor();
    const projectId = Number(page.url().split('/').pop());
    expect(projectId).toBeGreaterThan(0);
    await page.getByTestId('project-reports').getByText('尚无监督报告').waitFor();
    await page.goto('/cases/projects');
    await page.locator(`[data-project="${projectId}"]`).filter({ hasText: '民盟山东省委会' }).waitFor();
    await shot(page, 'project-desktop-list');
    await logout(page);

    await signIn(page, 'submitter', PHONE);
    await page.goto(`/cases/projects/${projectId}`);
    await page.getByTestId('project-topic').filter({ hasText: TOPIC }).waitFor();
    await shot(page, 'project-phone-page');
    await page.getByTestId('project-actions').getByRole('button', { name: '新建报告' }).click();
    await page.getByTestId('case-draft-project').filter({ hasText: TOPIC }).waitFor();
    const form = page.getByTestId('case-draft-form');
    await item(form, '标题').locator('input').fill(REPORT);
    await item(form, '发现的问题').locator('textarea').fill('部分事项超时限办理。');
    await item(form, '意见建议').locator('textarea').fill('建立超时预警。');
    await shot(page, 'project-phone-report-draft');
    await page.getByTestId('case-draft-save').click();
    await expectMessage(page, '草稿已保存');
    await page.getByTestId('case-state').filter({ hasText: '草稿' }).waitFor();
    await page.getByTestId('case-actions').getByRole('button', { name: '提交', exact: true }).click();
    dialog = page.getByRole('dialog', { name: '提交' });
    await dialog.getByTestId('case-action-confirm').click();
    await expectMessage(page, '已提交');
    await page.getByTestId('case-state').filter({ hasText: '已提交待审查' }).waitFor();
    await page.goto(`/cases/projects/${projectId}`);
    await page.getByTestId('project-reports').getByText(REPORT).waitFor();
    await page.getByTestId('project-reports').getByText('已提交待审查').waitFor();
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
      PHONE.width,
    );
    await shot(page, 'project-phone-report-listed');
    await page.getByTestId('project-actions').getByRole('button', { name: '评价被监督单位' }).click();
    dialog = page.getByRole('dialog', { name: '评价被监督单位' });
    await dialog.getByRole('radio', { name: '基本满意' }).check({ force: true });
    await page.getByTestId('project-confirm').click();
    await expectMessage(page, '已评价');
    await page.getByText('民主党派评价被监督单位').waitFor();
    await page.setViewportSize(DESKTOP);
    await logout(page);

    // Staff see the report on the project page too, and close the project.
    await signIn(page, 'staff');
    await page.goto(`/cases/projects/${projectId}`);
    await page.getByTestId('project-reports').getByText(REPORT).waitFor();
    await page.getByTestId('project-reports').getByText('监督报告（1）').waitFor();
    await page.getByTestId('project-actions').getByRole('button', { name: '结项' }).click();
    await page
      .getByRole('dialog', { name: '结项' })
      .locator('textarea')
      .fill('监督发现问题均已整改，形成长效机制。');
    await page.getByTestId('project-confirm').click();
    await expectMessage(page, '已结项');
    await page.getByText('监督工作总结').waitFor();
    expect(await page.getByTestId('project-actions').getByRole('button').count()).toBe(0);
    await shot(page, 'project-desktop-closed');
  } catch (error) {
    await shot(page, 'project-failure').catch(() => undefined);
    throw error;
  }
}, 300_000);
