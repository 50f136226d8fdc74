import fs from 'node:fs';
import { Document, Packer, Paragraph } from 'docx';
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { expectMessage, loginAs, logout } from './support/fixtures.ts';
import { useLuoshi } from './support/luoshi.ts';
import { api } from './support/tasks.ts';

// Issue 9 §2 at the draft and at review: 民盟 imports a proposal from a Word file into the draft form
// (the four fields filled, nothing saved until 保存草稿), saves and submits it; it rewords a proposal
// submitted earlier, and staff reviewing it see that earlier one under 相似提案 with its score. A Word file
// with no part headings comes back all in 情况 with the server's warning; a file that is not .docx is
// refused with a Chinese message.

const luoshi = useLuoshi();
const SHOTS = '/tmp/shots';
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

const EARLIER = {
  title: '关于加强乡村振兴人才队伍建设的建议',
  situation:
    '乡村振兴，关键在人。近年来我省农村青壮年劳动力持续外流，部分村庄常住人口中六十岁以上老人占比超过四成，村“两委”成员平均年龄偏大，懂技术、会经营、善管理的乡土人才严重不足。',
  analysis:
    '一是乡村基础设施和公共服务与城市差距较大，难以吸引和留住人才；二是返乡创业在用地、融资、技术等方面支持政策落地难；三是高校涉农专业毕业生到基层就业意愿低。',
  suggestions:
    '实施乡村人才振兴工程，建立返乡入乡创业园，在用地指标、创业贷款贴息上给予倾斜；推行“订单式”高素质农民培训；选派优秀年轻干部和大学生到村任职。',
};
const REWORDED_TITLE = '关于强化乡村振兴人才支撑的建议';
const REWORDED = [
  REWORDED_TITLE,
  '一、基本情况',
  '人才是乡村振兴的关键。当前村“两委”成员年龄普遍偏大，懂技术、善经营、会管理的乡土人才十分短缺；全省农村青壮年劳动力不断流出，一些村子常住人口中六十岁以上老年人超过四成。',
  '二、原因分析',
  '其一，到基层就业的涉农专业大学毕业生少；其二，农村基础设施、公共服务与城市差距明显，人才引不来、留不住；其三，回乡创业的用地、融资、技术支持政策难以落地。',
  '三、对策建议',
  '选派优秀年轻干部、大学生到村任职；开展“订单式”高素质农民培训；建设返乡入乡创业园，用地指标和创业贷款贴息予以倾斜。',
];

const docx = (paragraphs: string[]) =>
  Packer.toBuffer(new Document({ sections: [{ children: paragraphs.map((t) => new Paragraph(t)) }] }));

async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

async function signIn(page: Page, username: string, viewport = DESKTOP): Promise<void> {
  await page.setViewportSize(DESKTOP);
  await loginAs(page, luoshi.server, username);
  await page.setViewportSize(viewport);
}

async function submitByApi(page: Page, id: number): Promise<void> {
  const c = await api<{ version: number }>(page, 'GET', `/api/cases/${id}`);
  await api(
    page,
    'POST',
    `/api/cases/${id}/actions`,
    { action: 'submit' },
    {
      'If-Match': `"${c.version}"`,
      'Idempotency-Key': crypto.randomUUID(),
    },
  );
}

const field = (page: Page, label: string) =>
  page.getByTestId('case-draft-form').locator('.el-form-item').filter({ hasText: label });

test('a submitter imports a proposal from Word; staff see the earlier proposal it rewords under 相似提案', async () => {
  const page = await luoshi.newPage();
  try {
    // The earlier proposal, submitted through the API (its pages are another spec's).
    await signIn(page, 'submitter');
    const { title, ...content } = EARLIER;
    const earlier = await api<{ id: number }>(
      page,
      'POST',
      '/api/cases',
      { type: 'proposal', title, content },
      { 'Idempotency-Key': crypto.randomUUID() },
    );
    await submitByApi(page, earlier.id);

    // On a phone: a file that is not Word is refused in Chinese; a Word file without headings goes all
    // into 情况 with a warning; the reworded proposal fills the four fields.
    await page.setViewportSize(PHONE);
    await page.goto('/cases/proposal/new');
    const upload = page.getByTestId('case-import-docx');
    await upload.setInputFiles({
      name: '提案.docx',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from('不是 Word'),
    });
    await expectMessage(page, /Word|docx/);
    await upload.setInputFiles({
      name: '无标题.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      buffer: await docx(['关于某事的建议', '只有一段正文，没有分为情况、分析、建议。']),
    });
    await page.getByTestId('case-import-warning').first().waitFor();
    expect(await field(page, '一、情况').locator('textarea').inputValue()).toContain('只有一段正文');
    await shot(page, 'case-phone-import-warning');

    await upload.setInputFiles({
      name: '乡村人才.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      buffer: await docx(REWORDED),
    });
    await expectMessage(page, '已从 Word 读入');
    await expect.poll(() => field(page, '标题').locator('input').inputValue()).toBe(REWORDED_TITLE);
    expect(await field(page, '一、情况').locator('textarea').inputValue()).toContain('人才是乡村振兴的关键');
    expect(await field(page, '二、分析').locator('textarea').inputValue()).toContain('涉农专业');
    expect(await field(page, '三、建议').locator('textarea').inputValue()).toContain('订单式');
    expect(await page.getByTestId('case-import-warning').count()).toBe(0);
    await shot(page, 'case-phone-import');
    // Nothing was saved by the import: the user saves the draft.
    await page.getByTestId('case-draft-save').click();
    await expectMessage(page, '草稿已保存');
    await page.getByTestId('case-state').filter({ hasText: '草稿' }).waitFor();
    const laterId = Number(page.url().split('/').pop());
    await submitByApi(page, laterId);
    // The submitter has no similarity panel (staff's review tool).
    await page.reload();
    await page.getByTestId('case-state').filter({ hasText: '已提交待审查' }).waitFor();
    expect(await page.getByTestId('case-similar').count()).toBe(0);
    await page.setViewportSize(DESKTOP);
    await logout(page);

    // Staff reviewing the reworded proposal find the earlier one at the top of 相似提案.
    await signIn(page, 'staff');
    await page.goto(`/cases/${laterId}`);
    const first = page.getByTestId('case-similar-item').first();
    await first.waitFor();
    expect(await first.innerText()).toContain(EARLIER.title);
    expect(await first.innerText()).toMatch(/\d+%/);
    await page.getByTestId('case-similar').screenshot({ path: `${SHOTS}/case-desktop-similar.png` });
    await shot(page, 'case-desktop-similar-page');
    await page.setViewportSize(PHONE);
    await shot(page, 'case-phone-similar-page');
    await page.getByTestId('case-similar').screenshot({ path: `${SHOTS}/case-phone-similar.png` });
    await first.getByRole('link').click();
    await page.getByTestId('case-title').filter({ hasText: EARLIER.title }).waitFor();
  } catch (error) {
    await shot(page, 'similar-failure').catch(() => undefined);
    throw error;
  }
}, 300_000);
