import {
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
} from 'docx';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../core/errors.ts';
import { makeDocx, makeZip } from '../../plans/import/testing/zip.ts';
import { PROPOSAL_DOCX_LIMITS, readProposalDocx } from './proposal-docx.ts';
import { HAND_WRITTEN } from './testing/proposals.ts';

const docxOf = (children: (Paragraph | Table)[]) =>
  Packer.toBuffer(new Document({ sections: [{ children }] }));
const p = (text: string) => new Paragraph(text);
const bold = (text: string) => new Paragraph({ children: [new TextRun({ text, bold: true })] });

async function refusal(bytes: Buffer | Promise<Buffer>) {
  try {
    await readProposalDocx(await bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    const e = error as AppError;
    return { code: e.code, status: e.status, problem: e.details?.problem, message: e.message };
  }
  throw new Error('expected a refusal');
}

// A 1×1 PNG, so the picture test needs no file.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

describe('proposal .docx import', () => {
  it('reads numbered headings that run on into their text (一、基本情况。……)', async () => {
    const { original } = HAND_WRITTEN[0]!;
    const draft = await readProposalDocx(
      await docxOf([p(original.title), p('民建省委'), ...original.parts.map(p)]),
    );
    expect(draft.title).toBe('关于破解民营中小企业融资难融资贵问题的建议');
    expect(draft.situation).toMatch(/^民建省委\n我省民营经济贡献了/);
    expect(draft.analysis).toMatch(/^一是银企信息不对称/);
    expect(draft.suggestions).toMatch(/^（一）建设全省统一的涉企信用信息共享平台/);
    expect(draft.suggestions).toContain('将首贷户数量纳入银行考核');
    expect(draft.warnings).toEqual([]);
  });

  it('reads Word heading styles, bold headings and 【】 headings; the title from a Title style', async () => {
    const bytes = await docxOf([
      new Paragraph({ text: '案由：关于完善社区居家养老服务体系的建议', heading: HeadingLevel.TITLE }),
      p('提案人：张三'),
      new Paragraph({ text: '情况', heading: HeadingLevel.HEADING_1 }),
      p('全省建成社区养老服务站点四千余个，但利用率普遍不高。'),
      p('失能、半失能老人的照护需求得不到满足。'),
      bold('原因分析'),
      p('服务内容单一，养老护理员缺口大。'),
      p('【对策建议】'),
      bold('（一）发展社区嵌入式养老服务。'),
      p('重点提供助餐、助浴、助医服务。'),
    ]);
    const draft = await readProposalDocx(bytes);
    expect(draft).toEqual({
      title: '关于完善社区居家养老服务体系的建议',
      situation:
        '全省建成社区养老服务站点四千余个，但利用率普遍不高。\n失能、半失能老人的照护需求得不到满足。',
      analysis: '服务内容单一，养老护理员缺口大。',
      // A bold numbered line inside a part is its text, not a heading.
      suggestions: '（一）发展社区嵌入式养老服务。\n重点提供助餐、助浴、助医服务。',
      warnings: [],
    });
  });

  it('reads headings that end in a part name, paragraphs in tables, and skips pictures', async () => {
    const bytes = await docxOf([
      p('关于深化产教融合推动职业教育高质量发展的建议'),
      p('一、我省职业教育发展现状'),
      p('我省现有高职院校九十余所。'),
      new Paragraph({
        children: [new ImageRun({ type: 'png', data: PNG, transformation: { width: 10, height: 10 } })],
      }),
      p('二、问题产生的原因'),
      new Table({
        rows: [new TableRow({ children: [new TableCell({ children: [p('企业参与积极性不高。')] })] })],
      }),
      p('三、几点建议'),
      p('建设市域产教联合体。'),
      p('建议：推行现代学徒制。'),
    ]);
    const draft = await readProposalDocx(bytes);
    expect(draft.situation).toBe('我省现有高职院校九十余所。');
    expect(draft.analysis).toBe('企业参与积极性不高。');
    // 建议：… after the suggestions heading starts the same part again.
    expect(draft.suggestions).toBe('建设市域产教联合体。\n推行现代学徒制。');
  });

  it('puts everything in 情况 with a warning when no part is recognised', async () => {
    const draft = await readProposalDocx(
      await docxOf([
        p('关于加强古籍保护的建议'),
        p('我省馆藏古籍约三百万册。'),
        p('建议设立古籍修复专项经费。'),
      ]),
    );
    expect(draft).toMatchObject({
      title: '关于加强古籍保护的建议',
      situation: '我省馆藏古籍约三百万册。\n建议设立古籍修复专项经费。',
      analysis: '',
      suggestions: '',
    });
    expect(draft.warnings).toEqual([expect.stringContaining('全文已放入“情况”')]);
  });

  it('says which part is missing, and when the first line is no title', async () => {
    const long = '近年来'.repeat(50);
    const draft = await readProposalDocx(
      await docxOf([p(long), p('一、情况'), p('甲。'), p('三、建议'), p('乙。')]),
    );
    expect(draft.title).toBe('');
    expect(draft.situation).toBe(`${long}\n甲。`);
    expect(draft.warnings).toEqual([expect.stringContaining('标题'), '未找到“分析”部分，请补充。']);
  });

  it('refuses what is not a .docx with a stable code and a Chinese message', async () => {
    expect(await refusal(Buffer.alloc(0))).toMatchObject({
      code: 'PROPOSAL_DOCX_UNREADABLE',
      problem: 'EMPTY',
    });
    const text = await refusal(Buffer.from('关于……的建议', 'utf8'));
    expect(text).toMatchObject({ code: 'PROPOSAL_DOCX_UNREADABLE', status: 400, problem: 'NOT_DOCX' });
    expect(text.message).toContain('不是 Word（.docx）文件');
    const doc = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(512)]);
    const legacy = await refusal(doc);
    expect(legacy.problem).toBe('LEGACY_DOC');
    expect(legacy.message).toContain('另存为 .docx');
    // A zip, but no Word document in it (an .xlsx would be the same).
    const zip = makeZip([{ name: 'hello.txt', data: Buffer.from('hi') }]);
    expect(await refusal(zip)).toMatchObject({
      code: 'PROPOSAL_DOCX_UNREADABLE',
      problem: 'UNREADABLE_DOCX',
    });
    // A zip cut short.
    expect(await refusal(makeDocx(['一、情况']).subarray(0, 60))).toMatchObject({
      problem: 'UNREADABLE_DOCX',
    });
    // A .docx without a word of text (a scan).
    expect(await refusal(makeDocx(['', '  ']))).toMatchObject({ problem: 'NO_TEXT' });
  });

  it('refuses a zip bomb before unpacking it, and a directory that lies while unpacking', async () => {
    const limit = PROPOSAL_DOCX_LIMITS.docx.xmlBytes;
    const bomb = makeDocx(['一、情况'], { documentXmlBytes: limit + 1024 });
    expect(bomb.length).toBeLessThan(64 * 1024);
    expect(await refusal(bomb)).toMatchObject({
      code: 'PROPOSAL_DOCX_TOO_LARGE',
      status: 422,
      problem: 'DOCX_UNPACKED_TOO_LARGE',
    });
    const liar = makeDocx(['一、情况'], { documentXmlBytes: limit + 1024, claimedSize: 1000 });
    expect(await refusal(liar)).toMatchObject({
      code: 'PROPOSAL_DOCX_UNREADABLE',
      problem: 'DOCX_SIZE_MISMATCH',
    });
    // Many tiny paragraphs: little XML, but more tags than mammoth may build on the request thread.
    const tags = makeDocx(Array.from({ length: PROPOSAL_DOCX_LIMITS.docx.xmlTags / 6 + 100 }, () => '字'));
    expect(await refusal(tags)).toMatchObject({
      code: 'PROPOSAL_DOCX_TOO_LARGE',
      problem: 'DOCX_TOO_COMPLEX',
    });
    const many = makeZip(
      Array.from({ length: PROPOSAL_DOCX_LIMITS.docx.entries + 1 }, (_, i) => ({
        name: `media/${i}.bin`,
        data: Buffer.from([i % 256]),
      })),
    );
    expect(await refusal(many)).toMatchObject({ problem: 'DOCX_TOO_MANY_ENTRIES' });
  });

  it('refuses a file over the upload bound and a text far longer than a proposal', async () => {
    const big = Buffer.concat([makeDocx(['一、情况']), Buffer.alloc(PROPOSAL_DOCX_LIMITS.uploadBytes)]);
    expect(await refusal(big)).toMatchObject({ code: 'PROPOSAL_DOCX_TOO_LARGE', problem: 'FILE_TOO_LARGE' });
    const lines = Array.from({ length: 60 }, () => '情'.repeat(1000));
    expect(await refusal(docxOf(lines.map(p)))).toMatchObject({ problem: 'TEXT_TOO_LONG' });
  });
});
