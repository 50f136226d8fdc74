/** Proposed tasks: a node's body split into sentences, keeping those that ask for action. */
import type { ProposedTask, UnitKeyword } from './outline.ts';
import { tidy } from './text.ts';
import { unitForText, withoutHints } from './units.ts';

const ACTION =
  /(加强|推动|推进|开展|组织|建立|健全|完善|落实|深化|提高|提升|打造|举办|支持|引导|做好|抓好|强化|构建|发挥|实施|召开|培训|贯彻|建设|探索|促进|助推|擦亮|做深|做实|鼓励|帮助|配齐|坚持|围绕|聚焦|巩固|拓展|弘扬|运用|把握|谋划|处理|解决|确保|维护|防范|化解|营造|凝聚|团结|服务|扩大|培养|选拔|举荐|宣传|学习|研究|制定|出台|修订|督促|检查|考核|评估|了解|掌握|挖掘|密切|引进|增强|开创|夯实|筑牢|铸牢|优化|规范|指导|推荐|安排|落地|办好|建好|用好|开好|管好|选好|做优|做强)/;
const MIN_LENGTH = 4;

export interface TaskContext {
  lead: readonly string[];
  /** Headings of the node and its ancestors, nearest first, for the keyword fallback. */
  headings: readonly string[];
  keywords: readonly UnitKeyword[];
}

function sentencesOf(body: string): string[] {
  return withoutHints(body)
    .split(/(?<=[。；;！!？?\n])/)
    .map((s) => tidy(s).replace(/^[，,、：:]+|[，,、]+$/g, ''))
    .filter((s) => s.replace(/[。；;！!？?]/g, '').length >= MIN_LENGTH);
}

function isActionable(sentence: string): boolean {
  return ACTION.test(sentence);
}

function suggestLead(sentence: string, context: TaskContext): string | null {
  const [hinted] = context.lead;
  if (hinted !== undefined) return hinted;
  for (const text of [sentence, ...context.headings]) {
    const unit = unitForText(text, context.keywords);
    if (unit) return unit;
  }
  return null;
}

export function proposeTasks(text: string, context: TaskContext): ProposedTask[] {
  return sentencesOf(text)
    .filter(isActionable)
    .map((sentence) => ({ text: sentence, suggestedLead: suggestLead(sentence, context) }));
}
