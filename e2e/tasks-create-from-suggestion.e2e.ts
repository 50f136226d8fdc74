import { expect, test } from 'vitest';
import { expectMessage, loginAs } from './support/fixtures.ts';
import { useLuoshi } from './support/luoshi.ts';
import { openItem, openPlan } from './support/plans.ts';
import { planNode, publishedPlan, YEAR } from './support/tasks.ts';

// 建议任务 → 创建任务 (issue 7 §1): the dialog takes the server's suggestion — a suggested lead unit named by
// its 简称 is resolved and said so; one that matches no unit is asked for, never guessed.
const luoshi = useLuoshi();

test('staff create tasks from an item’s suggestions: a short name resolves, an unknown name is asked for', async () => {
  const page = await luoshi.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  await loginAs(page, luoshi.server, 'staff');
  const heading = '三、推进民营经济统战工作';
  const planId = await publishedPlan(page, YEAR + 1, `山东省${YEAR + 1}年统战工作要点（建议任务测试）`, [
    planNode(heading, [
      { text: '开展民营企业家理想信念教育', suggestedLead: '省发改委' },
      { text: '举办新生代企业家培训班', suggestedLead: '东岳文化研究会筹备组' },
    ]),
  ]);

  await openPlan(page, planId);
  const drawer = await openItem(page, heading);
  const proposed = drawer.getByTestId('proposed-tasks');
  // The list says how each suggested lead unit resolves.
  await proposed.getByText('（对应：山东省发展和改革委员会）').waitFor();
  await proposed.getByText(/东岳文化研究会筹备组（.*创建时选择）/).waitFor();

  // By its 简称: the lead unit is filled in, and the dialog says how it was found.
  await proposed.getByRole('button', { name: '创建任务' }).first().click();
  let dialog = page.getByRole('dialog', { name: '新建任务' });
  await dialog.waitFor();
  expect(await dialog.getByTestId('lead-note').innerText()).toContain(
    '按单位简称对应为“山东省发展和改革委员会”',
  );
  await dialog.getByText('山东省发展和改革委员会', { exact: true }).waitFor();
  await dialog.getByRole('button', { name: '创建' }).click();
  await expectMessage(page, '任务已创建并交办');
  await page.getByTestId('lead-unit').filter({ hasText: '山东省发展和改革委员会' }).first().waitFor();

  // An unknown name: nothing is chosen for the person; saving without a choice asks for one.
  await openPlan(page, planId);
  const again = await openItem(page, heading);
  await again.getByTestId('proposed-tasks').getByRole('button', { name: '创建任务' }).nth(1).click();
  dialog = page.getByRole('dialog', { name: '新建任务' });
  await dialog.waitFor();
  expect(await dialog.getByTestId('lead-note').innerText()).toContain('东岳文化研究会筹备组');
  await dialog.getByRole('button', { name: '创建' }).click();
  await dialog.getByText('请选择牵头单位（建议：东岳文化研究会筹备组）').first().waitFor();
  const lead = dialog.getByRole('combobox', { name: /牵头单位/ });
  await lead.click({ force: true });
  await lead.fill('工商业联合会');
  await page
    .getByRole('option', { name: '山东省工商业联合会', exact: true })
    .filter({ visible: true })
    .click();
  await dialog.getByRole('button', { name: '创建' }).click();
  await expectMessage(page, '任务已创建并交办');
  await page.getByTestId('lead-unit').filter({ hasText: '山东省工商业联合会' }).first().waitFor();
}, 120_000);
