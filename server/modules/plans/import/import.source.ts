/**
 * Bytes or a file → the plain text of a plan: .txt in UTF-8 (with or without BOM) or GB18030, and
 * .docx through mammoth (import.docx.ts, bounded unpacking). The parser itself never touches files.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { appError } from '../../../core/errors.ts';
import { docxText } from './import.docx.ts';
import { PlanSourceError } from './import.errors.ts';
import type { ImportLimits } from './import.limits.ts';

export { PlanSourceError } from './import.errors.ts';

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** UTF-8 when the bytes are valid UTF-8 (a BOM is dropped), GB18030 otherwise. */
export function decodePlanText(bytes: Buffer): string {
  const hasBom = UTF8_BOM.every((b, i) => bytes[i] === b);
  const body = hasBom ? bytes.subarray(3) : bytes;
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    // Not valid UTF-8: Chinese Windows saves text as GB18030 (a superset of GBK and GB2312).
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** Refuses a text longer than the parser is allowed to read (422 PLAN_SOURCE_TOO_LARGE). */
export function checkTextLength(text: string, limits: ImportLimits): string {
  if (text.length > limits.textChars)
    throw appError(
      'PLAN_SOURCE_TOO_LARGE',
      `文本共 ${text.length} 字，超过导入上限 ${limits.textChars} 字；请确认文件是一份工作要点，或拆分后再导入`,
      { problem: 'TEXT_TOO_LONG', limit: limits.textChars, length: text.length },
    );
  return text;
}

/** The text of an uploaded plan, by its file name's extension, within the limits. */
export async function readPlanSource(bytes: Buffer, filename: string, limits: ImportLimits): Promise<string> {
  const extension = extname(filename).toLowerCase();
  if (extension === '.txt') return checkTextLength(decodePlanText(bytes), limits);
  if (extension === '.docx') return checkTextLength(await docxText(bytes, filename, limits), limits);
  throw new PlanSourceError(
    'UNSUPPORTED_EXTENSION',
    `不支持的文件类型“${extension || '无扩展名'}”，请上传 .txt 或 .docx 文件（.doc 请先另存为 .docx）/ Unsupported file type "${extension || 'none'}": use .txt or .docx (save .doc as .docx first)`,
  );
}

/** The text of a plan file on disk, for the CLI. */
export async function readPlanFile(path: string, limits: ImportLimits): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      throw new PlanSourceError('FILE_NOT_FOUND', `找不到文件“${path}” / File not found: ${path}`);
    throw new PlanSourceError(
      'FILE_UNREADABLE',
      `无法读取文件“${path}”（${code ?? '未知错误'}）/ Cannot read file: ${path} (${code ?? 'unknown error'})`,
    );
  }
  return readPlanSource(bytes, path, limits);
}
