import { expect, test } from 'vitest';
import { expectMessage, field, loginAs, screenshot } from './support/fixtures.ts';
import {
  demoPlanFile,
  demoPlanText,
  openPlans,
  outlineTree,
  pastePlanForPreview,
  publishPlan,
  publishRevision,
  renameHeading,
  saveDraft,
} from './support/plans.ts';
import { useLuoshi } from './support/luoshi.ts';

const luoshi = useLuoshi();

test('staff import the example key points, fix a heading, save a draft for 济南市 2023 and publish it', async () => {
  const page = await luoshi.newPage();
  await loginAs(page, luoshi.server, 'staff');
  await openPlans(page);

  // Step 1 → 2: paste the document; the preview shows the source beside the parsed tree.
  await pastePlanForPreview(page, demoPlanText());
  await page.getByText(/识别出 \d+ 个条目/).waitFor();
  // The website boilerplate is shown as removed in the source column.
  await page.locator('.mark-removed').filter({ hasText: '小编' }).first().waitFor();
  await page.getByText('把握一条主线', { exact: true }).first().waitFor();
  await screenshot(page, 'plans-import-preview');

  // Step 3: fix one heading in the tree editor.
  await page.getByRole('button', { name: '下一步：编辑条目' }).click();
  await renameHeading(page, '把握一条主线', '把握迎接党的二十大这一主线');
  await screenshot(page, 'plans-import-editor');

  // Step 4: a region and year where no plan is published yet.
  await page.getByRole('button', { name: '下一步：保存' }).click();
  await saveDraft(page, {
    region: '济南市（市）',
    regionSearch: '济南',
    year: 2023,
    title: '济南市2023年统战工作要点',
  });
  const title = page.getByRole('heading', { level: 2, name: /济南市2023年统战工作要点/ });
  await title.getByText('草稿', { exact: true }).waitFor();

  await publishPlan(page);
  await title.getByText('已发布', { exact: true }).waitFor();
  // A published plan offers no 发布 any more.
  await page.getByRole('button', { name: '发布', exact: true }).waitFor({ state: 'detached' });
  await page.getByText('把握迎接党的二十大这一主线', { exact: true }).waitFor();
  expect(await page.getByText('把握一条主线', { exact: true }).count()).toBe(0);
  await screenshot(page, 'plans-import-published');

  // A published plan is not edited in place: 修订 opens a draft revision in the same tree editor.
  expect(await page.getByRole('button', { name: '编辑', exact: true }).count()).toBe(0);
  const publishedUrl = page.url();
  await page.getByRole('button', { name: '修订', exact: true }).click();
  await expectMessage(page, /已生成修订稿/);
  await outlineTree(page).getByText('把握迎接党的二十大这一主线', { exact: true }).waitFor();
  await renameHeading(page, '营造浓厚氛围', '营造喜迎二十大的浓厚氛围');
  await page.getByRole('button', { name: '保存修改' }).click();
  await expectMessage(page, '已保存（版本 2）');
  await page.getByText('这是一份修订稿（草稿）').waitFor();

  // Another region (历下区, below 济南市) still reads the published text while the revision is a draft.
  const county = await luoshi.newPage();
  await loginAs(county, luoshi.server, 'lixia_staff');
  await county.goto(publishedUrl);
  await county.getByText('营造浓厚氛围', { exact: true }).waitFor();
  expect(await county.getByText('营造喜迎二十大的浓厚氛围', { exact: true }).count()).toBe(0);

  // 发布修订 shows what changes, then the published plan carries the new text and a notice.
  const shown = await publishRevision(page);
  expect(shown).toContain('有修改 1');
  expect(shown).toContain('营造喜迎二十大的浓厚氛围');
  await page.waitForURL(publishedUrl);
  await page.getByText('营造喜迎二十大的浓厚氛围', { exact: true }).waitFor();
  await page.getByText(/本工作要点已于 .* 修订（版本 \d+）/).waitFor();
  await title.getByText('已发布', { exact: true }).waitFor();
  await screenshot(page, 'plans-revision-published');
  await county.reload();
  await county.getByText('营造喜迎二十大的浓厚氛围', { exact: true }).waitFor();
  await county.getByText(/本工作要点已于 .* 修订/).waitFor();

  // 版本历史: open the first version and compare it with the current text.
  await page.getByRole('button', { name: '版本历史' }).click();
  const history = page.getByRole('dialog', { name: '版本历史' });
  await history.getByRole('row').filter({ hasText: '新建' }).getByRole('button', { name: '查看' }).click();
  const version = page.getByRole('dialog', { name: /^版本 1/ });
  await version.getByText(/有修改 [1-9]/).waitFor();
  await version.getByText('营造喜迎二十大的浓厚氛围').first().waitFor();
  await version
    .getByRole('button', { name: /关闭|Close/ })
    .first()
    .click();
  await history
    .getByRole('button', { name: /关闭|Close/ })
    .first()
    .click();

  // 撤回 needs a reason, shown on the plan; the plan is a draft again.
  await page.getByRole('button', { name: '撤回', exact: true }).click();
  const withdraw = page.getByRole('dialog', { name: '撤回工作要点' });
  await withdraw.getByRole('button', { name: '撤回', exact: true }).click();
  await withdraw.getByText('请填写原因').waitFor();
  await field(withdraw, '原因').fill('标题需要更正');
  await withdraw.getByRole('button', { name: '撤回', exact: true }).click();
  await expectMessage(page, '已撤回');
  await page.getByText('原因：标题需要更正', { exact: false }).waitFor();
  await title.getByText('草稿', { exact: true }).waitFor();
  await screenshot(page, 'plans-withdrawn');

  // The list shows it, a draft again, under 济南市 2023.
  await openPlans(page);
  const row = page.getByRole('row').filter({ hasText: '济南市2023年统战工作要点' });
  await row.filter({ hasText: '草稿' }).filter({ hasText: '2023' }).waitFor();
  await screenshot(page, 'plans-list');
});

test('staff upload the example as a .txt file and get the same preview', async () => {
  const page = await luoshi.newPage();
  await loginAs(page, luoshi.server, 'staff');
  await openPlans(page);
  await page.getByRole('button', { name: '导入工作要点' }).first().click();
  await page.locator('input[type="file"]').setInputFiles(demoPlanFile());
  await page.getByText('2022-province-united-front-key-points.txt').waitFor();
  await page.getByRole('button', { name: '解析预览' }).click();
  await page.getByText(/识别出 22 个条目/).waitFor();
  await page.getByText('把握一条主线', { exact: true }).first().waitFor();
});
