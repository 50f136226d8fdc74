/**
 * A proposal's .docx → the draft's title and three parts (情况, 分析, 建议), saving nothing. The file is
 * opened through core/files/docx.ts, the plan import's bounded reader (only the XML parts inflated,
 * declared and actual sizes counted, entries and tags bounded); mammoth reads the document tree, from
 * which we keep each paragraph's text, whether Word styles it as a heading, and whether it is all bold.
 * Pictures are never read. Errors have stable codes (PROPOSAL_DOCX_UNREADABLE, PROPOSAL_DOCX_TOO_LARGE)
 * with `details.problem` saying which check failed.
 */
import mammoth from 'mammoth';
import { AppError, appError } from '../../../core/errors.ts';
import { boundedDocxInput, DocxLimitError, type DocxLimits } from '../../../core/files/docx.ts';
import { proposalParts, type Paragraph, type ProposalDraft } from './proposal-parts.ts';

export type { ProposalDraft } from './proposal-parts.ts';

/** Bounds on one proposal import (docs/decisions/proposal-docx-import.md). */
export const PROPOSAL_DOCX_LIMITS = {
  /** The uploaded file: a proposal with a few pictures. */
  uploadBytes: 10 * 1024 * 1024,
  /**
   * Unpacked XML, its tags and the zip's entries. mammoth is synchronous work on the request thread (the plan
   * import has a worker pool, a proposal does not need one): a few-page proposal written in Word or WPS
   * holds 10,000–20,000 tags with its styles; 60,000 tags cost about 0.5 s here, the most one import may
   * hold the thread.
   */
  docx: { xmlBytes: 2 * 1024 * 1024, xmlTags: 60_000, entries: 1000 } satisfies DocxLimits,
  /** Characters of text in the document (a proposal runs 1,500–5,000). */
  textChars: 50_000,
} as const;

const ZIP_SIGNATURE = Buffer.from('504b0304', 'hex');
const OLE_SIGNATURE = Buffer.from('d0cf11e0a1b11ae1', 'hex');

const notDocx = (problem: string, message: string, cause?: unknown): AppError => {
  const error = appError('PROPOSAL_DOCX_UNREADABLE', message, { problem });
  if (cause !== undefined) error.cause = cause;
  return error;
};

function tooLarge(problem: string, message: string, limit: number): AppError {
  return appError('PROPOSAL_DOCX_TOO_LARGE', message, { problem, limit });
}

function limitError(error: DocxLimitError): AppError {
  const { docx } = PROPOSAL_DOCX_LIMITS;
  switch (error.problem) {
    case 'DOCX_UNPACKED_TOO_LARGE':
      return tooLarge(
        error.problem,
        `Word 文件解压后的内容超过 ${docx.xmlBytes / 1024 / 1024} MB 上限，不像一份提案；请删去无关内容后再导入`,
        docx.xmlBytes,
      );
    case 'DOCX_TOO_COMPLEX':
      return tooLarge(
        error.problem,
        `Word 文件的排版元素超过 ${docx.xmlTags} 个上限，无法导入；请把正文复制到表单中`,
        docx.xmlTags,
      );
    case 'DOCX_TOO_MANY_ENTRIES':
      return tooLarge(error.problem, `Word 文件中的部件超过 ${docx.entries} 个，无法导入`, docx.entries);
    case 'DOCX_SIZE_MISMATCH':
      return notDocx(error.problem, 'Word 文件的压缩目录与实际内容不符，文件已损坏或被篡改，无法导入');
  }
}

