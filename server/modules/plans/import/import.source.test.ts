import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parsePlan } from './parser/index.ts';
import { CLI_LIMITS, PREVIEW_LIMITS as L } from './import.limits.ts';
import { makeDocx } from './testing/zip.ts';
import { decodePlanText, PlanSourceError, readPlanFile, readPlanSource } from './import.source.ts';

const fixture = (name: string): string =>
  fileURLToPath(new URL(`../../../../test/fixtures/plans/${name}`, import.meta.url));
const COUNTY = '2023年XX县统战工作要点\n一、加强政治引领\n（一）强化理论武装。组织党外人士学习“两个确立”。\n';

describe('decodePlanText', () => {
  it('reads UTF-8 with and without a BOM', () => {
    const bytes = Buffer.from(COUNTY, 'utf8');
    expect(decodePlanText(bytes)).toBe(COUNTY);
    expect(decodePlanText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]))).toBe(COUNTY);
  });

  it('reads a GB18030 file written by iconv', () => {
    const bytes = readFileSync(fixture('county-2023-gb18030.txt'));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    expect(decodePlanText(bytes)).toBe(COUNTY);
  });

  it('decodes anything without throwing', () => {
    expect(typeof decodePlanText(Buffer.from([0xff, 0xfe, 0x00, 0x81, 0x30]))).toBe('string');
    expect(decodePlanText(Buffer.alloc(0))).toBe('');
  });
});

describe('readPlanSource', () => {
  it('reads .txt by extension, case-insensitively', async () => {
    expect(await readPlanSource(readFileSync(fixture('county-2023-gb18030.txt')), 'PLAN.TXT', L)).toBe(
      COUNTY,
    );
  });

  it('reads a real .docx through mammoth, and the text parses', async () => {
    const text = await readPlanSource(readFileSync(fixture('city-2023.docx')), 'city-2023.docx', L);
    expect(text).toContain('（一）强化政治引领。');
    const outline = parsePlan(text);
    expect(outline.title).toBe('2023年XX市统战工作要点');
    expect(outline.nodes[0]?.children.map((c) => c.heading)).toEqual(['强化政治引领。', '打造品牌活动。']);
    expect(outline.brandActivities).toEqual(['同心工程']);
  });

  it('rejects a corrupt .docx with a typed bilingual error', async () => {
    const error = await readPlanSource(readFileSync(fixture('corrupt.docx')), 'corrupt.docx', L).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PlanSourceError);
    expect((error as PlanSourceError).problem).toBe('UNREADABLE_DOCX');
    expect((error as PlanSourceError).message).toMatch(/无法读取 Word 文件.*not a valid \.docx file$/);
    expect((error as PlanSourceError).cause).toBeInstanceOf(Error); // mammoth's reason, for the log
  });

  it('rejects other extensions', async () => {
    for (const name of ['plan.doc', 'plan.pdf', 'plan']) {
      const error = await readPlanSource(Buffer.from('x'), name, L).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PlanSourceError);
      expect((error as PlanSourceError).problem).toBe('UNSUPPORTED_EXTENSION');
      expect((error as PlanSourceError).message).toMatch(/不支持的文件类型.*Unsupported file type/);
    }
  });
});

describe('readPlanFile', () => {
  it('reads a file from disk', async () => {
    expect(await readPlanFile(fixture('county-2023-gb18030.txt'), L)).toBe(COUNTY);
  });

  it('says clearly when the file is missing', async () => {
    const error = await readPlanFile('/nonexistent/plan.txt', L).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlanSourceError);
    expect((error as PlanSourceError).problem).toBe('FILE_NOT_FOUND');
    expect((error as PlanSourceError).message).toContain('找不到文件');
    expect((error as PlanSourceError).message).toContain('File not found');
  });
});

describe('console limits (plan parse)', () => {
  it('refuses a .docx bomb but not a long text', async () => {
    const bomb = makeDocx(['x'], { documentXmlBytes: 50 * 1024 * 1024 });
    await expect(readPlanSource(bomb, 'bomb.docx', CLI_LIMITS)).rejects.toMatchObject({
      code: 'PLAN_SOURCE_TOO_LARGE',
      details: { problem: 'DOCX_UNPACKED_TOO_LARGE' },
    });
    const long = Buffer.from('统'.repeat(L.textChars + 1));
    await expect(readPlanSource(long, 'long.txt', L)).rejects.toMatchObject({
      code: 'PLAN_SOURCE_TOO_LARGE',
    });
    expect(await readPlanSource(long, 'long.txt', CLI_LIMITS)).toHaveLength(L.textChars + 1);
  });
});
