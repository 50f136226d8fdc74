import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { choose, expectMessage, field, heading, loginAs, openModule } from './support/fixtures.ts';
import { useLuoshi } from './support/luoshi.ts';

// 联系人 (issue 9 §6): staff add an organisation and a person in it; the list shows the phone number and
// e-mail address masked, 查看 shows one of them for this view only, a reload masks it again, and the person
// is deleted on request, then their organisation. Desktop and phone (390 px, cards) screenshots.
const luoshi = useLuoshi();
const SHOTS = '/tmp/shots';

async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

test('staff register a contact, see it masked, unmask one value for this view and delete it', async () => {
  const page = await luoshi.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  await loginAs(page, luoshi.server, 'staff');
  await openModule(page, '联系人');
  await heading(page, '联系人').waitFor();

  await page.getByRole('tab', { name: '组织' }).click();
  await page.getByTestId('new-organisation').click();
  const orgDialog = page.getByRole('dialog', { name: '新建组织' });
  // The region is the user's own (山东省) unless another is chosen.
  await orgDialog.getByText('民主党派', { exact: true }).click();
  // (The demo directory already has the provincial committees.)
  await field(orgDialog, '名称').fill('民进济南市委会');
  await orgDialog.getByRole('button', { name: '保存' }).click();
  await expectMessage(page, '组织已新建');
  await page.getByTestId('organisation-list').getByText('民进济南市委会').waitFor();

  await page.getByRole('tab', { name: '联系人' }).click();
  await page.getByTestId('new-contact').click();
  const dialog = page.getByRole('dialog', { name: '登记联系人' });
  await choose(dialog, '所属组织', '民进济南市委会');
  await field(dialog, '姓名').fill('周敏');
  await field(dialog, '职务').fill('秘书长');
  await field(dialog, '电话').fill('139 1234 5678');
  await field(dialog, '电子邮箱').fill('zhoumin@example.com');
  await dialog.getByText('本人同意', { exact: true }).click();
  await dialog.getByRole('combobox', { name: '同意日期' }).fill('2026-11-30');
  await dialog.getByRole('combobox', { name: '同意日期' }).press('Enter');
  await page.getByTestId('save-contact').click();
  await expectMessage(page, '联系人已登记');

  const list = page.getByTestId('contact-list');
  // (The demo directory has other z***@example.com addresses: look at this person's row.)
  const phoneCell = list.getByText('139****5678');
  await phoneCell.waitFor();
  const id = (await phoneCell.getAttribute('data-testid'))!.slice('phone-'.length);
  await list.getByTestId(`email-${id}`).getByText('z***@example.com').waitFor();
  expect(await page.content()).not.toContain('13912345678');
  await shot(page, 'contacts-masked-desktop');

  await page.getByTestId(`reveal-phone-${id}`).click();
  await list.getByText('13912345678').waitFor();
  // Only the value asked for: the e-mail address stays masked.
  await list.getByTestId(`email-${id}`).getByText('z***@example.com').waitFor();
  await shot(page, 'contacts-unmasked-desktop');

  // On a phone the people are cards, not a table scrolling sideways: the same masked values, the value
  // shown on the desktop still shown (same view), and 查看 on a card asks the server for one more.
  await page.setViewportSize({ width: 390, height: 844 });
  const cards = page.getByTestId('contact-cards');
  await cards.getByTestId(`card-phone-${id}`).getByText('13912345678').waitFor();
  await cards.getByTestId(`card-email-${id}`).getByText('z***@example.com').waitFor();
  await shot(page, 'contacts-phone');
  expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
  await page.getByTestId(`card-reveal-email-${id}`).click();
  await cards.getByTestId(`card-email-${id}`).getByText('zhoumin@example.com').waitFor();

  // A reload asks the server again, which answers masked: nothing was kept.
  await page.reload();
  await cards.getByTestId(`card-phone-${id}`).getByText('139****5678').waitFor();
  expect(await page.content()).not.toContain('13912345678');
  expect(await page.content()).not.toContain('zhoumin@example.com');
  await page.getByRole('tab', { name: '组织' }).click();
  await page.getByTestId('organisation-cards').getByText('民进济南市委会').waitFor();
  expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
  await shot(page, 'contacts-organisations-phone');
  await page.getByRole('tab', { name: '联系人' }).click();

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByTestId(`more-${id}`).click();
  await page.getByRole('menuitem', { name: '删除' }).click();
  await page.getByRole('button', { name: '删除', exact: true }).last().click();
  await expectMessage(page, '联系人已删除');
  expect(await list.getByText('周敏').count()).toBe(0);

  // With its person gone, the organisation can be deleted too; 民盟's committee, which has people, cannot.
  await page.getByRole('tab', { name: '组织' }).click();
  const orgs = page.getByTestId('organisation-list');
  await orgs
    .getByRole('row', { name: /民盟山东省委会/ })
    .getByRole('button', { name: '删除' })
    .click();
  await page.getByRole('button', { name: '删除', exact: true }).last().click();
  await page
    .getByRole('dialog', { name: '不能删除' })
    .getByText(/本组织还有 \d+ 名联系人/)
    .waitFor();
  await shot(page, 'contacts-organisation-refused');
  await page.getByRole('button', { name: '知道了' }).click();
  await orgs
    .getByRole('row', { name: /民进济南市委会/ })
    .getByRole('button', { name: '删除' })
    .click();
  await page.getByRole('button', { name: '删除', exact: true }).last().click();
  await expectMessage(page, '组织已删除');
  // The pane reloads its list after the message; wait for it rather than read it once.
  await expect.poll(() => orgs.getByText('民进济南市委会').count()).toBe(0);
  await page.close();
});
