import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { expectMessage, loginAs, logout } from './support/fixtures.ts';
import { useLuoshi } from './support/luoshi.ts';
import { api } from './support/tasks.ts';

// Issue 9 §3 on the project page: staff open a 民主监督 project for 民盟 over 发改委 (through the API; the
// dialog is looked at); 民盟's submitter raises a report from the project page (the oversight draft with
// the project chosen) and rates the agency; staff close the project with a summary.

const luoshi = useLuoshi();
const SHOTS = '/tmp/shots';
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const TOPIC = '营商环境政策落实情况民主监督';
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

const unitId = async (page: Page, name: string) =>
  (
    await api<{ items: { id: number; name: string }[] }>(
      page,
      'GET',
      `/api/units?q=${encodeURIComponent(name)}`,
    )
  ).items.find((u) => u.name === name)!.id;

test('a party reports under a 民主监督 project from its page, rates the agency; staff close it', async () => {
  const page = await luoshi.newPage();
  try {
    await signIn(page, 'staff');
    await page.goto('/cases/projects');
    await page.getByTestId('project-new').click();
    await page.getByRole('dialog', { name: '新建监督项目' }).waitFor();
    await shot(page, 'project-desktop-new');
    await page.keyboard.press('Escape');
    const project = await api<{ id: number }>(
      page,
      'POST',
      '/api/case-projects',
      {
        topic: TOPIC,
        scope: '涉企审批事项办理时限、惠企政策兑现情况',
        periodFrom: today(),
        periodTo: today(90),
        partyUnitId: await unitId(page, '民盟山东省委会'),
        agencyUnitId: await unitId(page, '山东省发展和改革委员会'),
      },
      { 'Idempotency-Key': crypto.randomUUID() },
    );
    await page.reload();
    await page.locator(`[data-project="${project.id}"]`).waitFor();
    await shot(page, 'project-desktop-list');
    await logout(page);

    await signIn(page, 'submitter', PHONE);
    await page.goto(`/cases/projects/${project.id}`);
    await page.getByTestId('project-topic').filter({ hasText: TOPIC }).waitFor();
    await shot(page, 'project-phone-page');
    await page.getByTestId('project-actions').getByRole('button', { name: '新建报告' }).click();
    await page.getByTestId('case-draft-project').filter({ hasText: TOPIC }).waitFor();
    const form = page.getByTestId('case-draft-form');
    await form.locator('.el-form-item').filter({ hasText: '标题' }).locator('input').fill('审批时限监督报告');
    await form
      .locator('.el-form-item')
      .filter({ hasText: '发现的问题' })
      .locator('textarea')
      .fill('部分事项超时限办理。');
    await form
      .locator('.el-form-item')
      .filter({ hasText: '意见建议' })
      .locator('textarea')
      .fill('建立超时预警。');
    await shot(page, 'project-phone-report-draft');
    await page.getByTestId('case-draft-save').click();
    await expectMessage(page, '草稿已保存');
    await page.getByTestId('case-state').filter({ hasText: '草稿' }).waitFor();
    await page.goto(`/cases/projects/${project.id}`);
    await page.getByTestId('project-reports').getByText('审批时限监督报告').waitFor();
    await page.getByTestId('project-actions').getByRole('button', { name: '评价被监督单位' }).click();
    const dialog = page.getByRole('dialog', { name: '评价被监督单位' });
    await dialog.getByRole('radio', { name: '基本满意' }).check({ force: true });
    await page.getByTestId('project-confirm').click();
    await expectMessage(page, '已评价');
    await page.getByText('民主党派评价被监督单位').waitFor();
    await page.setViewportSize(DESKTOP);
    await logout(page);

    await signIn(page, 'staff');
    await page.goto(`/cases/projects/${project.id}`);
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
