// The case's whole story on one line of time: its own timeline (submitted → accepted → forwarded →
// answered → rated → adopted → turned into a task → task completed) with the linked task's accepted
// progress reports placed at the time they were accepted.
import type { CaseDetail, CaseEvent, CaseVocabulary } from './api';

export interface StoryEntry {
  key: string;
  at: string;
  title: string;
  actor: string | null;
  detail: string;
  // Marks the steps a proposer looks for (the case moved to another state, the task finished).
  kind: 'step' | 'record' | 'report' | 'done';
}

const str = (v: unknown) => (typeof v === 'string' && v ? v : null);
const labelOf = (list: { value: string; label: string }[] | undefined, v: unknown) =>
  typeof v === 'string' ? (list?.find((x) => x.value === v)?.label ?? v) : null;

/** What a timeline entry recorded, in one line (units, dates, rating, 批示 …). */
function detailOf(e: CaseEvent, vocabulary: CaseVocabulary | null): string {
  const p = e.payload;
  const parts: string[] = [];
  if (Array.isArray(p.invited)) parts.push(`邀请：${p.invited.join('、')}`);
  if (str(p.confirmBy)) parts.push(`确认截止：${str(p.confirmBy)}`);
  if (str(p.status)) parts.push(String(p.status));
  if (str(p.leadUnit)) parts.push(`主办：${str(p.leadUnit)}`);
  if (Array.isArray(p.cooperatingUnits) && p.cooperatingUnits.length)
    parts.push(`协办：${p.cooperatingUnits.join('、')}`);
  if (str(p.dueDate)) parts.push(`期限：${str(p.dueDate)}`);
  if (str(p.returnedBy)) parts.push(`申请单位：${str(p.returnedBy)}`);
  if (str(p.category)) parts.push(`办理结果：${labelOf(vocabulary?.answerCategories, p.category)}`);
  if (p.role === 'cooperating') parts.push('协办意见');
  if (p.onTime === false) parts.push('逾期答复');
  if (typeof p.round === 'number' && p.round > 1) parts.push(`第 ${p.round} 轮`);
  if (str(p.rating)) parts.push(`评价：${str(p.rating)}`);
  if (str(p.leader)) parts.push(`${labelOf(vocabulary?.instructionLevels, p.level)} ${str(p.leader)}`);
  if (str(p.givenOn)) parts.push(`批示日期：${str(p.givenOn)}`);
  if (str(p.mainTitle)) parts.push(`并入《${str(p.mainTitle)}》`);
  if (str(p.title) && str(p.submitter)) parts.push(`《${str(p.title)}》（${str(p.submitter)}）`);
  if (e.comment) parts.push(`意见：${e.comment}`);
  return parts.join('；');
}

export function storyOf(c: CaseDetail, vocabulary: CaseVocabulary | null): StoryEntry[] {
  const entries: StoryEntry[] = c.timeline.map((e) => ({
    key: `e${e.id}`,
    at: e.at,
    title: e.from !== e.to ? `${e.actionLabel} · ${e.toLabel}` : e.actionLabel,
    actor: e.actorName,
    detail: detailOf(e, vocabulary),
    kind: e.action === 'task_completed' ? 'done' : e.from !== e.to ? 'step' : 'record',
  }));
  for (const r of c.task?.reports ?? []) {
    if (!r.acceptedAt) continue;
    entries.push({
      key: `r${r.periodKey}`,
      at: r.acceptedAt,
      title: `任务进度报告 · ${r.periodLabel}`,
      actor: null,
      detail: r.percent === null ? '报告已审核' : `完成 ${r.percent}%，报告已审核`,
      kind: 'report',
    });
  }
  return entries.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}
