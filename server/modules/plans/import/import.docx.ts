/**
 * The text of a plan .docx, read within bounds: the zip is opened by core/files/docx.ts (only the XML
 * parts inflated, declared and actual sizes counted), mammoth reads the parts from memory. A bound
 * passed is answered here with the plan import's own codes and messages.
 */
import mammoth from 'mammoth';
import { AppError, appError } from '../../../core/errors.ts';
import { boundedDocxInput, DocxLimitError } from '../../../core/files/docx.ts';
import type { ImportLimits } from './import.limits.ts';
import { PlanSourceError } from './import.errors.ts';

function tooLarge(limits: ImportLimits): AppError {
  return appError(
    'PLAN_SOURCE_TOO_LARGE',
    `Word 文件解压后的内容超过 ${Math.round(limits.docxXmlBytes / 1024 / 1024)} MB 上限，无法导入；请删去无关内容或拆分后再导入`,
    { problem: 'DOCX_UNPACKED_TOO_LARGE', limitBytes: limits.docxXmlBytes },
  );
}

function tooComplex(limits: ImportLimits): AppError {
  return appError(
    'PLAN_SOURCE_TOO_LARGE',
    `Word 文件的排版元素超过 ${limits.docxXmlTags} 个上限，无法导入；请另存为纯文本（.txt）或拆分后再导入`,
    { problem: 'DOCX_TOO_COMPLEX', limit: limits.docxXmlTags },
  );
}

function sizeMismatch(filename: string, part: string): PlanSourceError {
  return new PlanSourceError(
    'DOCX_SIZE_MISMATCH',
    `Word 文件“${filename}”的压缩目录与实际内容不符（${part}），文件已损坏或被篡改，无法导入 / "${filename}" is corrupt: sizes in the zip directory do not match the content`,
  );
}

function limitError(error: DocxLimitError, filename: string, limits: ImportLimits): AppError {
  switch (error.problem) {
    case 'DOCX_UNPACKED_TOO_LARGE':
      return tooLarge(limits);
    case 'DOCX_TOO_COMPLEX':
      return tooComplex(limits);
    case 'DOCX_SIZE_MISMATCH':
      return sizeMismatch(filename, error.part ?? '');
    case 'DOCX_TOO_MANY_ENTRIES':
      return appError('PLAN_SOURCE_TOO_LARGE', `Word 文件中的部件超过 ${limits.docxEntries} 个，无法导入`, {
        problem: 'DOCX_TOO_MANY_ENTRIES',
        limit: limits.docxEntries,
      });
  }
}

/** The plain text of a .docx through mammoth, reading only the bounded XML parts. */
export async function docxText(bytes: Buffer, filename: string, limits: ImportLimits): Promise<string> {
  try {
    const input = await boundedDocxInput(bytes, {
      xmlBytes: limits.docxXmlBytes,
      xmlTags: limits.docxXmlTags,
      entries: limits.docxEntries,
    });
    return (await mammoth.extractRawText(input)).value;
  } catch (error) {
    if (error instanceof DocxLimitError) throw limitError(error, filename, limits);
    if (error instanceof AppError) throw error;
    // The zip reader's and mammoth's own words (zip internals, XML paths) stay in the cause, for the log.
    throw new PlanSourceError(
      'UNREADABLE_DOCX',
      `无法读取 Word 文件“${filename}”，文件可能已损坏或不是 .docx 格式 / Cannot read "${filename}": not a valid .docx file`,
      error,
    );
  }
}
