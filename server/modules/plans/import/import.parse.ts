// One import, start to end, in whichever thread runs it: source (pasted text or file bytes) → text →
// outline, each step within the limits. The preview runs it in a parse worker (import.pool.ts); the
// console runs it in-process.
import { appError } from '../../../core/errors.ts';
import { countNodes } from '../plan.tree.ts';
import { parsePlan, type PlanOutline, type UnitKeyword } from './parser/index.ts';
import type { ImportLimits } from './import.limits.ts';
import { checkTextLength, readPlanSource } from './import.source.ts';

export type ImportSource =
  { kind: 'text'; text: string } | { kind: 'file'; bytes: Uint8Array; filename: string };

export interface ParsedSource {
  text: string;
  outline: PlanOutline;
}

export async function parseSource(
  source: ImportSource,
  unitKeywords: readonly UnitKeyword[],
  limits: ImportLimits,
): Promise<ParsedSource> {
  const text =
    source.kind === 'text'
      ? checkTextLength(source.text, limits)
      : await readPlanSource(Buffer.from(source.bytes), source.filename, limits);
  if (!text.trim()) throw appError('BAD_REQUEST', '文件中没有可识别的文字');
  const outline = parsePlan(text, { unitKeywords: [...unitKeywords] });
  const nodes = countNodes(outline.nodes);
  if (nodes > limits.outlineNodes)
    throw appError(
      'PLAN_OUTLINE_TOO_LARGE',
      `识别出 ${nodes} 个条目，超过上限 ${limits.outlineNodes} 个；请检查文件是否为一份工作要点，或拆分后再导入`,
      { limit: limits.outlineNodes, nodes },
    );
  return { text, outline };
}
