/**
 * Bytes or a file → the plain text of a plan: .txt in UTF-8 (with or without BOM) or GB18030, and
 * .docx through mammoth. The parser itself never touches files.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import mammoth from 'mammoth';
import { AppError } from '../../../core/errors.ts';

export type PlanSourceProblem =
  'UNSUPPORTED_EXTENSION' | 'UNREADABLE_DOCX' | 'FILE_NOT_FOUND' | 'FILE_UNREADABLE';

/** A source the plan importer cannot read; `problem` says why, the message says it in Chinese and English. */
export class PlanSourceError extends AppError {
  constructor(
    readonly problem: PlanSourceProblem,
    message: string,
    cause?: unknown,
  ) {
    super('BAD_REQUEST', message, { problem });
    this.name = 'PlanSourceError';
    if (cause !== undefined) this.cause = cause;
  }
}

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

async function docxText(bytes: Buffer, filename: string): Promise<string> {
  try {
    const result = await mammoth.extractRawText({ buffer: bytes });
    return result.value;
  } catch (error) {
    // mammoth's own words (zip internals, XML paths) stay in the cause, for the server log only.
    throw new PlanSourceError(
      'UNREADABLE_DOCX',
      `无法读取 Word 文件“${filename}”，文件可能已损坏或不是 .docx 格式 / Cannot read "${filename}": not a valid .docx file`,
      error,
    );
  }
}

/** The text of an uploaded plan, by its file name's extension. */
export async function readPlanSource(bytes: Buffer, filename: string): Promise<string> {
  const extension = extname(filename).toLowerCase();
  if (extension === '.txt') return decodePlanText(bytes);
  if (extension === '.docx') return docxText(bytes, filename);
  throw new PlanSourceError(
    'UNSUPPORTED_EXTENSION',
    `不支持的文件类型“${extension || '无扩展名'}”，请上传 .txt 或 .docx 文件（.doc 请先另存为 .docx）/ Unsupported file type "${extension || 'none'}": use .txt or .docx (save .doc as .docx first)`,
  );
}

/** The text of a plan file on disk, for the CLI. */
export async function readPlanFile(path: string): Promise<string> {
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
  return readPlanSource(bytes, path);
}
