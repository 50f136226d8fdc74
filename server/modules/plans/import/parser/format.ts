/** A plain-text rendering of an outline for the terminal (`luoshi plan parse FILE`). */
import type { PlanNode, PlanOutline } from './outline.ts';

const PREVIEW = 40;

function preview(text: string): string {
  const line = text.replace(/\n/g, ' ');
  return line.length > PREVIEW ? `${line.slice(0, PREVIEW)}…` : line;
}

function label(node: PlanNode): string {
  const number = node.number === null ? '·' : node.number;
  const heading = node.heading.length > 0 ? node.heading : `（无标题）${preview(node.body)}`;
  return `${number} ${heading}`;
}

function nodeLines(node: PlanNode, depth: number): string[] {
  const pad = '  '.repeat(depth);
  const lines = [`${pad}${label(node)}`];
  if (node.lead.length > 0) lines.push(`${pad}    牵头：${node.lead.join('、')}`);
  if (node.cooperating.length > 0) lines.push(`${pad}    配合：${node.cooperating.join('、')}`);
  if (node.brandActivities.length > 0) lines.push(`${pad}    品牌活动：${node.brandActivities.join('、')}`);
  if (node.proposedTasks.length > 0) lines.push(`${pad}    建议任务：${node.proposedTasks.length} 项`);
  for (const child of node.children) lines.push(...nodeLines(child, depth + 1));
  return lines;
}

export function formatOutline(outline: PlanOutline): string {
  const lines = [`标题：${outline.title || '（未识别）'}`, `年份：${outline.year ?? '（未识别）'}`];
  if (outline.preamble) lines.push(`导语：${preview(outline.preamble)}`);
  lines.push('');
  for (const node of outline.nodes) lines.push(...nodeLines(node, 0));
  lines.push('');
  if (outline.closing) lines.push(`结束语：${preview(outline.closing)}`);
  if (outline.brandActivities.length > 0)
    lines.push(`品牌活动（${outline.brandActivities.length}）：${outline.brandActivities.join('、')}`);
  if (outline.removed.length > 0) {
    lines.push(`已删除的网页杂项（${outline.removed.length}）：`);
    for (const line of outline.removed) lines.push(`  - ${preview(line)}`);
  }
  if (outline.warnings.length > 0) {
    lines.push(`提示（${outline.warnings.length}）：`);
    for (const w of outline.warnings) lines.push(`  [位置 ${w.offset}] ${w.message}`);
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