/** Refuses what is plainly not a .docx before unzipping anything, with the reason a person can act on. */
function checkKind(bytes: Buffer): void {
  if (bytes.length === 0) throw notDocx('EMPTY', '上传的文件是空的，请重新选择提案的 Word 文件');
  if (bytes.length > PROPOSAL_DOCX_LIMITS.uploadBytes)
    throw tooLarge(
      'FILE_TOO_LARGE',
      `文件超过 ${PROPOSAL_DOCX_LIMITS.uploadBytes / 1024 / 1024} MB，无法导入；请删去图片或把正文复制到表单中`,
      PROPOSAL_DOCX_LIMITS.uploadBytes,
    );
  if (bytes.subarray(0, 8).equals(OLE_SIGNATURE))
    throw notDocx('LEGACY_DOC', '这是旧版 Word（.doc）或 WPS 文件，请在 Word/WPS 中另存为 .docx 后再导入');
  if (!bytes.subarray(0, 4).equals(ZIP_SIGNATURE))
    throw notDocx('NOT_DOCX', '该文件不是 Word（.docx）文件，请选择提案的 .docx 文件');
}

// mammoth's document tree, as far as we read it (lib/documents.js).
interface DocElement {
  type: string;
  value?: string;
  styleId?: string | null;
  styleName?: string | null;
  isBold?: boolean;
  children?: DocElement[];
}

const HEADING_STYLE = /^(heading\s*\d|title|标题\s*\d?|标题)$/i;

function textOf(element: DocElement): string {
  if (element.type === 'text') return element.value ?? '';
  if (element.type === 'tab') return '\t';
  if (element.type === 'break') return '\n';
  return (element.children ?? []).map(textOf).join('');
}

/** Runs of a paragraph with text in them, through hyperlinks and the like. */
function runsOf(element: DocElement): DocElement[] {
  if (element.type === 'run') return textOf(element).trim() ? [element] : [];
  return (element.children ?? []).flatMap(runsOf);
}

/** Every paragraph in document order, those in tables too. */
function collectParagraphs(element: DocElement, into: Paragraph[]): void {
  if (element.type === 'paragraph') {
    const runs = runsOf(element);
    into.push({
      text: textOf(element),
      heading: HEADING_STYLE.test(element.styleName ?? '') || /^heading\d$/i.test(element.styleId ?? ''),
      bold: runs.length > 0 && runs.every((run) => run.isBold),
    });
    return;
  }
  for (const child of element.children ?? []) collectParagraphs(child, into);
}

async function paragraphsOf(bytes: Buffer): Promise<Paragraph[]> {
  const input = await boundedDocxInput(bytes, PROPOSAL_DOCX_LIMITS.docx);
  const paragraphs: Paragraph[] = [];
  await mammoth.convertToHtml(input, {
    // We read the tree and hand mammoth an empty document back: no HTML is built, no picture read.
    transformDocument: (document: DocElement) => {
      collectParagraphs(document, paragraphs);
      return { ...document, children: [] };
    },
  });
  return paragraphs;
}

/** The draft fields of a proposal .docx. Throws PROPOSAL_DOCX_UNREADABLE or PROPOSAL_DOCX_TOO_LARGE. */
export async function readProposalDocx(bytes: Buffer): Promise<ProposalDraft> {
  checkKind(bytes);
  let paragraphs: Paragraph[];
  try {
    paragraphs = await paragraphsOf(bytes);
  } catch (error) {
    if (error instanceof DocxLimitError) throw limitError(error);
    // The zip reader's and mammoth's own words (zip internals, XML paths) stay in the cause, for the log.
    throw notDocx(
      'UNREADABLE_DOCX',
      '无法读取该 Word 文件：文件已损坏或不是 .docx 格式，请在 Word/WPS 中另存为 .docx 后再导入',
      error,
    );
  }
  const chars = paragraphs.reduce((n, p) => n + p.text.length, 0);
  if (chars > PROPOSAL_DOCX_LIMITS.textChars)
    throw tooLarge(
      'TEXT_TOO_LONG',
      `文件正文共 ${chars} 字，超过 ${PROPOSAL_DOCX_LIMITS.textChars} 字上限，不像一份提案；请确认文件后再导入`,
      PROPOSAL_DOCX_LIMITS.textChars,
    );
  if (chars === 0 || paragraphs.every((p) => !p.text.trim()))
    throw notDocx('NO_TEXT', 'Word 文件中没有文字（可能是扫描件或图片），请把提案正文复制到表单中');
  return proposalParts(paragraphs);
}
