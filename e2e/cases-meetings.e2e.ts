import fs from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { expectMessage, loginAs } from './support/fixtures.ts';
import { useLuoshi } from './support/luoshi.ts';

// Issue 9 §4, 政企座谈会 on its pages: staff record a meeting through the form (date, place, organiser,
// the enterprises attending), raise an appeal from the meeting's page (the appeal draft with 座谈会 and
// this meeting chosen), submit it, and the meeting's page lists it with its enterprise and state. The
// list and the page are looked at on a desktop and at 390×844.

const luoshi = useLuoshi();
const SHOTS = '/tmp/shots';
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const TITLE = '济南高新区民营企业座谈会';
const today = (n = 0) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
    new Date(Date.now() + n * 86_400_000),
  );

async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

async function noSidewaysScroll(page: Page): Promise<void> {
  const wide = await page.evaluate<number>('document.documentElement.scrollWidth');
  expect(wide).toBeLessThanOrEqual(PHONE.width);
}

const item = (scope: Locator, label: string) =>
  scope.locator('.el-form-item').filter({ hasText: label }).first();

test('staff record a 政企座谈会, raise an appeal from its page, and the page lists it with its state', async () => {
  const page = await luoshi.newPage();
  try {
    await page.setViewportSize(DESKTOP);
    await loginAs(page, luoshi.server, 'staff');
    await page.goto('/cases/appeal');
    await page.getByTestId('case-meetings-link').click();
    await page.getByRole('heading', { name: '政企座谈会' }).waitFor();
    // The demo's meeting is there already.
    await page.getByText('全省民营企业家座谈会').waitFor();
    await page.getByTestId('meeting-new').click();
    const dialog = page.getByRole('dialog', { name: '登记座谈会' });
    await dialog.waitFor();
    await item(dialog, '座谈会名称').locator('input').fill(TITLE);
    const date = item(dialog, '召开日期').locator('input');
    await date.click();
    await date.fill(today(-1));
    await date.press('Enter');
    await item(dialog, '地点').locator('input').fill('高新区管委会 2 楼会议室');
    await item(dialog, '主办单位').locator('input').fill('济南市委统战部、济南市工商联');
    await item(dialog, '参会企业及人员')
      .locator('textarea')
      .fill('济南某某机械有限公司\n济南某某软件有限公司');
    await shot(page, 'meeting-desktop-form');
    await page.getByTestId('meeting-save').click();
    await expectMessage(page, '座谈会已登记');
    await page.getByTestId('meeting-title').filter({ hasText: TITLE }).waitFor();
    expect(await page.getByTestId('meeting-attendees').innerText()).toContain('济南某某软件有限公司');
    await page.getByText('济南市委统战部、济南市工商联').waitFor();

    await page.getByTestId('meeting-raise').click();
    const form = page.getByTestId('case-draft-form');
    await form.waitFor();
    // The draft opens with 座谈会 and this meeting chosen.
    await form.getByTestId('case-draft-meeting').filter({ hasText: TITLE }).waitFor();
    await item(form, '标题').locator('input').fill('软件企业人才公寓申请难');
    await item(form, '企业名称').locator('input').fill('济南某某软件有限公司');
    await form.getByRole('radio', { name: '诉求' }).check({ force: true });
    await item(form, '诉求内容').locator('textarea').fill('企业引进的技术人员申请人才公寓排队超过一年。');
    await shot(page, 'meeting-desktop-appeal-draft');
    await page.getByTestId('case-draft-save').click();
    await expectMessage(page, '草稿已保存');
    await page.getByTestId('case-state').filter({ hasText: '草稿' }).waitFor();
    await page.getByTestId('case-actions').getByRole('button', { name: '提交', exact: true }).click();
    await page.getByRole('dialog', { name: '提交' }).getByTestId('case-action-confirm').click();
    await expectMessage(page, '已提交');
    await page.getByTestId('case-state').filter({ hasText: '已提交' }).waitFor();

    await page.goto('/cases/meetings');
    const row = page.locator('[data-meeting]').filter({ hasText: TITLE });
    await row.filter({ hasText: '诉求 1 件' }).waitFor();
    await shot(page, 'meeting-desktop-list');
    await row.click();
    const appeals = page.getByTestId('meeting-appeals');
    await appeals.getByText('软件企业人才公寓申请难').waitFor();
    expect(await appeals.innerText()).toContain('济南某某软件有限公司');
    expect(await appeals.innerText()).toContain('已提交待审查');
    await shot(page, 'meeting-desktop-page');

    await page.setViewportSize(PHONE);
    await page.reload();
    await appeals.getByText('软件企业人才公寓申请难').waitFor();
    await noSidewaysScroll(page);
    await shot(page, 'meeting-phone-page');
    await page.goto('/cases/meetings');
    await page.locator('[data-meeting]').first().waitFor();
    await noSidewaysScroll(page);
    await shot(page, 'meeting-phone-list');
    await page.getByTestId('meeting-new').click();
    await page.getByRole('dialog', { name: '登记座谈会' }).waitFor();
    await noSidewaysScroll(page);
    await shot(page, 'meeting-phone-form');
  } catch (error) {
    await shot(page, 'meeting-failure').catch(() => undefined);
    throw error;
  }
}, 300_000);
