// Preview (预览): source text → outline, with the stored keyword map, before anything is saved.
import { appError } from '../../core/errors.ts';
import type { Services } from '../../core/services.ts';
import { parsePlan } from './parser/index.ts';
import { loadUnitKeywords } from './plan.keywords.ts';
import { readPlanSource } from './plan.source.ts';

export async function previewText(s: Services, text: string) {
  if (!text.trim()) throw appError('BAD_REQUEST', '文件中没有可识别的文字');
  const { keywords } = await loadUnitKeywords(s.db.kysely);
  return { text, outline: parsePlan(text, { unitKeywords: keywords }) };
}

/** The text of an uploaded .txt/.docx file (unsupported types and corrupt files answer 400). */
export async function textOfUpload(bytes: Buffer, filename: string): Promise<string> {
  return readPlanSource(bytes, filename);
}
